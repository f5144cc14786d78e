import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';

/** Load something from the API, with loading and error state and a reload. */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setLoading(false);
    }
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader depends on.
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}
