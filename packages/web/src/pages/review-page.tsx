import { Typography } from 'antd';

/** 审核报告 — to be built (issue 4). */
export function ReviewPage() {
  return <Typography.Title level={3}>审核报告</Typography.Title>;
}
