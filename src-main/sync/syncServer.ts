import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { readCommunityInfo } from '../../src-shared/community/communityInfo';
import type { MeetingType } from '../../src-shared/records';
import { communityCalendar, frequencyOverrides, localDate, type CalendarFacts } from '../../src-shared/records/meeting/meetingCalendar';
import { factsOfBookings } from '../../src-shared/records/booking/bookingFacts';
import type { AvailabilityQuery } from '../../src-shared/records/booking/bookingRules';
import { availabilityQuery, streetFreeVenues, type CommunityVenues } from '../../src-shared/records/booking/streetAvailability';
import { createRepositories } from '../../src-shared/repository/repositories';
import { yearAssessment, type AssessmentPerson, type GradeFacts } from '../../src-shared/records/volunteer/memberAssessment';
import type { ReportFacts } from '../../src-shared/records/volunteer/inServiceFigures';
import type { ActivityFacts } from '../../src-shared/records/volunteer/pointsLedger';
import { CommunitySettings, SETTINGS_MAP_NAME } from '../../src-shared/settings/communitySettings';
import { unitAssessmentInputs } from '../../src-shared/records/coBuilding/coBuildingFacts';
import type { CoBuildingSettings } from '../../src-shared/records/coBuilding/coBuildingSettings';
import { raiseStreetWhistle, streetWhistleRequest, whistleRows, type CommunityWhistles } from '../../src-shared/records/coBuilding/streetWhistles';
import { unitAssessment, type UnitAssessmentInputs } from '../../src-shared/records/coBuilding/unitAssessment';
import type { WhistleFacts } from '../../src-shared/records/coBuilding/whistleRules';
import { canRead, canWrite, CLOSE_CODES, isDocumentName, SERVER_CLOSE_REASONS, type TokenClaims } from '../../src-shared/sync/access';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, readSyncFrame } from '../../src-shared/sync/syncFrame';
import { requireWholeUpdate, type UpdateFacts } from '../../src-shared/sync/updateCheck';
import { readStoredDocument } from './storedDocument';
import { DocumentLog } from './documentLog';
import { SyncStore } from './syncStore';
import { SummaryStore, type FeedQuery } from './summaryStore';
import { verifyToken } from './tokens';


export interface SyncServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  /** PEM certificate and key: serve wss:// instead of ws://. */
  tls?: { cert: string; key: string };
  /** Largest WebSocket message accepted (bytes); larger ones close the connection with 1009. */
  maxPayload?: number;
  /** Compact a document's log once it holds this many rows. */
  compactAfter?: number;
  /** Bytes of merged documents kept in memory across all communities; beyond it the least recently used are released. */
  memoryBudgetBytes?: number;
  /** A community nobody is connected to and nobody asked about for this long is dropped from memory. */
  idleMs?: number;
  log?: (line: string) => void;
}

interface Connection {
  ws: WebSocket;
  claims: TokenClaims;
  room: Room;
  awarenessIds: Set<number>;
  /** Closed by the server for a message it could not read or process: later frames are ignored. */
  refused: boolean;
}

interface Room {
  name: string;
  log: DocumentLog;
  /** Awareness (who is online) needs a Y.Doc only as an owner: an empty one. */
  awareness: awarenessProtocol.Awareness;
  conns: Set<Connection>;
  /** When a connection or a request last used the room: idle rooms are dropped. */
  usedAt: number;
  summary?: { version: number; value: DocumentSummary };
}

/** What the street's views other than the overview and the feed read from a community (those come from SQLite). */
interface DocumentSummary {
  name: string;
  /** What the street's 三会一课 calendar needs: meetings, organisations and the community's frequency settings. */
  calendar: CalendarFacts;
  /** What the street's availability search needs: the venues and every booking as the rules see them. */
  venues: CommunityVenues;
  /** What the street's 考核 table needs: people, service activities, in-service reports, 民主评议 grades. */
  assessment: AssessmentInputs;
  /** What the street's co-building views need: the units' 考核 inputs and settings, and every whistle. */
  coBuilding: { inputs: UnitAssessmentInputs; settings: CoBuildingSettings; whistles: (WhistleFacts & { urgency: string; raisedBy: string })[] };
}

interface AssessmentInputs {
  people: AssessmentPerson[];
  activities: ActivityFacts[];
  reports: ReportFacts[];
  grades: GradeFacts[];
  targets: Record<string, number>;
}

