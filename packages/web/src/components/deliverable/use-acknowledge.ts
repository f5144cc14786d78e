/** 签收 of one assignment from a list: the button's busy state, the failure message, then a reload. */
import { App } from 'antd';
import { useState } from 'react';
import { type Assignment, deliverablesApi } from '../../api/deliverables.ts';
import { messageOf } from './form-errors.ts';

export function useAcknowledge(reload: () => Promise<unknown>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const acknowledge = async (a: Pick<Assignment, 'id' | 'taskNo'>) => {
    setBusy(a.id);
    setFailed(null);
    try {
      await deliverablesApi.acknowledge(a.id);
      message.success(`已签收第${a.taskNo}项任务`);
      await reload();
    } catch (e) {
      setFailed(`第${a.taskNo}项签收未成功：${messageOf(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, failed, acknowledge };
}
