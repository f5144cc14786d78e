import { Typography } from 'antd';

/** 导入通知 — to be built (issue 4). */
export function ImportPage() {
  return <Typography.Title level={3}>导入通知</Typography.Title>;
}
