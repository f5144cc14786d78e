import { Typography } from 'antd';

/** 督办看板 — to be built (issue 4). */
export function DashboardPage() {
  return <Typography.Title level={3}>督办看板</Typography.Title>;
}
