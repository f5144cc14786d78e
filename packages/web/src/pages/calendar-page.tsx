import { Typography } from 'antd';

/** 本单位日历 — to be built (issue 4). */
export function CalendarPage() {
  return <Typography.Title level={3}>本单位日历</Typography.Title>;
}
