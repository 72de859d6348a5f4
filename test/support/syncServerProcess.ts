import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Starts the sync server as a real process (so tests can SIGKILL it) and resolves once /health answers.
 * `entry` is the TypeScript source (run through tsx) or the built `out/main/sync-server.js`. The street facts are
 * rebuilt 200 ms after a community's last update (2 s in service), so a test's street page need not wait long.
 */
export async function startSyncServerProcess(options: { port: number; dataDir: string; entry?: 'source' | 'built' }): Promise<ChildProcess> {
  const program = options.entry === 'built' ? ['out/main/sync-server.js'] : ['--import', 'tsx', 'src-main/sync/cli.ts'];
  // The server's log goes to server.log in its data folder (or to the console with SERVER_LOG=1), to read after a failure.
  const log = process.env.SERVER_LOG ? 'inherit' : openSync(join(options.dataDir, 'server.log'), 'a');
  const proc = spawn(process.execPath, [...program, 'serve', '--port', String(options.port), '--host', '127.0.0.1', '--data', options.dataDir], { stdio: ['ignore', log, log], env: { ...process.env, STREET_FACTS_DEBOUNCE_MS: process.env.STREET_FACTS_DEBOUNCE_MS ?? '200' } });
  // Up to 30 s: a loaded CI machine can take seconds to start a process and create its database.
  for (const start = Date.now(); Date.now() - start < 30_000; ) {
    try {
      if ((await fetch(`http://127.0.0.1:${options.port}/health`)).ok) return proc;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  proc.kill('SIGKILL');
  throw new Error('sync server did not start');
}

/** SIGKILL: no shutdown handler runs, like a power cut. */
export async function killProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}
