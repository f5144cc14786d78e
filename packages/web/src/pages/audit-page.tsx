import { Typography } from 'antd';

/** 审计记录 — to be built (issue 4). */
export function AuditPage() {
  return <Typography.Title level={3}>审计记录</Typography.Title>;
}
