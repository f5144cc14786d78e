import { Typography } from 'antd';

/** 报送事项详情 — to be built (issue 4). */
export function DeliverablePage() {
  return <Typography.Title level={3}>报送事项详情</Typography.Title>;
}
