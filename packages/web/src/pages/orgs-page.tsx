import { Typography } from 'antd';

/** 组织目录 — to be built (issue 4). */
export function OrgsPage() {
  return <Typography.Title level={3}>组织目录</Typography.Title>;
}
