import type { SyncServerState } from '../../src-shared/ipc/contract';

export interface ServerProcess {
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/**
 * Starts and stops the sync server as a child process of the desktop app (the same program as
 * `npm run sync-server`), remembering its port. Plain logic: the process is created by the injected `fork`.
 */
export function createLocalSyncServer(deps: { fork(args: string[]): ServerProcess; dataDir(): string; addresses(): string[] }) {
  let child: ServerProcess | null = null;
  let port: number | null = null;
  const state = (): SyncServerState => ({
    running: child !== null,
    port,
    addresses: child && port ? deps.addresses().map((a) => `ws://${a}:${port}`) : [],
    dataDir: deps.dataDir(),
  });
  return {
    async start(requestedPort: number): Promise<SyncServerState> {
      if (child) return state();
      const proc = deps.fork(['serve', '--port', String(requestedPort), '--data', deps.dataDir()]);
      child = proc;
      port = requestedPort;
      proc.on('exit', () => {
        if (child === proc) {
          child = null;
          port = null;
        }
      });
      return state();
    },
    async stop(): Promise<SyncServerState> {
      child?.kill();
      child = null;
      port = null;
      return state();
    },
    status: state,
  };
}
