import { Typography } from 'antd';

/** 任务清单 — to be built (issue 4). */
export function PlansPage() {
  return <Typography.Title level={3}>任务清单</Typography.Title>;
}
