import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../api/client.ts';
import { getLeaderQueue } from '../api/inbox.ts';

/** A count from the server, refreshed on every page change, once a minute and when the inbox changes. */
function usePolledCount(load: (() => Promise<number>) | null): number {
  const [count, setCount] = useState(0);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh when the page changes.
  useEffect(() => {
    if (!load) return;
    let alive = true;
    const refresh = () =>
      load().then(
        (n) => alive && setCount(n),
        () => undefined,
      );
    void refresh();
    const timer = setInterval(refresh, 60_000);
    // The inbox page says when it marked notifications read, so the bell follows at once.
    window.addEventListener('luoshi:inbox-changed', refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('luoshi:inbox-changed', refresh);
    };
  }, [location.pathname, load]);
  return count;
}

const unreadCount = async () =>
  (await api.get<{ unread: number }>('/api/notifications?unread=true&limit=1')).unread;
const leaderQueueCount = async () => (await getLeaderQueue()).length;

/** Unread notifications. */
export function useInboxCount(): number {
  return usePolledCount(unreadCount);
}

/** Reports waiting for my approval (only a leader has any; nobody else asks). */
export function useApprovalCount(isLeader: boolean): number {
  return usePolledCount(isLeader ? leaderQueueCount : null);
}
