import { Alert, Result, Spin } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor, EditContext } from '../../src-shared/repository/docLayout';
import { canRead, peekClaims, type ConnectionSettings } from '../../src-shared/sync/access';
import { loadAppSettings, saveAppSettings, type AppSettings } from '../data/appSettings';
import { CommunityStore } from '../data/communityStore';
import { requestPersistentStorage } from '../data/persistentStorage';
import { SetupPage, type SetupResult } from '../features/setup/SetupPage';
import { StreetHome } from '../features/street/StreetHome';
import { platform } from '../platform/platform';
import { SyncSession } from '../sync/syncSession';
import { MainLayout } from './MainLayout';
import { SessionContext, type Session } from './storeContext';

type Phase =
  | { kind: 'loading' }
  | { kind: 'setup'; settings: AppSettings }
  | { kind: 'street' }
  | { kind: 'ready'; session: Session }
  | { kind: 'failed'; message: string };

const SYNC_SECRET = 'sync-connection';

export async function loadSyncSettings(): Promise<ConnectionSettings | null> {
  const raw = await platform.loadSecret(SYNC_SECRET).catch(() => null);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ConnectionSettings;
  } catch {
    return null;
  }
}

/** Composition root: this PC's settings, the open community (or first-run setup, or the street home), its sync. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const actor = useRef<Actor>({ name: '', device: '' });
  const context = useRef<EditContext>({ actor: () => actor.current, now: () => Date.now() });
  const storeRef = useRef<CommunityStore | null>(null);
  const syncRef = useRef<SyncSession | null>(null);
  const syncSettings = useRef<ConnectionSettings | null>(null);
  const persistent = useRef<boolean | undefined>(undefined);

  const closeCommunity = useCallback(async () => {
    syncRef.current?.stop();
    syncRef.current = null;
    await storeRef.current?.close();
    storeRef.current = null;
  }, []);

  const isStreetUser = () => {
    const claims = syncSettings.current ? peekClaims(syncSettings.current.token) : undefined;
    return claims !== undefined && claims.scope.length === 9;
  };

  const makeSession = useCallback((store: CommunityStore, clerkName: string): Session => {
    const session: Session = {
      store,
      context: context.current,
      clerkName,
      persistentStorage: persistent.current,
      sync: syncRef.current,
      syncSettings: syncSettings.current,
      async setClerkName(name: string) {
        await saveAppSettings({ clerkName: name });
        actor.current = { ...actor.current, name };
        setPhase({ kind: 'ready', session: makeSession(store, name) });
      },
      async setSyncSettings(settings) {
        await platform.saveSecret(SYNC_SECRET, settings ? JSON.stringify(settings) : null);
        syncSettings.current = settings;
        syncRef.current?.stop();
        syncRef.current = null;
        const claims = settings ? peekClaims(settings.token) : undefined;
        if (settings && claims && canRead(claims, store.code)) syncRef.current = await SyncSession.start(store, settings);
        setPhase({ kind: 'ready', session: makeSession(store, actor.current.name) });
      },
      openStreetHome: isStreetUser()
        ? async () => {
            await closeCommunity();
            await saveAppSettings({ currentCommunity: '' });
            setPhase({ kind: 'street' });
          }
        : undefined,
    };
    return session;
  }, [closeCommunity]);

  const openCommunity = useCallback(async (code: string, clerkName: string, alreadyOpen?: CommunityStore) => {
    await closeCommunity();
    const store = alreadyOpen ?? (await CommunityStore.open(code, { context: context.current }));
    storeRef.current = store;
    const settings = syncSettings.current;
    const claims = settings ? peekClaims(settings.token) : undefined;
    if (settings && claims && canRead(claims, code)) syncRef.current = await SyncSession.start(store, settings);
    setPhase({ kind: 'ready', session: makeSession(store, clerkName) });
  }, [closeCommunity, makeSession]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      persistent.current = await requestPersistentStorage().catch(() => undefined);
      const settings = await loadAppSettings();
      syncSettings.current = await loadSyncSettings();
      actor.current = { name: settings.clerkName, device: settings.deviceId };
      if (cancelled) return;
      if (!settings.currentCommunity) return setPhase(isStreetUser() ? { kind: 'street' } : { kind: 'setup', settings });
      const store = await CommunityStore.open(settings.currentCommunity, { context: context.current });
      if (cancelled) return void store.close();
      // A community set up here, or one a street user opened (its data may still be on the way from the server).
      if (!store.info && !isStreetUser()) {
        await store.close();
        return setPhase({ kind: 'setup', settings });
      }
      await openCommunity(settings.currentCommunity, settings.clerkName, store);
    })().catch((error: unknown) => setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      cancelled = true;
      void closeCommunity();
    };
  }, [openCommunity, closeCommunity]);

  const finishSetup = useCallback(async (result: SetupResult, settings: AppSettings) => {
    actor.current = { name: result.clerkName, device: settings.deviceId };
    const store = await CommunityStore.open(result.code, { context: context.current });
    try {
      store.initialise(result);
      await store.flush();
    } finally {
      await store.close();
    }
    // Only once the community is on disk does this PC remember it, so a crash here means setup shows again.
    await saveAppSettings({ clerkName: result.clerkName, currentCommunity: result.code });
    await openCommunity(result.code, result.clerkName);
  }, [openCommunity]);

  const streetSignIn = useCallback(async (settings: ConnectionSettings, clerkName: string) => {
    await platform.saveSecret(SYNC_SECRET, JSON.stringify(settings));
    syncSettings.current = settings;
    actor.current = { ...actor.current, name: clerkName };
    await saveAppSettings({ clerkName, currentCommunity: '' });
    setPhase({ kind: 'street' });
  }, []);

  switch (phase.kind) {
    case 'loading':
      return <Spin fullscreen tip="正在打开本机数据…" />;
    case 'failed':
      return <Result status="error" title="无法打开社区数据" subTitle={phase.message} extra={<Alert type="info" message="数据未做任何改动。请关闭后重新打开；如仍失败，请联系街道党建办。" />} />;
    case 'setup':
      return <SetupPage onDone={(r) => finishSetup(r, phase.settings)} onStreetSignIn={streetSignIn} initialClerkName={phase.settings.clerkName} />;
    case 'street':
      return (
        <StreetHome
          settings={syncSettings.current!}
          clerkName={actor.current.name}
          onOpen={async (code) => {
            await saveAppSettings({ currentCommunity: code });
            await openCommunity(code, actor.current.name);
          }}
          onSignOut={async () => {
            await platform.saveSecret(SYNC_SECRET, null);
            syncSettings.current = null;
            setPhase({ kind: 'setup', settings: await loadAppSettings() });
          }}
        />
      );
    case 'ready':
      return (
        <SessionContext.Provider value={phase.session}>
          <MainLayout />
        </SessionContext.Provider>
      );
  }
}
