import * as string from 'lib0/string';

/**
 * Reads a Yjs update (format v1, the only one this app and y-websocket exchange) completely before anything of it is
 * stored, merged or applied: every struct with its content, the delete set, and nothing after its end. Yjs itself reads
 * an update lazily (the server's merge, or a PC's next load, is where a damaged one used to fail) and reads past the
 * end of a view into whatever bytes follow it, so this is the gate for everything that comes from outside: a sync
 * frame, a USB exchange file, a backup, a row of the PC's own log.
 *
 * Beyond the byte format it refuses what Yjs never writes and cannot apply: a struct of length 0, a reference from a
 * struct to a later position of its own client (the origin, right origin or parent of an item always existed before
 * it: Yjs's integration throws on such an update), one client listed twice, numbers past 2^53, unknown content or
 * type kinds, unparsable JSON, and sub-documents (never written by this app). What passes merges with any other
 * update that passes: Yjs only slices content that has length > 1, which every such kind can (see
 * docs/ARCHITECTURE.md, "What is checked where").
 *
 * One pass, no Yjs objects built: cheaper than Yjs's own decoding of the same bytes (bench: sync.validate_first_upload_ratio).
 */
export interface UpdateFacts {
  /** First clock of each client's structs in the update. */
  from: Map<number, number>;
  /** End clock (exclusive) of each client's structs, skips included (as Y.parseUpdateMeta). */
  to: Map<number, number>;
  structs: number;
  /** Clients whose structs have a gap (a skip) in this update: their end clock is not a contiguous state. */
  gaps: Set<number>;
  /** Whether the delete set names any range. */
  hasDeletes: boolean;
}

export type UpdateCheck = { ok: true; facts: UpdateFacts } | { ok: false; problem: string };

/** Thrown where an update from outside is refused; the message is Chinese and says where the bytes came from. */
export class DamagedUpdateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedUpdateError';
  }
}

/** Checks an update; `problem` is a short Chinese reason naming the byte position. */
export function checkUpdate(update: Uint8Array): UpdateCheck {
  const reader = new StrictReader(update);
  try {
    const facts = readUpdate(reader);
    if (reader.pos !== update.length) return { ok: false, problem: `数据在第 ${reader.pos} 字节处已完整结束，其后多出 ${update.length - reader.pos} 字节` };
    return { ok: true, facts };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, problem: error.message };
    // TextDecoder (invalid UTF-8), JSON.parse, stack depth: the same faults Yjs would meet when reading.
    return { ok: false, problem: `第 ${reader.pos} 字节附近的内容无法读取（${(error as Error).message}）` };
  }
}

/** The update's facts, or a DamagedUpdateError saying which source (`where`) sent damaged data and why. */
export function requireWholeUpdate(update: Uint8Array, where: string): UpdateFacts {
  const result = checkUpdate(update);
  if (!result.ok) throw new DamagedUpdateError(`${where}的数据不完整或已损坏（${result.problem}），未合并其中任何内容`);
  return result.facts;
}

class Malformed extends Error {}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Nesting of JSON-like values (ContentAny) beyond this is refused rather than risking the stack. */
const MAX_ANY_DEPTH = 256;
/** Yjs's type kinds: YArray, YMap, YText, YXmlElement, YXmlFragment, YXmlHook, YXmlText. */
const TYPE_REFS = 7;
const XML_ELEMENT = 3;
const XML_HOOK = 5;

class StrictReader {
  pos = 0;
  constructor(readonly arr: Uint8Array) {}

  end(what: string): never {
    throw new Malformed(`数据在第 ${this.pos} 字节处提前结束（读取${what}时），更新不完整`);
  }

  byte(what: string): number {
    if (this.pos >= this.arr.length) this.end(what);
    return this.arr[this.pos++]!;
  }

  varUint(what: string): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const r = this.byte(what);
      num += (r & 0x7f) * mult;
      mult *= 128;
      if (num > MAX_SAFE) throw new Malformed(`第 ${this.pos} 字节处的${what}超出范围`);
      if (r < 0x80) return num;
    }
  }

  varInt(what: string): void {
    let r = this.byte(what);
    if ((r & 0x80) === 0) return;
    let mult = 64;
    let num = r & 0x3f;
    for (;;) {
      r = this.byte(what);
      num += (r & 0x7f) * mult;
      mult *= 128;
      if (num > MAX_SAFE) throw new Malformed(`第 ${this.pos} 字节处的${what}超出范围`);
      if (r < 0x80) return;
    }
  }

  bytes(length: number, what: string): Uint8Array {
    if (length > this.arr.length - this.pos) {
      this.pos = this.arr.length;
      this.end(what);
    }
    const view = this.arr.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  /** A string as Yjs reads it (UTF-8, fatal on invalid bytes, BOM kept); returns its length in UTF-16 units. */
  string(what: string): number {
    const bytes = this.bytes(this.varUint(what), what);
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    return ascii ? bytes.length : decodeUtf8(bytes).length;
  }

  /** A string whose text is needed (JSON). */
  text(what: string): string {
    return decodeUtf8(this.bytes(this.varUint(what), what));
  }

  /** A value of lib0's "any" encoding, skipped after checking it. */
  any(depth: number): void {
    if (depth > MAX_ANY_DEPTH) throw new Malformed(`第 ${this.pos} 字节处的数据嵌套过深`);
    const tag = this.byte('数据值');
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125:
        return this.varInt('整数');
      case 124:
        this.bytes(4, '数值');
        return;
      case 123:
      case 122:
        this.bytes(8, '数值');
        return;
      case 119:
        this.string('文字');
        return;
      case 118: {
        const entries = this.count('对象的键数');
        for (let i = 0; i < entries; i++) {
          this.string('对象的键');
          this.any(depth + 1);
        }
        return;
      }
      case 117: {
        const items = this.count('数组长度');
        for (let i = 0; i < items; i++) this.any(depth + 1);
        return;
      }
      case 116:
        this.bytes(this.varUint('二进制长度'), '二进制内容');
        return;
      default:
        throw new Malformed(`第 ${this.pos - 1} 字节处的数据值类型未知（${tag}）`);
    }
  }

  /** A count of things that each take at least one byte: more than the bytes left cannot be true. */
  count(what: string): number {
    const n = this.varUint(what);
    if (n > this.arr.length - this.pos) throw new Malformed(`第 ${this.pos} 字节处的${what}（${n}）超过剩余数据，更新不完整或已损坏`);
    return n;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  // lib0's decoder is the one Yjs reads with (fatal on invalid UTF-8, byte order mark kept).
  return string.utf8TextDecoder ? string.utf8TextDecoder.decode(bytes) : string.decodeUtf8(bytes);
}

