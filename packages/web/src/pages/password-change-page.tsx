/**
 * 修改密码 before anything else: shown in place of every page while the server says the password
 * must change (set by an administrator, or past its validity). Changing it opens the app.
 */
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ApiError } from '../api/client.ts';
import { useMe, useSession } from '../app/session.tsx';
import { ChangePasswordForm } from '../components/account/change-password-form.tsx';
import { CenteredCard } from '../components/centered-card.tsx';

export function PasswordChangePage() {
  const me = useMe();
  const { logout, refresh } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const why =
    me.user.mustChangePassword === 'expired'
      ? '您的密码已超过有效期，请修改后继续使用。'
      : '首次登录，请先修改管理员为您设置的密码。';

  return (
    <CenteredCard maxWidth={420}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        修改密码
      </Typography.Title>
      <Alert
        type="warning"
        showIcon
        title={why}
        description={`${me.user.displayName}（${me.user.username}）`}
        style={{ marginBottom: 16 }}
      />
      {error && (
        <Alert type="error" showIcon role="alert" title={error.message} style={{ marginBottom: 16 }} />
      )}
      <ChangePasswordForm onError={setError} onChanged={refresh} />
      <Button
        type="link"
        style={{ marginTop: 8, padding: 0 }}
        onClick={async () => {
          await logout();
          navigate('/login');
        }}
      >
        退出登录
      </Button>
    </CenteredCard>
  );
}
