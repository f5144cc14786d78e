import { Typography } from 'antd';

/** 任务清单详情 — to be built (issue 4). */
export function PlanPage() {
  return <Typography.Title level={3}>任务清单详情</Typography.Title>;
}
