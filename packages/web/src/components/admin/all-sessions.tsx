/** 登录设备 of every user (the administrator's view): who is signed in where; end any session. */
import { App, Card, Typography } from 'antd';
import { useState } from 'react';
import type { SessionRow } from '../../api/account.ts';
import { endAnySession, listAllSessions } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import { useApi } from '../../app/use-api.ts';
import { SessionsTable } from '../account/sessions-table.tsx';
import { ErrorAlert } from '../error-result.tsx';

export function AllSessions({ reloadKey }: { reloadKey: number }) {
  const { message } = App.useApp();
  const sessions = useApi(listAllSessions, [reloadKey]);
  const [busyId, setBusyId] = useState<string | null>(null);

  const end = async (s: SessionRow) => {
    setBusyId(s.id);
    try {
      await endAnySession(s.id);
      void message.success(`已让 ${s.user.displayName}（${s.user.username}）的该设备退出登录`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusyId(null);
      void sessions.reload();
    }
  };

  return (
    <Card
      title="登录设备"
      extra={
        <Typography.Text type="secondary">当前有效的登录 {sessions.data?.length ?? 0} 个</Typography.Text>
      }
    >
      <ErrorAlert error={sessions.error} />
      <SessionsTable
        sessions={sessions.data ?? []}
        loading={sessions.loading}
        showUser
        busyId={busyId}
        onEnd={(s) => void end(s)}
      />
    </Card>
  );
}
