import { Typography } from 'antd';

/** 用户 — to be built (issue 4). */
export function UsersPage() {
  return <Typography.Title level={3}>用户</Typography.Title>;
}
