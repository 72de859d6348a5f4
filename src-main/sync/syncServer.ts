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
import { canRead, canWrite, CLOSE_CODES, isDocumentName, SERVER_CLOSE_REASONS, type TokenClaims } from '../../src-shared/sync/access';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, readSyncFrame } from '../../src-shared/sync/syncFrame';
import { requireWholeUpdate, type UpdateFacts } from '../../src-shared/sync/updateCheck';
import { readStoredDocument } from './storedDocument';
import { DocumentLog } from './documentLog';
import { SyncStore } from './syncStore';
import { SummaryStore, type FeedQuery } from './summaryStore';
import { verifyToken } from './tokens';
import type { Scope } from './street/streetAnswers';
import { handleStreetHttp } from './street/streetRoutes';
import { StreetService } from './street/streetService';


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
  /** The street's worker threads: its views' facts and answers. */
  readonly street: StreetService;
  private readonly rooms = new Map<string, Room>();
  private readonly log: (line: string) => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SyncServerOptions) {
    this.store = new SyncStore(options.dataDir);
    this.summaries = new SummaryStore(this.store.db);
    this.sweeper = setInterval(() => this.sweep(), 5_000);
    this.sweeper.unref();
    this.log = options.log ?? ((line) => console.log(`[sync] ${line}`));
    this.street = new StreetService(options.dataDir, this.log);
    const handler = (req: IncomingMessage, res: ServerResponse) => handleStreetHttp(this, this.street, req, res, this.log);
    this.http = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
    // Set deliberately (Node's defaults are 300 s and 60 s): a street question is answered by a worker within 60 s or
    // refused with 503 (STREET_ANSWER_TIMEOUT_MS); the headers of a PC's connection may wait as long while the sync
    // thread loads the large documents of many PCs reconnecting at once (Node's 60 s dropped them, measured).
    this.http.requestTimeout = HTTP_REQUEST_TIMEOUT_MS;
    this.http.headersTimeout = HTTP_REQUEST_TIMEOUT_MS;
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
    await this.street.close();
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
    this.street.changed(room.name);
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

  /**
   * The street's questions other than the overview and the feed are answered by a worker from the stored street facts;
   * this thread only checks the token and relays the answer.
   */
  readable(claims: TokenClaims): { doc: string; lastAt: number }[] {
    return this.store.documents(claims.scope).filter((d) => canRead(claims, d.doc));
  }

  /** The communities of a token's scope, with the server's names for them (for the street's workers). */
  scopeOf(claims: TokenClaims): Scope {
    const names = new Map(this.summaries.figures(claims.scope).map((f) => [f.code, f.name]));
    return { docs: this.readable(claims).map(({ doc }) => ({ doc, name: names.get(doc) ?? '' })) };
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

  /**
   * The street blows one whistle to units of several communities: the builder worker writes each community's whistle
   * into a copy of its document (all checked before any is returned); here each update is stored, as a client's
   * would be, then sent to whoever is online.
   */
  async raiseWhistle(claims: TokenClaims, body: unknown): Promise<{ status: number; body: unknown }> {
    const scope = { docs: this.scopeOf(claims).docs.filter(({ doc }) => canWrite(claims, doc)) };
    const result = await this.street.raise(body, scope, `街道（${claims.name}）`, claims.name);
    if (result.status !== 200 || !result.created) return { status: result.status, body: { error: result.error ?? '服务器内部错误' } };
    for (const { code, update } of result.created) {
      const room = this.room(code);
      this.storeUpdate(room, update, requireWholeUpdate(update, '街道吹哨'), claims);
      const forward = encodeSync((e) => syncProtocol.writeUpdate(e, update));
      for (const conn of room.conns) send(conn, forward);
      this.street.changed(code, true);
    }
    return { status: 200, body: { created: result.created.map(({ code, id }) => ({ code, id })) } };
  }
}

/** The HTTP server's limit for a whole request and its answer (a street question has 60 s in the worker). */
export const HTTP_REQUEST_TIMEOUT_MS = 120_000;

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

/** Who a connection belongs to, for log lines. */
function who(conn: Pick<Connection, 'claims'>): string {
  return `${conn.claims.name}（${conn.claims.role}，凭证 ${conn.claims.jti}）`;
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