/**
 * The street's sync server: the standard y-websocket protocol (y-protocols sync + awareness) on `/<12-digit code>`,
 * so the stock y-websocket client works unchanged. Documents are held as merged binary updates (DocumentLog), not
 * live Y.Docs. Every update is written to SQLite before it is forwarded or acknowledged; the acknowledgement is a
 * sync step 1 (the server's state vector) sent back to the writer, which the stock client answers harmlessly and our
 * client reads as "stored up to here".
 */
export class SyncServer {
  readonly store: SyncStore;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  readonly summaries: SummaryStore;
  private readonly rooms = new Map<string, Room>();
  private readonly log: (line: string) => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SyncServerOptions) {
    this.store = new SyncStore(options.dataDir);
    this.summaries = new SummaryStore(this.store.db);
    this.sweeper = setInterval(() => this.sweep(), 5_000);
    this.sweeper.unref();
    this.log = options.log ?? ((line) => console.log(`[sync] ${line}`));
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handleHttp(req, res);
    this.http = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 128 * 1024 * 1024 });
    this.http.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
    this.http.on('clientError', (_err, socket) => socket.destroy());
    this.wss.on('error', (error) => this.log(`websocket server error: ${error.message}`));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host ?? '0.0.0.0', () => {
        const address = this.http.address();
        resolve(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const room of this.rooms.values()) for (const conn of room.conns) conn.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.store.close();
  }

  connectionCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.conns.size;
    return n;
  }

  /** Loads (once) the document from disk; the persisted state is in memory before any client is answered. */
  room(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing) {
      existing.usedAt = Date.now();
      return existing;
    }
    const log = new DocumentLog(() => this.loadDocument(name));
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState(null);
    const room: Room = { name, log, awareness, conns: new Set(), usedAt: Date.now() };
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const conn = origin as Connection | undefined;
      if (conn?.awarenessIds) {
        added.forEach((id) => conn.awarenessIds.add(id));
        removed.forEach((id) => conn.awarenessIds.delete(id));
      }
      const message = encodeMessage(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed)));
      for (const c of room.conns) send(c, message);
    });
    this.rooms.set(name, room);
    this.keepWithinBudget(room);
    return room;
  }

  /**
   * A community's stored log merged whole. A row that cannot be read is moved aside (quarantine, with its audit line)
   * and logged once, here where it is found; the rest is served.
   */
  private loadDocument(name: string): Uint8Array {
    const { merged, unreadable, firstChecked } = readStoredDocument(this.store.loadRows(name));
    this.store.markChecked(name, firstChecked);
    if (unreadable.length > 0) {
      this.store.quarantine(name, unreadable);
      for (const row of unreadable) this.log(`社区 ${name} 的第 ${row.seq} 条已存数据无法读取（${row.problem}），已移至隔离表；其余数据照常提供`);
    }
    return merged;
  }

  /** Documents in memory and the bytes they hold (the health check and the benchmark read it). */
  memory(): { rooms: number; heldBytes: number } {
    let heldBytes = 0;
    for (const room of this.rooms.values()) heldBytes += room.log.heldBytes;
    return { rooms: this.rooms.size, heldBytes };
  }

  /**
   * Drops rooms nobody is connected to and nobody used for `idleMs` (their state is on disk), then releases the merged
   * bytes of the least recently used rooms while the total exceeds the budget (a connected room keeps its state
   * vector and reads its bytes back on the next sync).
   */
  sweep(now = Date.now()): void {
    const idleMs = this.options.idleMs ?? 120_000;
    for (const [name, room] of this.rooms) {
      if (room.conns.size === 0 && now - room.usedAt >= idleMs) {
        room.awareness.destroy();
        this.rooms.delete(name);
        this.released = true;
      }
    }
    this.keepWithinBudget();
    // What was released (documents of tens of MB, their sync answers) goes back to the system now, not whenever V8
    // next feels the need: the budget is about the process's memory, not only the bytes it still references.
    if (this.released) {
      this.released = false;
      collectGarbage();
    }
  }

  /** Set when documents or large answers were let go since the last sweep. */
  private released = false;

  private keepWithinBudget(keep?: Room): void {
    const budget = this.options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET;
    let held = this.memory().heldBytes;
    if (held <= budget) return;
    this.released = true;
    for (const room of [...this.rooms.values()].sort((a, b) => a.usedAt - b.usedAt)) {
      if (held <= budget) break;
      if (room === keep) continue;
      held -= room.log.heldBytes;
      // The street views' facts stay until the room is dropped: they were read at the cost of a whole decode.
      room.log.release();
    }
  }

  /** Stores an update (with its audit row and its summary, in one transaction), then adds it to the room in memory. */
  private storeUpdate(room: Room, update: Uint8Array, facts: UpdateFacts, claims: TokenClaims): void {
    this.store.appendUpdate(room.name, update, claims, Date.now(), () => {
      try {
        this.summaries.applyWithin(room.name, update);
      } catch (error) {
        // A summary never stops an update from being stored: it is rebuilt from the document when next read.
        this.log(`summary of ${room.name} will be rebuilt: ${(error as Error).message}`);
        this.summaries.markStale(room.name);
      }
    });
    room.log.add(update, facts);
    this.keepWithinBudget();
  }

  /** Summaries of the documents about to be read, rebuilt first where an old layout or a migration needs it. */
  private freshSummaries(docs: readonly string[]): void {
    for (const doc of docs) {
      if (!this.summaries.needsRebuild(doc)) continue;
      this.summaries.rebuild(doc, this.room(doc).log.current());
    }
  }

  /** Rebuilds every summary from its document (the `rebuild-summaries` command). */
  rebuildSummaries(prefix = ''): string[] {
    const docs = this.store.documents(prefix).map((d) => d.doc);
    for (const doc of docs) this.summaries.rebuild(doc, this.room(doc).log.current());
    return docs;
  }

  /** Compares every summary with a recompute from its document (the `verify-summaries` command). */
  verifySummaries(prefix = ''): { doc: string; problems: string[] }[] {
    return this.store.documents(prefix).map(({ doc }) => {
      this.freshSummaries([doc]);
      return { doc, problems: this.summaries.verify(doc, this.room(doc).log.current()) };
    });
  }

  /** The whole stored document of a community, as one update (tests and tools). */
  documentState(name: string): Uint8Array {
    return this.room(name).log.current();
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const docName = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/\/+$/, ''));
    const token = url.searchParams.get('token') ?? '';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => this.log(`connection error on ${docName}: ${error.message}`));
      const refuse = (code: number, reason: string) => {
        this.log(`refused ${docName || '(none)'}: ${reason}`);
        ws.close(code, reason);
      };
      if (!isDocumentName(docName)) return refuse(CLOSE_CODES.badDocument, 'bad document name');
      const verified = verifyToken(this.store.secret, token);
      if (!verified.ok) return refuse(verified.reason === 'expired' ? CLOSE_CODES.expired : CLOSE_CODES.badToken, `token ${verified.reason}`);
      if (this.store.isRevoked(verified.claims.jti)) return refuse(CLOSE_CODES.revoked, 'token revoked');
      if (!canRead(verified.claims, docName)) return refuse(CLOSE_CODES.forbidden, 'document not in token scope');
      // A build that writes an older layout than the server's copy would write where the newer build no longer reads.
      const clientSchema = Number(url.searchParams.get('schema') ?? 2);
      const stored = this.summaries.figures(docName).find((f) => f.code === docName)?.schema ?? 0;
      if (clientSchema < stored) return refuse(CLOSE_CODES.outdated, `client layout ${clientSchema} older than ${stored}`);
      this.accept(ws, docName, verified.claims);
    });
  }

  private accept(ws: WebSocket, docName: string, claims: TokenClaims): void {
    let room: Room;
    try {
      room = this.room(docName);
    } catch (error) {
      this.log(`无法读取社区 ${docName} 的数据（${who({ claims })}）：${(error as Error).message}`);
      ws.close(1011, SERVER_CLOSE_REASONS.load);
      return;
    }
    const conn: Connection = { ws, claims, room, awarenessIds: new Set(), refused: false };
    room.conns.add(conn);
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer | Buffer) => this.handleMessage(conn, new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))));
    ws.on('close', () => {
      room.conns.delete(conn);
      awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    });
    // Keep-alive at the protocol level: a dead peer is dropped. A slow one is not: while a large first sync is still
    // draining to it, our ping waits behind the data, so an unanswered ping only counts once the buffer stops moving.
    let alive = true;
    let lastBuffered = 0;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) {
        const buffered = ws.bufferedAmount;
        if (buffered === 0 || buffered === lastBuffered) return ws.terminate();
        lastBuffered = buffered;
        return;
      }
      alive = false;
      lastBuffered = ws.bufferedAmount;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }, 30_000);
    ws.on('close', () => clearInterval(ping));

    send(conn, encodeSync((e) => writeStateVector(e, room.log)));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) send(conn, encodeMessage(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states))));
  }

  private handleMessage(conn: Connection, message: Uint8Array): void {
    // A refused connection is closing: what it sent after the refusal is neither read nor logged again.
    if (conn.refused) return;
    const { room } = conn;
    const read = readSyncFrame(message);
    if (!read.ok) return this.refuse(conn, read.problem);
    const { frame } = read;
    try {
      switch (frame.kind) {
        case 'step1':
          send(conn, encodeSync((e) => {
            encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
            encoding.writeVarUint8Array(e, room.log.diff(frame.stateVector));
          }));
          this.released = true;
          this.keepWithinBudget();
          return;
        case 'step2':
        case 'update':
          return this.receiveUpdate(conn, frame.update, frame.facts);
        case 'awareness':
          try {
            awarenessProtocol.applyAwarenessUpdate(room.awareness, frame.update, conn);
          } catch (error) {
            return this.refuse(conn, `在线状态消息无法读取（${(error as Error).message}）`);
          }
          return;
        case 'query-awareness':
          send(conn, encodeMessage(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]))));
          return;
      }
    } catch (error) {
      // Not the client's fault (its message was whole): the server's own storage or data. It keeps its edits and
      // reconnects; the close reason tells the app to say so.
      const storage = error instanceof StorageError;
      this.log(`${storage ? '无法保存' : '无法处理'}社区 ${room.name} 的同步（${who(conn)}）：${(error as Error).message}`);
      conn.refused = true;
      conn.ws.close(1011, storage ? SERVER_CLOSE_REASONS.storage : SERVER_CLOSE_REASONS.data);
    }
  }

  /** An update read whole: stored first (with its audit row and summary), then forwarded and acknowledged. */
  private receiveUpdate(conn: Connection, update: Uint8Array, facts: UpdateFacts): void {
    const { room } = conn;
    if (!canWrite(conn.claims, room.name)) return; // a viewer's writes are never applied nor stored
    const analysis = room.log.analyse(facts);
    if (!analysis.worthStoring) return;
    // Durable first: only what is on disk is forwarded or acknowledged.
    try {
      this.storeUpdate(room, update, facts, conn.claims);
    } catch (error) {
      throw new StorageError((error as Error).message);
    }
    const forward = encodeSync((e) => syncProtocol.writeUpdate(e, update));
    for (const other of room.conns) if (other !== conn) send(other, forward);
    this.maybeCompact(room);
    // Acknowledge new structs with the server's state vector (a sync step 1). Not for deletion-only content,
    // so a client's reply (which always carries its delete set) cannot start an endless exchange.
    if (analysis.newStructs) send(conn, encodeSync((e) => writeStateVector(e, room.log)));
  }

  /** A message that cannot be read: one log line naming who sent it and why, the connection closed, nothing stored. */
  private refuse(conn: Connection, problem: string): void {
    conn.refused = true;
    this.log(`拒收 ${who(conn)}发往社区 ${conn.room.name} 的消息：${problem}；连接已关闭，未保存任何内容`);
    conn.ws.close(CLOSE_CODES.malformed, 'malformed message');
  }

  private maybeCompact(room: Room): void {
    const limit = this.options.compactAfter ?? 500;
    if (this.store.updateCount(room.name) < limit) return;
    const maxSeq = this.store.maxSeq(room.name);
    this.store.compact(room.name, room.log.current(), maxSeq);
  }

  private handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    try {
      if (url.pathname === '/health') return reply(200, { ok: true, documents: this.rooms.size, heldBytes: this.memory().heldBytes, connections: this.connectionCount(), rss: process.memoryUsage().rss });
      const token = url.searchParams.get('token') ?? '';
      const verified = verifyToken(this.store.secret, token);
      if (!verified.ok || this.store.isRevoked(verified.claims.jti)) return reply(401, { error: verified.ok ? '同步凭证已被停用' : verified.reason === 'expired' ? '同步凭证已过期' : '同步凭证无效' });
      const claims = verified.claims;
      if (url.pathname === '/api/communities') return reply(200, this.communities(claims));
      if (url.pathname === '/api/feed') {
        const query = feedQuery(url.searchParams);
        if ('error' in query) return reply(400, { error: query.error });
        return reply(200, this.feed(claims, query));
      }
      if (url.pathname === '/api/meeting-calendar') {
        const year = Number(url.searchParams.get('year'));
        if (!Number.isInteger(year) || year < 1900 || year > 2100) return reply(400, { error: '年度不正确，请写成 2026 这样的四位数字' });
        return reply(200, this.meetingCalendar(claims, year, url.searchParams.get('today') ?? new Date().toISOString().slice(0, 10)));
      }
      if (url.pathname === '/api/assessment') {
        const year = url.searchParams.get('year') ?? '';
        const role = url.searchParams.get('role') ?? '在职党员';
        if (!/^\d{4}$/.test(year)) return reply(400, { error: '年度不正确，请写成 2026 这样的四位数字' });
        if (!['在职党员', '党员', '志愿者'].includes(role)) return reply(400, { error: '考核对象只能是在职党员、党员或志愿者' });
        return reply(200, this.assessment(claims, year, role));
      }
      if (url.pathname === '/api/unit-assessment') {
        const period = url.searchParams.get('period') ?? '';
        if (!/^\d{4}(-H[12])?$/.test(period)) return reply(400, { error: '考核期不正确，请写成 2026、2026-H1 或 2026-H2' });
        return reply(200, this.unitAssessment(claims, period));
      }
      if (url.pathname === '/api/whistles' && req.method === 'POST') {
        void readBody(req).then(
          (body) => {
            try {
              reply(200, this.raiseWhistle(claims, body));
            } catch (error) {
              reply(error instanceof RequestError ? 400 : 500, { error: error instanceof RequestError ? error.message : '服务器内部错误' });
              if (!(error instanceof RequestError)) this.log(`raise whistle failed: ${(error as Error).message}`);
            }
          },
          () => reply(400, { error: '请求内容过大或不完整' }),
        );
        return;
      }
      if (url.pathname === '/api/whistles') return reply(200, this.whistles(claims, url.searchParams.get('today') ?? new Date().toISOString().slice(0, 10)));
      if (url.pathname === '/api/venue-availability') {
        const query = availabilityQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) return reply(400, { error: query.error.issues.map((i) => i.message).join('；') });
        return reply(200, this.venueAvailability(claims, query.data));
      }
      return reply(404, { error: '没有这个接口' });
    } catch (error) {
      this.log(`http error: ${(error as Error).message}`);
      return reply(500, { error: '服务器内部错误' });
    }
  }

  /**
   * Every community of the token's scope that the server holds: its name, last write, live connections and counts,
   * read from the summaries (no document is loaded unless its summary must first be rebuilt).
   */
  communities(claims: TokenClaims) {
    const docs = this.readable(claims);
    this.freshSummaries(docs.map((d) => d.doc));
    const figures = new Map(this.summaries.figures(claims.scope).map((f) => [f.code, f]));
    return docs.map(({ doc, lastAt }) => {
      const f = figures.get(doc);
      return { code: doc, name: f?.name ?? '', streetName: f?.streetName ?? '', lastWriteAt: lastAt, connections: this.rooms.get(doc)?.conns.size ?? 0, counts: f?.counts ?? {} };
    });
  }

  /** One page of what changed in the communities of the scope: record, action, who and when, newest first. */
  feed(claims: TokenClaims, query: Omit<FeedQuery, 'scope'>) {
    const docs = this.readable(claims).map((d) => d.doc);
    this.freshSummaries(query.community ? docs.filter((d) => d === query.community) : docs);
    if (query.community && !docs.includes(query.community)) return { rows: [], next: null };
    const limit = Math.max(1, Math.min(500, query.limit ?? 100));
    const rows = this.summaries.feed({ ...query, scope: claims.scope, limit }).filter((r) => canRead(claims, r.code));
    const last = rows.at(-1);
    return { rows, next: rows.length === limit && last ? `${last.at}.${last.row}` : null };
  }

  /** Every community's 三会一课 calendar of a year: which organisation held which meeting (finalized), and what is missing. */
  meetingCalendar(claims: TokenClaims, year: number, today: string) {
    return this.readable(claims)
      .map(({ doc }) => {
        const summary = this.summary(this.room(doc));
        return { code: doc, community: summary.name || doc, rows: communityCalendar(summary.calendar, year, today) };
      });
  }

  /** 全街道查空闲场地: the venues of every community of the scope free for the whole span. */
  venueAvailability(claims: TokenClaims, query: AvailabilityQuery) {
    const communities = this.readable(claims)
      .map(({ doc }) => this.summary(this.room(doc)).venues);
    return streetFreeVenues(communities, query);
  }

  /** 年度考核 across the street: every community's rows for a year and a role, with each community's own target. */
  assessment(claims: TokenClaims, year: string, role: string) {
    return this.readable(claims)
      .map(({ doc }) => {
        const summary = this.summary(this.room(doc));
        const { people, activities, reports, grades, targets } = summary.assessment;
        return { code: doc, community: summary.name || doc, target: targets[role] ?? 0, rows: yearAssessment(people, year, activities, reports, grades, targets).filter((r) => r.role === role) };
      });
  }

  /** 驻区单位考核 across the street: each community's units, computed with that community's own items and weights. */
  unitAssessment(claims: TokenClaims, period: string) {
    return this.readable(claims).map(({ doc }) => {
      const summary = this.summary(this.room(doc));
      const { inputs, settings } = summary.coBuilding;
      // The records behind each figure stay in the community; the street's table carries the figures.
      const rows = unitAssessment(inputs, period, settings, new Date().toISOString().slice(0, 10)).map((r) => ({ ...r, figures: Object.fromEntries(Object.entries(r.figures).map(([k, f]) => [k, { ...f, records: [] }])), inServiceRegistered: [] , registered: r.inServiceRegistered.length }));
      return { code: doc, community: summary.name || doc, unitItems: settings.unitItems, rows };
    });
  }

  /** Every community's whistles, overdue first, with the units each can name when the street raises one. */
  whistles(claims: TokenClaims, today: string): CommunityWhistles[] {
    return this.readable(claims).map(({ doc }) => {
      const summary = this.summary(this.room(doc));
      return { code: doc, community: summary.name || doc, units: summary.coBuilding.inputs.units.map((u) => ({ id: u.id, name: u.name })), whistles: whistleRows(summary.coBuilding.whistles, today) };
    });
  }

  /**
   * The street blows one whistle to units of several communities: a whistle is written into each community's document
   * as if by a connected client (stored first, then sent to whoever is online). Every community's whistle is built and
   * checked before any is stored, so a refusal writes nothing anywhere.
   */
  raiseWhistle(claims: TokenClaims, body: unknown): { created: { code: string; id: string }[] } {
    const parsed = streetWhistleRequest.safeParse(body);
    if (!parsed.success) throw new RequestError(parsed.error.issues.map((i) => i.message).join('；'));
    const request = parsed.data;
    const prepared = request.targets.map(({ code, unitIds }) => {
      if (!canWrite(claims, code)) throw new RequestError(`这个同步凭证不能向社区 ${code} 吹哨`);
      if (!this.store.documents(claims.scope).some((d) => d.doc === code)) throw new RequestError(`服务器上没有社区 ${code} 的数据`);
      const room = this.room(code);
      const doc = room.log.toDoc();
      try {
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        const repos = createRepositories(doc, { actor: () => ({ name: claims.name, device: 'street-server' }), now: () => Date.now() });
        let id = '';
        try {
          id = raiseStreetWhistle(repos, request, unitIds, `街道（${claims.name}）`);
        } catch (error) {
          throw new RequestError(`${this.summary(room).name || code}：${(error as Error).message}`);
        }
        return { room, id, update: Y.mergeUpdates(updates) };
      } finally {
        doc.destroy();
      }
    });
    for (const { room, update } of prepared) {
      this.storeUpdate(room, update, requireWholeUpdate(update, '街道吹哨'), claims);
      const forward = encodeSync((e) => syncProtocol.writeUpdate(e, update));
      for (const conn of room.conns) send(conn, forward);
    }
    return { created: prepared.map(({ room, id }) => ({ code: room.name, id })) };
  }

  private readable(claims: TokenClaims) {
    return this.store.documents(claims.scope).filter((d) => canRead(claims, d.doc));
  }

  /** Read from a temporary Y.Doc, cached until the document changes. */
  private summary(room: Room): DocumentSummary {
    const cached = room.summary;
    if (cached && cached.version === room.log.version) return cached.value;
    const doc = room.log.toDoc();
    try {
      const info = readCommunityInfo(doc);
      const calendar: CalendarFacts = { meetings: [], orgNodes: [], frequencies: frequencyOverrides(doc.getMap(SETTINGS_MAP_NAME).entries()) };
      // Read-only: the repositories only read the temporary document here.
      const repos = createRepositories(doc, { actor: () => ({ name: '街道服务器', device: 'server' }), now: () => Date.now() });
      for (const m of repos.meetings.pick(['meetingType', 'date', 'status', 'orgNodeId'])) {
        calendar.meetings.push({ id: m.id, meetingType: m.meetingType as MeetingType, date: String(m.date ?? ''), status: String(m.status ?? '草稿'), orgNodeId: String(m.orgNodeId ?? '') });
      }
      for (const n of repos.orgNodes.pick(['name', 'kind'])) calendar.orgNodes.push({ id: n.id, name: String(n.name ?? ''), kind: String(n.kind ?? ''), since: localDate(n.createdAt) });
      const venues: CommunityVenues = {
        code: room.name,
        community: info?.name || room.name,
        venues: repos.venues.list().map((v) => ({ id: v.id, name: v.name, ownerUnitId: v.ownerUnitId, ownerName: v.ownerUnitId ? repos.residentUnits.get(v.ownerUnitId)?.name ?? '' : '', capacity: v.capacity, equipment: v.equipment, openingHours: v.openingHours, closures: v.closures, rules: v.rules })),
        bookings: factsOfBookings(repos.bookings as never),
      };
      const coInputs = unitAssessmentInputs(repos);
      const settings = new CommunitySettings(doc);
      const assessment: AssessmentInputs = {
        people: repos.people.pick(['name', 'roles']).map((p) => ({ id: p.id, name: p.name, roles: p.roles })),
        activities: coInputs.service,
        reports: repos.inServiceReports.list(),
        grades: repos.meetings.list().filter((m) => m.meetingType === '民主评议').map((m) => ({ meetingId: m.id, meetingTitle: m.title, date: m.date, grades: Object.fromEntries(Object.entries(m.grades).map(([k, g]) => [k, g.grade])) })),
        targets: settings.hoursTargets(),
      };
      const coBuilding = { inputs: coInputs, settings: settings.coBuilding(), whistles: coInputs.whistles as DocumentSummary['coBuilding']['whistles'] };
      const value = { name: info?.name ?? '', calendar, venues, assessment, coBuilding };
      room.summary = { version: room.log.version, value };
      return value;
    } finally {
      doc.destroy();
    }
  }
}