function readUpdate(r: StrictReader): UpdateFacts {
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  const gaps = new Set<number>();
  let structs = 0;
  const clients = r.count('客户端数');
  for (let c = 0; c < clients; c++) {
    const count = r.count('数据块数');
    const client = r.varUint('客户端编号');
    if (from.has(client)) throw new Malformed(`客户端 ${client} 在同一更新中出现两次`);
    let clock = r.varUint('时钟');
    from.set(client, clock);
    for (let i = 0; i < count; i++) {
      const start = r.pos;
      if (r.arr[r.pos] !== undefined && (r.arr[r.pos]! & 0x1f) === 10) gaps.add(client);
      const length = readStruct(r, client, clock);
      if (length <= 0) throw new Malformed(`第 ${start} 字节处的数据块长度为 0`);
      clock += length;
      if (clock > MAX_SAFE) throw new Malformed(`第 ${start} 字节处的时钟超出范围`);
      structs++;
    }
    to.set(client, clock);
  }
  let hasDeletes = false;
  const dsClients = r.count('删除记录的客户端数');
  for (let c = 0; c < dsClients; c++) {
    r.varUint('删除记录的客户端编号');
    const ranges = r.count('删除范围数');
    for (let i = 0; i < ranges; i++) {
      const clock = r.varUint('删除起点');
      const length = r.varUint('删除长度');
      // Yjs never writes an empty range, and a PC that applies one throws when it next encodes its delete set.
      if (length === 0) throw new Malformed(`第 ${r.pos} 字节处的删除范围长度为 0`);
      if (clock + length > MAX_SAFE) throw new Malformed(`第 ${r.pos} 字节处的删除范围超出范围`);
      hasDeletes = true;
    }
  }
  return { from, to, structs, gaps, hasDeletes };
}

/** Reads one struct of `client` at `clock`; returns its length. */
function readStruct(r: StrictReader, client: number, clock: number): number {
  const at = r.pos;
  const info = r.byte('数据块类型');
  const kind = info & 0x1f;
  if (kind === 0) return r.varUint('长度'); // GC
  if (kind === 10) return r.varUint('长度'); // Skip
  const reference = (what: string) => {
    const refClient = r.varUint(`${what}的客户端`);
    const refClock = r.varUint(`${what}的时钟`);
    // An item refers only to what existed when it was made: never to a later position of its own client.
    if (refClient === client && refClock >= clock) throw new Malformed(`第 ${at} 字节处的数据块（客户端 ${client} 时钟 ${clock}）引用了其后的位置 ${refClock}`);
  };
  const hasOrigin = (info & 0x80) !== 0;
  const hasRightOrigin = (info & 0x40) !== 0;
  if (hasOrigin) reference('左侧位置');
  if (hasRightOrigin) reference('右侧位置');
  if (!hasOrigin && !hasRightOrigin) {
    const parentInfo = r.varUint('父级');
    if (parentInfo === 1) r.string('父级名称');
    else if (parentInfo === 0) reference('父级');
    else throw new Malformed(`第 ${at} 字节处的父级标记不正确（${parentInfo}）`);
    if ((info & 0x20) !== 0) r.string('键名');
  }
  return readContent(r, kind, at);
}

function readContent(r: StrictReader, kind: number, at: number): number {
  switch (kind) {
    case 1: // ContentDeleted
      return r.varUint('已删除长度');
    case 2: {
      // ContentJSON
      const n = r.count('JSON 项数');
      for (let i = 0; i < n; i++) {
        const text = r.text('JSON 内容');
        if (text !== 'undefined') JSON.parse(text);
      }
      return n;
    }
    case 3: // ContentBinary
      r.bytes(r.varUint('二进制长度'), '二进制内容');
      return 1;
    case 4: // ContentString
      return r.string('文字内容');
    case 5: // ContentEmbed
      JSON.parse(r.text('嵌入内容'));
      return 1;
    case 6: // ContentFormat
      r.string('格式名');
      JSON.parse(r.text('格式值'));
      return 1;
    case 7: {
      // ContentType
      const typeRef = r.varUint('类型');
      if (typeRef >= TYPE_REFS) throw new Malformed(`第 ${at} 字节处的类型未知（${typeRef}）`);
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) r.string('类型名');
      return 1;
    }
    case 8: {
      // ContentAny
      const n = r.count('数据项数');
      for (let i = 0; i < n; i++) r.any(0);
      return n;
    }
    case 9:
      throw new Malformed(`第 ${at} 字节处是子文档：社区工作台不使用子文档`);
    default:
      throw new Malformed(`第 ${at} 字节处的数据块类型未知（${kind}）`);
  }
}
