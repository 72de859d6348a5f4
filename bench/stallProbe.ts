/**
 * The street bench's observer of the sync thread, in a process of its own: a /health ping every 10 ms and a clerk's
 * edit every 20 ms (on a small community), until told to stop on stdin; then the longest ping and the longest wait for
 * an edit's acknowledgement, as one JSON line. Its own process so that the bench's heap (a large community held in
 * memory, gigabytes) and its garbage collection do not show up as the server's delay.
 *
 * Run: node --import tsx bench/stallProbe.ts <http> <ws url> <clerk token> <community code>
 */
import * as Y from 'yjs';
import { createRepositories } from '../src-shared/repository/repositories';
import { fixedContext } from '../src-shared/testing/fixedContext';
import { SyncConnection } from '../src-renderer/sync/syncConnection';

const [http, url, token, code] = process.argv.slice(2) as [string, string, string, string];

async function waitFor(test: () => boolean, ms: number, what: string) {
  for (const start = Date.now(); !test(); ) {
    if (Date.now() - start > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function main() {
  const doc = new Y.Doc();
  const clerk = new SyncConnection(doc, { serverUrl: url, token, docName: code });
  clerk.connect();
  await waitFor(() => clerk.syncStatus.state === 'synced', 60_000, `small clerk: ${JSON.stringify(clerk.syncStatus)}`);
  const units = createRepositories(doc, fixedContext()).residentUnits;
  let running = true;
  process.stdin.on('data', () => (running = false));
  const pings: number[] = [];
  const acks: number[] = [];
  const pinging = (async () => {
    while (running) {
      const t0 = performance.now();
      await (await fetch(`${http}/health`)).json();
      pings.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const editing = (async () => {
    for (let i = 0; running; i++) {
      const t0 = performance.now();
      units.create({ name: `单位${i}` });
      await waitFor(() => clerk.syncStatus.pending === 0, 60_000, `edit ${i} ack`);
      acks.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  process.stdout.write('ready\n');
  await Promise.all([pinging, editing]);
  clerk.destroy();
  process.stdout.write(`${JSON.stringify({ pingMaxMs: Math.max(...pings), ackMaxMs: Math.max(...acks), pings: pings.length, acks: acks.length })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
