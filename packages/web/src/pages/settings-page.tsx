import { Typography } from 'antd';

/** 设置 — to be built (issue 4). */
export function SettingsPage() {
  return <Typography.Title level={3}>设置</Typography.Title>;
}
