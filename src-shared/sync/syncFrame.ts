import { checkUpdate, type UpdateFacts } from './updateCheck';

/** y-protocols message types (y-websocket's wire format). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export type SyncFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2' | 'update'; update: Uint8Array; facts: UpdateFacts }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/**
 * One WebSocket message of the sync protocol, read whole: its type, its one payload and nothing after it, an update
 * checked completely (`checkUpdate`), a state vector read to its end. Both the server and the app read every frame
 * through this before acting on it; `problem` says in Chinese what was wrong.
 */
export function readSyncFrame(message: Uint8Array): { ok: true; frame: SyncFrame } | { ok: false; problem: string } {
  const r = new FrameReader(message);
  try {
    const type = r.varUint();
    let frame: SyncFrame;
    if (type === MESSAGE_SYNC) {
      const syncType = r.varUint();
      const payload = r.bytes();
      if (syncType === SYNC_STEP1) {
        const problem = stateVectorProblem(payload);
        if (problem) return { ok: false, problem: `状态向量${problem}` };
        frame = { kind: 'step1', stateVector: payload };
      } else if (syncType === SYNC_STEP2 || syncType === SYNC_UPDATE) {
        const checked = checkUpdate(payload);
        if (!checked.ok) return { ok: false, problem: `更新${checked.problem}` };
        frame = { kind: syncType === SYNC_STEP2 ? 'step2' : 'update', update: payload, facts: checked.facts };
      } else return { ok: false, problem: `未知的同步消息类型 ${syncType}` };
    } else if (type === MESSAGE_AWARENESS) {
      frame = { kind: 'awareness', update: r.bytes() };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      frame = { kind: 'query-awareness' };
    } else return { ok: false, problem: `未知的消息类型 ${type}` };
    if (r.pos !== message.length) return { ok: false, problem: `消息在第 ${r.pos} 字节处已完整结束，其后多出 ${message.length - r.pos} 字节（长度前缀不符）` };
    return { ok: true, frame };
  } catch {
    return { ok: false, problem: `消息在第 ${r.pos} 字节处提前结束（长度前缀不符或消息不完整）` };
  }
}

/** Why a state vector (count, then client/clock pairs) cannot be read, or '' when it reads to its end. */
export function stateVectorProblem(bytes: Uint8Array): string {
  const r = new FrameReader(bytes);
  try {
    const entries = r.varUint();
    if (entries > bytes.length) return `的条目数（${entries}）超过数据长度`;
    for (let i = 0; i < entries; i++) {
      r.varUint();
      r.varUint();
    }
  } catch {
    return `在第 ${r.pos} 字节处提前结束`;
  }
  return r.pos === bytes.length ? '' : `其后多出 ${bytes.length - r.pos} 字节`;
}

class FrameReader {
  pos = 0;
  constructor(private readonly arr: Uint8Array) {}

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= this.arr.length) throw new RangeError('end');
      const b = this.arr[this.pos++]!;
      num += (b & 0x7f) * mult;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) throw new RangeError('range');
      if (b < 0x80) return num;
    }
  }

  /** A length-prefixed payload, which must lie inside the message. */
  bytes(): Uint8Array {
    const length = this.varUint();
    if (length > this.arr.length - this.pos) throw new RangeError('end');
    const view = this.arr.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }
}
