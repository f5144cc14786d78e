import { Typography } from 'antd';

/** 报送事项 — to be built (issue 4). */
export function DeliverablesPage() {
  return <Typography.Title level={3}>报送事项</Typography.Title>;
}
