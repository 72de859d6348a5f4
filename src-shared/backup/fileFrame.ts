/**
 * The frame of the app's own files (backups, USB exchange files): a magic word and a newline, the header's length
 * (4 bytes, big-endian), the header as UTF-8 JSON, then the payload. Web-standard APIs only (crypto.subtle), present
 * in browsers, Electron and Node alike.
 */

// The web-standard types by their use, so this compiles with the shared layer's lib (no DOM).
type BufferSource = Parameters<typeof crypto.subtle.digest>[1];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function writeFramed(magic: string, header: object, payload: Uint8Array): Uint8Array {
  const head = encoder.encode(`${magic}\n`);
  const json = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(head.length + 4 + json.length + payload.length);
  out.set(head, 0);
  new DataView(out.buffer).setUint32(head.length, json.length);
  out.set(json, head.length + 4);
  out.set(payload, head.length + 4 + json.length);
  return out;
}

/**
 * The header and payload of a framed file; `other` when it is not a file of this kind at all (another magic word),
 * `incomplete` when it starts as one but is cut short or its header cannot be read (a copy interrupted, a damaged disk).
 */
export function readFramed<H>(bytes: Uint8Array, magic: string): { kind: 'ok'; header: H; payload: Uint8Array } | { kind: 'other' } | { kind: 'incomplete' } {
  const head = encoder.encode(`${magic}\n`);
  const prefix = Math.min(bytes.length, head.length);
  if (prefix === 0 || head.subarray(0, prefix).some((b, i) => bytes[i] !== b)) return { kind: 'other' };
  if (bytes.length < head.length + 4) return { kind: 'incomplete' };
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(head.length);
  const start = head.length + 4;
  if (start + length > bytes.length) return { kind: 'incomplete' };
  const headerText = decoder.decode(bytes.subarray(start, start + length));
  try {
    return { kind: 'ok', header: JSON.parse(headerText) as H, payload: bytes.subarray(start + length) };
  } catch {
    return { kind: 'incomplete' };
  }
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** HMAC-SHA-256 of `data` keyed by `key` (a device token), hex. */
export async function hmacHex(key: string, data: Uint8Array): Promise<string> {
  const k = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', k, data as BufferSource));
}

export const utf8 = (text: string) => encoder.encode(text);
