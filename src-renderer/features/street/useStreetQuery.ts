import { useCallback, useEffect, useState } from 'react';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText, fetchJson } from '../../app/errorText';
import { httpBase } from '../../sync/syncSession';

/**
 * One of the street server's read APIs (/api/<path>) with the street's token: the answer, or the Chinese reason it
 * failed; asked again when the parameters change or on reload. An answer that arrives after the parameters changed is
 * dropped.
 */
export function useStreetQuery<T>(settings: ConnectionSettings, path: string, params: Record<string, string>): { data: T | null; error: string; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [round, setRound] = useState(0);
  const query = new URLSearchParams({ token: settings.token, ...params }).toString();
  useEffect(() => {
    let live = true;
    fetchJson<T>(`${httpBase(settings.serverUrl)}/api/${path}?${query}`)
      .then((d) => live && (setData(d), setError('')))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [settings.serverUrl, path, query, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, reload };
}
