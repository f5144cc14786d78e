import { Typography } from 'antd';

/** 通知 — to be built (issue 4). */
export function NotificationsPage() {
  return <Typography.Title level={3}>通知</Typography.Title>;
}
