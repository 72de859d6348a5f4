import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Scope } from './streetAnswers';
import type { WorkerReply, WorkerRequest } from './streetWorker';

/** The street facts' own database file, beside the sync server's. */
export function streetDbPath(dataDir: string): string {
  return join(dataDir, 'street.db');
}

/** How long a street question may take in the worker before the street page is told to try again. */
export const STREET_ANSWER_TIMEOUT_MS = 60_000;

/**
 * The sync thread's side of the street's workers: it tells the builder which community changed, relays each street
 * question to the answering worker and its answer (already JSON) back, and hands the street's whistles to be written.
 * Nothing here reads a document or computes a figure.
 */
export class StreetService {
  private builder: Worker;
  private answers: Worker;
  private closing = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: WorkerReply) => void>();
  /** Which worker each waiting request went to (to answer them if it stops). */
  private readonly owner = new Map<number, Worker>();
  private readonly builtListeners = new Set<(doc: string) => void>();

  constructor(dataDir: string, private readonly log: (line: string) => void) {
    this.builder = this.start(dataDir, 'builder');
    this.answers = this.start(dataDir, 'answers');
  }

  private start(dataDir: string, role: 'builder' | 'answers'): Worker {
    const worker = this.spawn(dataDir, role);
    // A worker that stopped (an error it did not catch) is started again: street views must not go stale for good.
    worker.once('exit', (code) => {
      if (this.closing) return;
      this.log(`街道汇总线程（${role}）已退出（代码 ${code}），1 秒后重新启动`);
      for (const [id, done] of this.waiting) if (this.owner.get(id) === worker) done({ type: 'answer', id, status: 503, body: JSON.stringify({ error: '街道汇总暂时没有答复（服务器正在恢复），请稍后重试' }) });
      setTimeout(() => {
        if (this.closing) return;
        if (role === 'builder') this.builder = this.start(dataDir, role);
        else this.answers = this.start(dataDir, role);
      }, 1000).unref();
    });
    return worker;
  }

  private spawn(dataDir: string, role: 'builder' | 'answers'): Worker {
    // From source (tests, `npm run sync-server`) the worker is TypeScript run through tsx; built, a file beside this one.
    const fromSource = import.meta.url.endsWith('.ts');
    // Built, this code may sit in a shared chunk below the entries: the worker entry is beside or above it.
    const file = fromSource ? new URL('./streetWorker.ts', import.meta.url) : [new URL('./street-worker.js', import.meta.url), new URL('../street-worker.js', import.meta.url)].find((u) => existsSync(u)) ?? new URL('./street-worker.js', import.meta.url);
    const worker = new Worker(file, { workerData: { dbPath: join(dataDir, 'sync.db'), factsPath: streetDbPath(dataDir), role }, execArgv: fromSource ? ['--import', 'tsx'] : [] });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'built') return this.builtListeners.forEach((l) => l(reply.doc));
      if (reply.type === 'failed') return this.log(`街道汇总未能写入（社区 ${reply.doc}）：${reply.error}；稍后重试`);
      const done = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      done?.(reply);
    });
    worker.on('error', (error) => this.log(`街道汇总线程出错（${role}）：${error.message}`));
    worker.unref();
    return worker;
  }

  /**
   * A community's updates were stored: its street facts are brought up to date shortly after (debounced, as a clerk's
   * edits come in bursts), or at once when the street itself wrote them (`now`: its officer waits to see the result).
   */
  changed(doc: string, now = false): void {
    this.builder.postMessage({ type: 'refresh', doc, now } satisfies WorkerRequest);
  }

  /** Calls back each time a community's street facts were written (tests, the bench). */
  onBuilt(listener: (doc: string) => void): () => void {
    this.builtListeners.add(listener);
    return () => this.builtListeners.delete(listener);
  }

  ask(route: string, params: Record<string, string>, scope: Scope, today: string): Promise<{ status: number; body: string }> {
    return this.request(this.answers, (id) => ({ type: 'query', id, route, params, scope, today }), (reply) => (reply.type === 'answer' ? { status: reply.status, body: reply.body } : { status: 500, body: '{}' }));
  }

  raise(body: unknown, scope: Scope, street: string, name: string): Promise<Extract<WorkerReply, { type: 'raised' }>> {
    return this.request(this.builder, (id) => ({ type: 'raise', id, body, scope, street, name }), (reply) => reply as Extract<WorkerReply, { type: 'raised' }>);
  }

  private request<T>(worker: Worker, message: (id: number) => WorkerRequest, read: (reply: WorkerReply) => T): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.owner.delete(id);
        reject(new Error('timeout'));
      }, STREET_ANSWER_TIMEOUT_MS);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        this.owner.delete(id);
        resolve(read(reply));
      });
      this.owner.set(id, worker);
      worker.postMessage(message(id));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.builder.terminate(), this.answers.terminate()]);
  }
}
