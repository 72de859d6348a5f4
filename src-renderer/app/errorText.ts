import { OperationError, ValidationError } from '../../src-shared/errors';

const CJK = /[\u4e00-\u9fff]/;

/** The message to show a clerk for an error thrown by a repository, a tree operation, the network or the browser. */
export function errorText(error: unknown): string {
  if (error instanceof ValidationError || error instanceof OperationError || error instanceof ServerProblem) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (isNetworkError(error)) return `${NETWORK_FAILURE}数据没有改动，请稍后重试。`;
  if (error instanceof Error && error.name === 'QuotaExceededError') return '本机磁盘空间不足，操作未完成：请清理磁盘后重试；已保存的数据不受影响。';
  // A message in Chinese was written for the clerk; a browser's or library's English one is not shown as it is.
  if (CJK.test(message)) return `操作未完成：${message}。数据没有改动，请重试。`;
  return `操作未完成：程序出现意外错误，数据没有改动。请重试；如仍出错，请联系街道党建办（错误类型：${error instanceof Error ? error.name : '未知'}）。`;
}

/** A failure talking to the street server, already worded for the clerk. */
export class ServerProblem extends Error {
  override name = 'ServerProblem';
}

const NETWORK_FAILURE = '连不上街道服务器：可能是网络断开、服务器地址有误或服务器未开启。请检查本机网络，或请街道党建办确认同步服务正在运行。';

/** What fetch throws when nothing answers ("Failed to fetch", "NetworkError when attempting to fetch resource"). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/**
 * Fetches JSON from the street server; every failure becomes a Chinese message saying what happened and what to do:
 * no answer, an answer that refuses (the server's own Chinese reason), or one that is not what was expected.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ServerProblem(isNetworkError(error) ? NETWORK_FAILURE : errorText(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ServerProblem(`街道服务器的回答无法识别（状态 ${response.status}）：地址可能指向了别的服务。请核对连接串中的服务器地址。`);
  }
  if (!response.ok) {
    const reason = (body as { error?: string } | null)?.error;
    // 400: the request itself is wrong (a field, a choice): the server's reason is the fix.
    if (response.status === 400 && reason && CJK.test(reason)) throw new ServerProblem(reason);
    throw new ServerProblem(`街道服务器拒绝了请求：${reason && CJK.test(reason) ? reason : `状态 ${response.status}`}。请向街道党建办重新索取连接串。`);
  }
  return body as T;
}
