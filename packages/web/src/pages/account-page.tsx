/**
 * 账号安全: change one's own password (修改密码) and see where one is signed in (登录设备): end a
 * device, or every other one at once.
 */
import { Alert, App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { endMyOtherSessions, endMySession, listMySessions, type SessionRow } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ChangePasswordForm } from '../components/account/change-password-form.tsx';
import { SessionsTable } from '../components/account/sessions-table.tsx';
import { ErrorAlert } from '../components/error-result.tsx';

export function AccountPage() {
  const { message } = App.useApp();
  const { logout } = useSession();
  const navigate = useNavigate();
  const sessions = useApi(listMySessions, []);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  const run = async (id: string, work: () => Promise<unknown>, done: string) => {
    setBusyId(id);
    try {
      await work();
      void message.success(done);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusyId(null);
      void sessions.reload();
    }
  };

  const end = async (s: SessionRow) => {
    if (s.current) {
      await logout();
      navigate('/login');
      return;
    }
    await run(s.id, () => endMySession(s.id), '该设备已退出登录');
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        账号安全
      </Typography.Title>
      <Card title="修改密码" style={{ maxWidth: 560 }}>
        {formError && (
          <Alert type="error" showIcon role="alert" title={formError.message} style={{ marginBottom: 16 }} />
        )}
        <ChangePasswordForm
          onError={setFormError}
          onChanged={(ended) => {
            void message.success(ended > 0 ? `密码已修改，其他 ${ended} 台设备已退出登录` : '密码已修改');
            void sessions.reload();
          }}
        />
      </Card>
      <Card
        title="登录设备"
        extra={
          <Popconfirm
            title="退出其他所有设备？"
            description="除本设备外，其他设备上的登录都会结束。"
            okText="全部退出"
            cancelText="取消"
            disabled={others === 0}
            onConfirm={() => run('others', endMyOtherSessions, '其他设备已全部退出登录')}
          >
            <Button danger disabled={others === 0} loading={busyId === 'others'}>
              退出其他所有设备
            </Button>
          </Popconfirm>
        }
      >
        <ErrorAlert error={sessions.error} />
        <SessionsTable
          sessions={sessions.data ?? []}
          loading={sessions.loading}
          busyId={busyId}
          onEnd={(s) => void end(s)}
        />
      </Card>
    </Space>
  );
}
