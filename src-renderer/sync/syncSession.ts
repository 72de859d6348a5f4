import type { ConnectionSettings } from '../../src-shared/sync/access';
import type { CommunityStore } from '../data/communityStore';
import { ConflictTracker, type ConflictMemory } from './conflictTracker';
import { SYNC_ORIGIN, SyncConnection, type SyncMemory, type SyncStatus } from './syncConnection';
import type * as Y from 'yjs';
import { guardFinalized } from '../../src-shared/records/meeting/finalizedGuard';
import { changedRecordIds } from '../../src-shared/repository/collectionRepository';
import { collectionMap } from '../../src-shared/repository/docLayout';

/** One community's link to the street server: the connection, what it last acknowledged, and the conflict list. */
export class SyncSession {
  private constructor(
    readonly connection: SyncConnection,
    readonly conflicts: ConflictTracker,
    private readonly listeners: Set<(s: SyncStatus) => void>,
  ) {}

  static async start(store: CommunityStore, settings: ConnectionSettings): Promise<SyncSession> {
    const [memory, conflictMemory, storedUpdates] = await Promise.all([
      store.loadMeta<SyncMemory>('sync'),
      store.loadMeta<ConflictMemory>('conflicts'),
      store.storedUpdates(),
    ]);
    const save = (key: string, value: unknown) => void store.saveMeta(key, value).catch(() => undefined);
    const conflicts = new ConflictTracker(store.doc, conflictMemory, (m) => save('conflicts', m), store.context.actor().device);
    const listeners = new Set<(s: SyncStatus) => void>();
    const connection = new SyncConnection(store.doc, {
      serverUrl: settings.serverUrl,
      token: settings.token,
      docName: store.code,
      storedUpdates,
      memory,
      saveMemory: (m) => save('sync', m),
      onStatus: (status) => {
        if (status.state === 'synced' && status.pending === 0) conflicts.markSynced();
        listeners.forEach((l) => l(status));
      },
    });
    const session = new SyncSession(connection, conflicts, listeners);
    session.guardMeetings(store);
    connection.connect();
    session.watchNetwork();
    return session;
  }

  get status(): SyncStatus {
    return this.connection.syncStatus;
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.unwatch?.();
    this.unguard?.();
    this.connection.destroy();
    this.conflicts.destroy();
  }

  private unwatch?: () => void;
  private unguard?: () => void;

  /**
   * A finalized meeting edited on a PC that had not yet seen the lock: once the merge is applied, the finalized values
   * are written back and the edit waits as a 待确认 proposal (finalizedGuard). Done after the merge's transaction.
   */
  private guardMeetings(store: CommunityStore): void {
    const map = collectionMap(store.doc, 'meetings');
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      if (transaction.origin !== SYNC_ORIGIN) return;
      const ids = [...changedRecordIds(events, map)];
      setTimeout(() => {
        for (const id of ids) {
          try {
            guardFinalized(store.repos.meetings, id);
          } catch {
            // A meeting that cannot be checked now is checked again with the next merge.
          }
        }
      }, 0);
    };
    map.observeDeep(handler);
    this.unguard = () => map.unobserveDeep(handler);
  }

  private watchNetwork(): void {
    if (typeof window === 'undefined') return;
    const online = () => this.connection.retryNow();
    const offline = () => this.connection.dropConnection();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.unwatch = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }
}

/** The street server's HTTP address for a ws(s):// sync address. */
export function httpBase(serverUrl: string): string {
  return serverUrl.replace(/^ws/, 'http');
}
