import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ORIGIN, metaMap } from '../../src-shared/repository/docLayout';
import { CLOSE_CODES, describeClose } from '../../src-shared/sync/access';
import { CURRENT_SCHEMA_VERSION } from '../../src-shared/schema/version';
import { MESSAGE_SYNC, readSyncFrame } from '../../src-shared/sync/syncFrame';

export type SyncState = 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';

export interface SyncStatus {
  state: SyncState;
  /** When this PC and the server last held the same data. */
  lastSyncedAt?: number;
  /** Local changes the server has not confirmed storing yet. */
  pending: number;
  /** For the clerk, in Chinese: why it is offline or refused, and what to do. */
  message?: string;
  /** The street's copy has a problem (the server's own fault, or damaged data from it): shown until the next sync. */
  streetFault?: boolean;
}

export interface SyncMemory {
  /** The server's state vector as last acknowledged (what it has stored). */
  serverStateVector?: Uint8Array;
  lastSyncedAt?: number;
}

export interface SyncConnectionOptions {
  serverUrl: string;
  token: string;
  docName: string;
  /** Updates already stored locally (to count what still waits for the server after a restart). */
  storedUpdates?: Uint8Array[];
  memory?: SyncMemory;
  saveMemory?: (memory: SyncMemory) => void;
  onStatus?: (status: SyncStatus) => void;
  /** Reconnect backoff: base and cap in ms; the delay is randomised (jitter) so a restarted server is not stormed. */
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  /** Tests: delay each outgoing message by this many ms (order is kept). */
  sendDelay?: () => number;
  WebSocketImpl?: typeof WebSocket;
}

/** Transaction origin of updates received from the server: stored locally, never sent back. */
export const SYNC_ORIGIN = 'origin:sync';

/**
 * Keeps one community document in step with the street's sync server over the y-websocket protocol. Unlike the stock
 * client it never drops a connection for being silent (a first sync of a large community on a slow line can take
 * minutes), reconnects with jittered backoff, stops on final refusals (4400–4499) with a Chinese explanation, and
 * counts the local changes the server has not yet acknowledged storing.
 */
