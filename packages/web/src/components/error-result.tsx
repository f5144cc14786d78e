import { Alert } from 'antd';
import type { ApiError } from '../api/client.ts';

/** A page that could not load says why, in the server's words. */
export function ErrorAlert({ error }: { error: ApiError | null }) {
  if (!error) return null;
  const title = error.status === 403 ? '没有权限' : error.status === 404 ? '找不到' : '出错了';
  return <Alert type="error" showIcon title={title} description={error.message} role="alert" />;
}
