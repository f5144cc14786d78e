import { Typography } from 'antd';

/** 提醒督办 — to be built (issue 4). */
export function EscalationsPage() {
  return <Typography.Title level={3}>提醒督办</Typography.Title>;
}