/** Bytes of merged documents kept in memory by default (a large community is ~75 MB). */
const DEFAULT_MEMORY_BUDGET = 160 * 1024 * 1024;

let gc: (() => void) | undefined;
/** A full garbage collection (V8's `gc`, enabled here rather than by a flag on every way the server is started). */
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

class StorageError extends Error {}
/** A request the server refuses with a Chinese reason (400), as opposed to its own failure. */
class RequestError extends Error {}

/** A small JSON body (a street whistle is a few KB); larger ones are refused. */
function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<unknown> {
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

/** Who a connection belongs to, for log lines. */
function who(conn: Pick<Connection, 'claims'>): string {
  return `${conn.claims.name}（${conn.claims.role}，凭证 ${conn.claims.jti}）`;
}

/** The feed's paging and filters from a query string, or the reason it is refused. */
function feedQuery(params: URLSearchParams): Omit<FeedQuery, 'scope'> | { error: string } {
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

function writeStateVector(encoder: encoding.Encoder, log: DocumentLog): void {
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, log.stateVector());
}



function encodeMessage(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function encodeSync(write: (e: encoding.Encoder) => void): Uint8Array {
  return encodeMessage(MESSAGE_SYNC, write);
}

function send(conn: Connection, message: Uint8Array): void {
  if (conn.ws.readyState !== WebSocket.OPEN) return;
  conn.ws.send(message, (error) => {
    if (error) conn.ws.terminate();
  });
}
