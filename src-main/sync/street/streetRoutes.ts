import type { IncomingMessage, ServerResponse } from 'node:http';
import { localDate } from '../../../src-shared/records/meeting/meetingCalendar';
import type { TokenClaims } from '../../../src-shared/sync/access';
import type { FeedQuery } from '../summaryStore';
import type { SyncServer } from '../syncServer';
import { verifyToken } from '../tokens';
import type { StreetService } from './streetService';

/** Street questions the answering worker takes: everything but the overview, the feed and raising a whistle. */
const WORKER_ROUTES = new Set(['/api/meeting-calendar', '/api/venue-availability', '/api/whistles', '/api/street-units', '/api/assessment', '/api/unit-assessment', '/api/unit-assessment/records', '/api/workbench', '/api/workbench/community']);

/**
 * The street's HTTP API. The token is checked here; the overview and the feed read the summaries (indexed SQLite, a
 * few ms); every other question is relayed to the answering worker and its JSON answer passed on as it came, so
 * nothing a street asks runs long on the thread that syncs the communities.
 */
export function handleStreetHttp(server: SyncServer, street: StreetService, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, body: string) => {
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
    res.end(body);
  };
  const reply = (status: number, body: unknown) => send(status, JSON.stringify(body));
  try {
    if (url.pathname === '/health') {
      const memory = server.memory();
      return reply(200, { ok: true, documents: memory.rooms, heldBytes: memory.heldBytes, connections: server.connectionCount(), rss: process.memoryUsage().rss });
    }
    const verified = verifyToken(server.store.secret, url.searchParams.get('token') ?? '');
    if (!verified.ok || server.store.isRevoked(verified.claims.jti)) return reply(401, { error: verified.ok ? '同步凭证已被停用' : verified.reason === 'expired' ? '同步凭证已过期' : '同步凭证无效' });
    const claims: TokenClaims = verified.claims;
    if (url.pathname === '/api/communities') return reply(200, server.communities(claims));
    if (url.pathname === '/api/feed') {
      const query = feedQuery(url.searchParams);
      if ('error' in query) return reply(400, { error: query.error });
      return reply(200, server.feed(claims, query));
    }
    if (url.pathname === '/api/whistles' && req.method === 'POST') {
      void readBody(req).then(
        (body) => server.raiseWhistle(claims, body).then(
          (answer) => reply(answer.status, answer.body),
          (error: unknown) => {
            log(`街道吹哨失败：${(error as Error).message}`);
            reply(503, { error: '街道服务器正忙，吹哨没有写入：请稍后重试' });
          },
        ),
        () => reply(400, { error: '请求内容过大或不完整' }),
      );
      return;
    }
    if (WORKER_ROUTES.has(url.pathname)) {
      const params = Object.fromEntries(url.searchParams);
      delete params.token;
      void street.ask(url.pathname, params, server.scopeOf(claims), localDate(Date.now())).then(
        (answer) => send(answer.status, answer.body),
        () => reply(503, { error: '街道汇总暂时没有答复（服务器正忙），请稍后重试；各社区的同步不受影响' }),
      );
      return;
    }
    return reply(404, { error: '没有这个接口' });
  } catch (error) {
    log(`街道接口出错：${(error as Error).message}`);
    return reply(500, { error: '服务器内部错误' });
  }
}

/** A small JSON body (a street whistle is a few KB); larger ones are refused. */
export function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error as Error);
      }
    });
    req.on('error', reject);
  });
}

/** The feed's paging and filters from a query string, or the reason it is refused. */
export function feedQuery(params: URLSearchParams): Omit<FeedQuery, 'scope'> | { error: string } {
  const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  const query: Omit<FeedQuery, 'scope'> = { since: number('since'), until: number('until'), limit: number('limit') };
  for (const [name, value] of Object.entries(query)) if (value !== undefined && !Number.isFinite(value)) return { error: `参数 ${name} 应为数字` };
  const after = params.get('after');
  if (after) {
    const match = /^(\d+)\.(\d+)$/.exec(after);
    if (!match) return { error: '翻页位置不正确，请从第一页重新查看' };
    query.after = { at: Number(match[1]), row: Number(match[2]) };
  }
  if (params.get('community')) query.community = params.get('community')!;
  if (params.get('collection')) query.collection = params.get('collection')!;
  if (params.get('by')) query.by = params.get('by')!;
  return query;
}

