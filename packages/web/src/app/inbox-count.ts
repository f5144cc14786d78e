import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../api/client.ts';

/** Unread notifications, refreshed on every page change and once a minute. */
export function useInboxCount(): number {
  const [count, setCount] = useState(0);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh when the page changes.
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.get<{ unread: number }>('/api/notifications?unread=true&limit=1').then(
        (r) => alive && setCount(r.unread),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, 60_000);
    // The inbox page says when it marked notifications read, so the bell follows at once.
    window.addEventListener('luoshi:inbox-changed', load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('luoshi:inbox-changed', load);
    };
  }, [location.pathname]);
  return count;
}
