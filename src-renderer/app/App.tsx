import { Alert, Result, Spin } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor, EditContext } from '../../src-shared/repository/docLayout';
import { loadAppSettings, saveAppSettings, type AppSettings } from '../data/appSettings';
import { CommunityStore } from '../data/communityStore';
import { requestPersistentStorage } from '../data/persistentStorage';
import { SetupPage, type SetupResult } from '../features/setup/SetupPage';
import { MainLayout } from './MainLayout';
import { SessionContext, type Session } from './storeContext';

type Phase =
  | { kind: 'loading' }
  | { kind: 'setup'; settings: AppSettings }
  | { kind: 'ready'; session: Session }
  | { kind: 'failed'; message: string };

/** Composition root: loads this PC's settings, opens the community (or runs first-run setup), provides the session. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const actor = useRef<Actor>({ name: '', device: '' });
  const context = useRef<EditContext>({ actor: () => actor.current, now: () => Date.now() });
  const storeRef = useRef<CommunityStore | null>(null);
  const persistent = useRef<boolean | undefined>(undefined);

  const makeSession = useCallback((store: CommunityStore, clerkName: string): Session => {
    const session: Session = {
      store,
      context: context.current,
      clerkName,
      persistentStorage: persistent.current,
      async setClerkName(name: string) {
        await saveAppSettings({ clerkName: name });
        actor.current = { ...actor.current, name };
        setPhase({ kind: 'ready', session: makeSession(store, name) });
      },
    };
    return session;
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      persistent.current = await requestPersistentStorage().catch(() => undefined);
      const settings = await loadAppSettings();
      actor.current = { name: settings.clerkName, device: settings.deviceId };
      if (!settings.currentCommunity) return setPhase({ kind: 'setup', settings });
      const store = await CommunityStore.open(settings.currentCommunity, { context: context.current });
      if (cancelled) return void store.close();
      if (!store.info) {
        await store.close();
        return setPhase({ kind: 'setup', settings });
      }
      storeRef.current = store;
      setPhase({ kind: 'ready', session: makeSession(store, settings.clerkName) });
    })().catch((error: unknown) => setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      cancelled = true;
      void storeRef.current?.close();
      storeRef.current = null;
    };
  }, [makeSession]);

  const finishSetup = useCallback(async (result: SetupResult, settings: AppSettings) => {
    actor.current = { name: result.clerkName, device: settings.deviceId };
    const store = await CommunityStore.open(result.code, { context: context.current });
    try {
      store.initialise(result);
      await store.flush();
    } catch (error) {
      await store.close();
      throw error;
    }
    // Only once the community is on disk does this PC remember it, so a crash here means setup shows again.
    await saveAppSettings({ clerkName: result.clerkName, currentCommunity: result.code });
    storeRef.current = store;
    setPhase({ kind: 'ready', session: makeSession(store, result.clerkName) });
  }, [makeSession]);

  switch (phase.kind) {
    case 'loading':
      return <Spin fullscreen tip="正在打开本机数据…" />;
    case 'failed':
      return <Result status="error" title="无法打开社区数据" subTitle={phase.message} extra={<Alert type="info" message="数据未做任何改动。请关闭后重新打开；如仍失败，请联系街道党建办。" />} />;
    case 'setup':
      return <SetupPage onDone={(r) => finishSetup(r, phase.settings)} initialClerkName={phase.settings.clerkName} />;
    case 'ready':
      return (
        <SessionContext.Provider value={phase.session}>
          <MainLayout />
        </SessionContext.Provider>
      );
  }
}
