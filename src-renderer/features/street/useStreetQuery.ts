import type { CommunityStanding } from '../../../src-shared/street/streetAnswerTypes';
import { useCallback, useEffect, useState } from 'react';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText, fetchJson, ServerProblem } from '../../app/errorText';
import { httpBase } from '../../sync/syncSession';

/** How long a street page waits for an answer before it says so (the server's own limit is 60 s). */
export const STREET_QUERY_TIMEOUT_MS = 65_000;

export type { CommunityStanding };

/** One street API answer (/api/<path>) with the street's token, within the time limit, every failure in Chinese. */
export async function streetFetch<T>(settings: ConnectionSettings, path: string, params: Record<string, string>): Promise<T> {
  const query = new URLSearchParams({ token: settings.token, ...params }).toString();
  try {
    return await fetchJson<T>(`${httpBase(settings.serverUrl)}/api/${path}?${query}`, { signal: AbortSignal.timeout(STREET_QUERY_TIMEOUT_MS) });
  } catch (error) {
    if ((error as { name?: string }).name === 'TimeoutError' || (error instanceof ServerProblem && /TimeoutError|aborted/i.test(error.message))) {
      throw new ServerProblem('街道服务器 60 秒内没有答复：可能正在汇总大量数据。请稍后点“刷新”；各社区的同步不受影响。');
    }
    throw error;
  }
}

/** Every page of a paged street answer, one after another (for an export), each page's items picked out by `items`. */
export async function streetFetchAll<T extends { total: number }, R>(settings: ConnectionSettings, path: string, params: Record<string, string>, pageSize: number, items: (page: T) => R[]): Promise<R[]> {
  const all: R[] = [];
  for (let p = 1; ; p++) {
    const part = await streetFetch<T>(settings, path, { ...params, page: String(p), pageSize: String(pageSize) });
    all.push(...items(part));
    if (p * pageSize >= part.total) return all;
  }
}

/** While some community's figures are being brought up to date after its latest changes, the answer is asked again. */
const UPDATING_RETRY_MS = 3000;

/**
 * One of the street server's read APIs with the street's token: the answer, the Chinese reason it failed, whether it
 * is being asked (and for how many seconds, to show progress); asked again when the parameters change, on reload, and
 * a few seconds after an answer that says some community is still being updated. An answer that arrives after the
 * parameters changed is dropped.
 */
export function useStreetQuery<T>(settings: ConnectionSettings, path: string, params: Record<string, string>): { data: T | null; error: string; loading: boolean; seconds: number; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(params);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setSeconds(0);
    const started = Date.now();
    const tick = setInterval(() => live && setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    let retry: ReturnType<typeof setTimeout> | undefined;
    streetFetch<T>(settings, path, JSON.parse(key) as Record<string, string>)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError('');
        const standing = (d as { communities?: CommunityStanding[] } | null)?.communities;
        if (standing?.some((c) => c.updating && !c.problem)) retry = setTimeout(() => live && setRound((n) => n + 1), UPDATING_RETRY_MS);
      })
      .catch((e: unknown) => live && setError(errorText(e)))
      .finally(() => {
        clearInterval(tick);
        if (live) setLoading(false);
      });
    return () => {
      live = false;
      clearInterval(tick);
      clearTimeout(retry);
    };
  }, [settings, path, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, seconds, reload };
}
