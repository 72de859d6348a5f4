import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { AnyRepository } from '../../src-shared/repository/collectionRepository';
import type { EditContext } from '../../src-shared/repository/docLayout';
import type { ConnectionSettings } from '../../src-shared/sync/access';
import type { CommunityStore, SaveStatus } from '../data/communityStore';
import type { SyncSession } from '../sync/syncSession';
import type { SyncStatus } from '../sync/syncConnection';
import type { OperatorSession } from './operatorSession';

export interface Session {
  store: CommunityStore;
  /** Who is editing, for acts recorded outside a repository (e.g. the audit log of full exports). */
  context: EditContext;
  /** Who is at the keyboard: chosen from this PC's operator list. */
  operators: OperatorSession;
  persistentStorage: boolean | undefined;
  /** The link to the street server, when this PC has connection settings that cover this community. */
  sync: SyncSession | null;
  syncSettings: ConnectionSettings | null;
  setSyncSettings(settings: ConnectionSettings | null): Promise<void>;
  /** Street staff: back to the list of the street's communities. */
  openStreetHome?: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

/** Re-renders whenever any record of the repository changes, here, in another window or by a merge. */
export function useRepositoryVersion(repo: AnyRepository): number {
  const [version, setVersion] = useState(0);
  useEffect(() => repo.observe(() => setVersion((v) => v + 1)), [repo]);
  return version;
}

export function useSaveStatus(store: CommunityStore): SaveStatus {
  return useSyncExternalStore(
    (onChange) => store.onSaveStatus(onChange),
    () => store.saveStatus,
  );
}

const OFFLINE: SyncStatus = { state: 'offline', pending: 0 };

export function useSyncStatus(sync: SyncSession | null): SyncStatus {
  return useSyncExternalStore(
    (onChange) => (sync ? sync.onStatus(onChange) : () => undefined),
    () => sync?.status ?? OFFLINE,
  );
}