export class SyncConnection {
  private ws: WebSocket | null = null;
  private status: SyncStatus;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wanted = false;
  private receivedInitial = false;
  private answeredFirstStep1 = false;
  private serverSV: Map<number, number>;
  /** End state vectors of local updates not yet covered by the server's. */
  private pendingUpdates: Map<number, number>[] = [];
  private sendChain: Promise<void> = Promise.resolve();
  /** Why this PC closed the connection itself (a message from the server it refused), said instead of the close code. */
  private closeMessage = '';
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    // Updates from the server and from this PC's store are already known there; another window's edits are sent too
    // (that window may be offline), which the server ignores if it already has them.
    if (origin === SYNC_ORIGIN || origin === ORIGIN.load) return;
    this.pendingUpdates.push(endClocks(update));
    this.sendMessage(encodeSync((e) => syncProtocol.writeUpdate(e, update)));
    this.refreshPending();
  };

  constructor(private readonly doc: Y.Doc, private readonly options: SyncConnectionOptions) {
    this.serverSV = options.memory?.serverStateVector ? decodeSV(options.memory.serverStateVector) : new Map();
    this.pendingUpdates = (options.storedUpdates ?? []).map(endClocks);
    this.status = { state: 'offline', lastSyncedAt: options.memory?.lastSyncedAt, pending: 0 };
    this.pendingUpdates = this.pendingUpdates.filter((sv) => !this.covered(sv));
    this.status.pending = this.pendingUpdates.length;
    doc.on('update', this.onUpdate);
    metaMap(doc).observe(this.onMeta);
  }

  /**
   * Another PC upgraded the community's data to a layout newer than this build writes: stop exchanging (this build's
   * writes would land where the newer one no longer reads) and say to update. Local data stays as it is.
   */
  private readonly onMeta = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin !== SYNC_ORIGIN || Number(metaMap(this.doc).get('schemaVersion') ?? 0) <= CURRENT_SCHEMA_VERSION) return;
    this.disconnect();
    this.setStatus({ ...this.status, state: 'refused', message: describeClose(CLOSE_CODES.outdated).message });
  };

  get syncStatus(): SyncStatus {
    return this.status;
  }

  connect(): void {
    this.wanted = true;
    if (this.ws || this.timer) return;
    this.open();
  }

  /** The network came back: try at once instead of waiting out the backoff. */
  retryNow(): void {
    if (!this.wanted || this.ws) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.open();
  }

  /** The network went away: drop the socket now (the OS may take minutes to notice) and keep retrying. */
  dropConnection(): void {
    this.ws?.close();
  }

  /** Goes offline on purpose (settings changed, app closing); local work continues. */
  disconnect(): void {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
    this.setStatus({ ...this.status, state: 'offline', message: undefined });
  }

  destroy(): void {
    this.disconnect();
    this.doc.off('update', this.onUpdate);
    metaMap(this.doc).unobserve(this.onMeta);
  }

  private open(): void {
    this.timer = null;
    this.receivedInitial = false;
    this.answeredFirstStep1 = false;
    this.setStatus({ ...this.status, state: 'connecting', message: this.status.streetFault ? this.status.message : undefined });
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    let ws: WebSocket;
    try {
      // The data layout this build writes: a server holding a newer one refuses the connection (CLOSE_CODES.outdated).
      const url = `${this.options.serverUrl.replace(/\/$/, '')}/${this.options.docName}?token=${encodeURIComponent(this.options.token)}&schema=${CURRENT_SCHEMA_VERSION}`;
      ws = new Impl(url);
    } catch {
      this.scheduleReconnect('街道服务器地址不正确，请检查“同步设置”中的连接串');
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.setStatus({ ...this.status, state: 'syncing' });
      this.sendChain = Promise.resolve();
      this.sendMessage(encodeSync((e) => syncProtocol.writeSyncStep1(e, this.doc)));
    };
    ws.onmessage = (event: MessageEvent) => this.receive(new Uint8Array(event.data as ArrayBuffer));
    ws.onerror = () => undefined; // onclose follows and decides
    ws.onclose = (event: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      const { final, message } = this.closeMessage ? { final: false, message: this.closeMessage } : describeClose(event.code, event.reason);
      const streetFault = this.closeMessage !== '' || event.code === 1011;
      this.closeMessage = '';
      if (final && event.code >= 4400 && event.code < 4500) {
        this.wanted = false;
        this.setStatus({ ...this.status, state: 'refused', message });
        return;
      }
      this.scheduleReconnect(message, streetFault);
    };
  }

  private scheduleReconnect(message: string, streetFault = false): void {
    this.setStatus({ ...this.status, state: 'offline', message, streetFault });
    if (!this.wanted) return;
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
    const random = this.options.random ?? Math.random;
    const delay = Math.min(maxMs, baseMs * 2 ** this.attempts) * (0.5 + random());
    this.attempts = Math.min(this.attempts + 1, 16);
    this.timer = setTimeout(() => this.open(), delay);
  }

  private receive(message: Uint8Array): void {
    // Read whole before anything of it is applied: a damaged message from the server changes nothing here.
    const read = readSyncFrame(message);
    if (!read.ok) return this.refuseFromServer(read.problem);
    const { frame } = read;
    if (frame.kind === 'step1') {
      this.serverSV = Y.decodeStateVector(frame.stateVector);
      // Answer the server's first step 1 in full (it carries our delete set too); later ones are acknowledgements,
      // answered only when the server still lacks some of our structs.
      if (!this.answeredFirstStep1 || !this.covered(Y.decodeStateVector(Y.encodeStateVector(this.doc)))) {
        this.answeredFirstStep1 = true;
        this.sendMessage(encodeSync((e) => syncProtocol.writeSyncStep2(e, this.doc, frame.stateVector)));
      }
    } else if (frame.kind === 'step2' || frame.kind === 'update') {
      try {
        Y.applyUpdate(this.doc, frame.update, SYNC_ORIGIN);
      } catch (error) {
        // Never expected after the check; the connection starts afresh rather than go on from a half-applied state.
        console.warn('同步消息处理失败，重新连接：', error);
        return this.refuseFromServer(`无法合并（${(error as Error).message}）`);
      }
      if (frame.kind === 'step2') this.receivedInitial = true;
    } else return; // awareness: not used by this client
    this.refreshPending();
  }

  /** The server sent something this PC cannot read: nothing of it is applied; reconnect and say so. */
  private refuseFromServer(problem: string): void {
    console.warn(`拒收街道服务器发来的同步消息：${problem}`);
    this.closeMessage = `街道服务器发来的同步数据不完整或已损坏（${problem}），本机已拒收，未合并其中任何内容；正在重新连接。若反复出现，请联系街道党建办的同步服务器管理员。本机数据不受影响。`;
    this.ws?.close();
  }

  private refreshPending(): void {
    this.pendingUpdates = this.pendingUpdates.filter((sv) => !this.covered(sv));
    const pending = this.pendingUpdates.length;
    if (this.ws && this.receivedInitial && pending === 0 && this.status.state !== 'refused') {
      this.attempts = 0;
      const lastSyncedAt = Date.now();
      this.options.saveMemory?.({ serverStateVector: encodeSV(this.serverSV), lastSyncedAt });
      this.setStatus({ state: 'synced', lastSyncedAt, pending });
    } else if (pending !== this.status.pending) {
      if (this.ws && this.status.state === 'synced') this.setStatus({ ...this.status, state: 'syncing', pending });
      else this.setStatus({ ...this.status, pending });
    }
  }

  private covered(sv: Map<number, number>): boolean {
    for (const [client, clock] of sv) if ((this.serverSV.get(client) ?? 0) < clock) return false;
    return true;
  }

  private sendMessage(message: Uint8Array): void {
    const ws = this.ws;
    if (!ws) return;
    const delay = this.options.sendDelay?.() ?? 0;
    const send = () => {
      if (this.ws === ws && ws.readyState === 1) ws.send(message as Uint8Array<ArrayBuffer>);
    };
    if (delay <= 0) {
      this.sendChain = this.sendChain.then(send);
      return;
    }
    this.sendChain = this.sendChain.then(() => new Promise<void>((resolve) => setTimeout(() => (send(), resolve()), delay)));
  }

  private setStatus(status: SyncStatus): void {
    if (status.state !== this.status.state) console.debug(`同步状态：${this.status.state} → ${status.state}${status.message ? `（${status.message}）` : ''}`);
    this.status = status;
    this.options.onStatus?.(status);
  }
}

function encodeSync(write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The clock each client reaches in an update (an incremental update does not start at clock 0). */
function endClocks(update: Uint8Array): Map<number, number> {
  return Y.parseUpdateMeta(update).to;
}

function decodeSV(sv: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(sv);
}

function encodeSV(sv: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, sv.size);
  for (const [client, clock] of sv) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}
