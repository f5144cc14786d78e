import { Typography } from 'antd';

/** 延期申请 — to be built (issue 4). */
export function ExtensionsPage() {
  return <Typography.Title level={3}>延期申请</Typography.Title>;
}
