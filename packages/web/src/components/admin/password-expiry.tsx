/** 密码有效期: after how many days users must change their password at login (0: never). */
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getSecuritySettings, putSecuritySettings } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import { useApi } from '../../app/use-api.ts';
import { ErrorAlert } from '../error-result.tsx';

export function PasswordExpiry() {
  const { message } = App.useApp();
  const settings = useApi(getSecuritySettings, []);
  const [days, setDays] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data) setDays(settings.data.passwordMaxAgeDays);
  }, [settings.data]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await putSecuritySettings({ passwordMaxAgeDays: days ?? 0 });
      void message.success(
        saved.passwordMaxAgeDays === 0
          ? '已设为密码永不过期'
          : `已设为密码 ${saved.passwordMaxAgeDays} 天后须修改`,
      );
      void settings.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="密码有效期" style={{ maxWidth: 560 }}>
      <ErrorAlert error={settings.error} />
      <Typography.Paragraph type="secondary">
        密码设置满规定天数后，用户下次登录须先修改密码（等保要求定期更换）。0 表示永不过期。
      </Typography.Paragraph>
      <Form layout="inline" onFinish={save}>
        <Form.Item
          label="密码有效期（天）"
          htmlFor="password-max-age-days"
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
        >
          <InputNumber
            id="password-max-age-days"
            min={0}
            max={3650}
            precision={0}
            value={days}
            onChange={setDays}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={settings.loading}>
            保存
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
