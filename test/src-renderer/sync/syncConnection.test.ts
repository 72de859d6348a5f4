import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';

describe('SyncConnection offline', () => {
  it('counts local changes waiting for the server, across a restart', () => {
    const doc = new Y.Doc();
    const conn = new SyncConnection(doc, { serverUrl: 'ws://127.0.0.1:1', token: 't', docName: '350102001001' });
    const repos = createRepositories(doc, fixedContext());
    repos.residentUnits.create({ name: '甲' });
    repos.residentUnits.create({ name: '乙' });
    expect(conn.syncStatus).toMatchObject({ state: 'offline', pending: 2 });
    conn.destroy();
    // After a restart the stored updates are counted against what the server last acknowledged (nothing).
    const again = new SyncConnection(new Y.Doc(), { serverUrl: 'ws://127.0.0.1:1', token: 't', docName: '350102001001', storedUpdates: [Y.encodeStateAsUpdate(doc)] });
    expect(again.syncStatus.pending).toBe(1);
    again.destroy();
  });

  it('retries with growing, jittered delays and gives up never (only on final refusals)', async () => {
    const opened: number[] = [];
    class FailingSocket {
      binaryType = '';
      onclose: ((e: { code: number }) => void) | null = null;
      onopen = null;
      onmessage = null;
      onerror = null;
      readyState = 0;
      constructor() {
        opened.push(Date.now());
        setTimeout(() => this.onclose?.({ code: 1006 }), 1);
      }
      close() {}
      send() {}
    }
    const messages: string[] = [];
    const conn = new SyncConnection(new Y.Doc(), { serverUrl: 'ws://x', token: 't', docName: '350102001001', onStatus: (st) => st.message && messages.push(st.message), WebSocketImpl: FailingSocket as unknown as typeof WebSocket, backoff: { baseMs: 10, maxMs: 80 }, random: () => 0.5 });
    conn.connect();
    await new Promise((r) => setTimeout(r, 400));
    expect(messages[0]).toContain('正在自动重连');
    conn.destroy();
    const gaps = opened.slice(1).map((t, i) => t - opened[i]!);
    expect(opened.length).toBeGreaterThanOrEqual(5);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    expect(Math.max(...gaps)).toBeLessThan(200);
  });
});
