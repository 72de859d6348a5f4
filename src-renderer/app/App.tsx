import { Alert, Button, Result, Space, Spin, Typography } from 'antd';
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
import { PreviewLayout } from './PreviewLayout';
import { readCommunityPreview, type CommunityPreview } from '../data/communityPreview';
import { OperatorSession } from './operatorSession';
import { loadOperatorSettings } from '../data/operators';
import { newId } from '../../src-shared/ids';
import { SessionContext, type Session } from './storeContext';
import * as Y from 'yjs';
import type { BackupHeader } from '../../src-shared/backup/backupFile';
import { ORIGIN } from '../../src-shared/repository/docLayout';

type Phase =
  | { kind: 'loading' }
  | { kind: 'setup'; settings: AppSettings }
  | { kind: 'street' }
  | { kind: 'preview'; preview: CommunityPreview }
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
  const deviceId = useRef('');
  const operators = useRef<OperatorSession | null>(null);
  // Every edit is stamped with the operator in effect (chosen from this PC's list) and this PC's id and name.
  const context = useRef<EditContext>({
    actor: (): Actor => {
      const state = operators.current?.snapshot;
      const deviceName = state?.settings.deviceName;
      return { name: state?.current?.name ?? '', device: deviceId.current, ...(deviceName ? { deviceName } : {}) };
    },
    now: () => Date.now(),
  });
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

  // A clerk's new PC whose data is still coming down from the street server.
  const joiningFromStreet = (code: string) => {
    const claims = syncSettings.current ? peekClaims(syncSettings.current.token) : undefined;
    return claims !== undefined && canRead(claims, code);
  };

  const isStreetUser = () => {
    const claims = syncSettings.current ? peekClaims(syncSettings.current.token) : undefined;
    return claims !== undefined && claims.scope.length === 9;
  };

  const makeSession = useCallback((store: CommunityStore): Session => {
    const session: Session = {
      store,
      context: context.current,
      operators: operators.current!,
      persistentStorage: persistent.current,
      sync: syncRef.current,
      syncSettings: syncSettings.current,
      async setSyncSettings(settings) {
        await platform.saveSecret(SYNC_SECRET, settings ? JSON.stringify(settings) : null);
        syncSettings.current = settings;
        syncRef.current?.stop();
        syncRef.current = null;
        const claims = settings ? peekClaims(settings.token) : undefined;
        if (settings && claims && canRead(claims, store.code)) syncRef.current = await SyncSession.start(store, settings);
        setPhase({ kind: 'ready', session: makeSession(store) });
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

  /**
   * The roster from IndexedDB's projection tables, painted before the document's (seconds long) decode blocks the page.
   * Nothing to show (a new PC, a community not yet here) leaves the loading screen as it is.
   */
  const showPreview = useCallback(async (code: string, cancelled: () => boolean) => {
    const preview = await readCommunityPreview(code).catch(() => null);
    if (!preview || cancelled()) return;
    setPhase({ kind: 'preview', preview });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    // Tests hold the opening here to look at the preview.
    await (window as { deskOpenGate?: Promise<void> }).deskOpenGate;
  }, []);

  const openCommunity = useCallback(async (code: string, alreadyOpen?: CommunityStore, preview = false) => {
    await closeCommunity();
    if (preview && !alreadyOpen) await showPreview(code, () => false);
    const store = alreadyOpen ?? (await CommunityStore.open(code, { context: context.current }));
    storeRef.current = store;
    const settings = syncSettings.current;
    const claims = settings ? peekClaims(settings.token) : undefined;
    if (settings && claims && canRead(claims, code)) syncRef.current = await SyncSession.start(store, settings);
    setPhase({ kind: 'ready', session: makeSession(store) });
  }, [closeCommunity, makeSession, showPreview]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      persistent.current = await requestPersistentStorage().catch(() => undefined);
      const settings = await loadAppSettings();
      syncSettings.current = await loadSyncSettings();
      deviceId.current = settings.deviceId;
      operators.current = new OperatorSession(await loadOperatorSettings(settings.clerkName));
      if (cancelled) return;
      // The street's PC always opens on the street's overview, whichever community was open when it was closed.
      if (isStreetUser()) return setPhase({ kind: 'street' });
      if (!settings.currentCommunity) return setPhase({ kind: 'setup', settings });
      await showPreview(settings.currentCommunity, () => cancelled);
      const store = await CommunityStore.open(settings.currentCommunity, { context: context.current });
      if (cancelled) return void store.close();
      // A community set up here, or one a street user opened (its data may still be on the way from the server).
      if (!store.info && !isStreetUser() && !joiningFromStreet(settings.currentCommunity)) {
        await store.close();
        return setPhase({ kind: 'setup', settings });
      }
      await openCommunity(settings.currentCommunity, store);
    })().catch((error: unknown) => setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      cancelled = true;
      void closeCommunity();
    };
  }, [openCommunity, closeCommunity, showPreview]);

  const finishSetup = useCallback(async (result: SetupResult, settings: AppSettings) => {
    deviceId.current = settings.deviceId;
    await firstOperator(result.clerkName);
    const store = await CommunityStore.open(result.code, { context: context.current });
    try {
      store.initialise(result);
      await store.flush();
    } finally {
      await store.close();
    }
    // Only once the community is on disk does this PC remember it, so a crash here means setup shows again.
    await saveAppSettings({ clerkName: result.clerkName, currentCommunity: result.code });
    await openCommunity(result.code);
  }, [openCommunity]);

  /** The name typed at first run (or at the street's sign-in) is this PC's first operator, and the one in effect. */
  const firstOperator = async (name: string) => {
    const session = operators.current ?? new OperatorSession(await loadOperatorSettings(''));
    operators.current = session;
    const state = session.snapshot;
    let operator = state.settings.operators.find((o) => o.name === name);
    if (!operator) {
      operator = { id: newId(), name };
      await session.update({ ...state.settings, operators: [...state.settings.operators, operator] });
    }
    if (!operator.pin) await session.choose(operator.id, '');
  };

  const joinFromStreet = useCallback(async (settings: ConnectionSettings, clerkName: string) => {
    await platform.saveSecret(SYNC_SECRET, JSON.stringify(settings));
    syncSettings.current = settings;
    await firstOperator(clerkName);
    const code = peekClaims(settings.token)!.scope;
    await saveAppSettings({ clerkName, currentCommunity: code });
    await openCommunity(code);
  }, [openCommunity]);

  const restoreFromBackup = useCallback(async (backup: { header: BackupHeader; updates: Uint8Array[] }, clerkName: string) => {
    await firstOperator(clerkName);
    const store = await CommunityStore.open(backup.header.communityCode, { context: context.current });
    try {
      store.doc.transact(() => {
        for (const u of backup.updates) Y.applyUpdate(store.doc, u, ORIGIN.file);
      }, ORIGIN.file);
      await store.flush();
    } finally {
      await store.close();
    }
    await saveAppSettings({ clerkName, currentCommunity: backup.header.communityCode });
    await openCommunity(backup.header.communityCode);
  }, [openCommunity]);

  const streetSignIn = useCallback(async (settings: ConnectionSettings, clerkName: string) => {
    await platform.saveSecret(SYNC_SECRET, JSON.stringify(settings));
    syncSettings.current = settings;
    await firstOperator(clerkName);
    await saveAppSettings({ clerkName, currentCommunity: '' });
    setPhase({ kind: 'street' });
  }, []);

  switch (phase.kind) {
    case 'loading':
      return <Spin fullscreen tip="正在打开本机数据…" />;
    case 'failed':
      return (
        <Result status="error" title="无法打开社区数据" data-testid="open-failed"
          // A browser's or library's English message is not shown as the reason; it stays below as a detail to report.
          subTitle={/[\u4e00-\u9fff]/.test(phase.message) ? phase.message : '打开本机保存的社区数据时出现意外错误。'}
          extra={(
            <Space direction="vertical" align="center">
              <Alert type="info" message="数据未做任何改动。请先点“重新打开”；如仍失败，请把下面的错误信息告诉街道党建办。本机的备份文件仍在备份文件夹中，可在另一台电脑上用“从备份文件恢复”打开。" />
              {!/[\u4e00-\u9fff]/.test(phase.message) && <Typography.Text type="secondary" copyable>错误信息：{phase.message}</Typography.Text>}
              <Button type="primary" onClick={() => window.location.reload()}>重新打开</Button>
            </Space>
          )} />
      );
    case 'setup':
      return <SetupPage onDone={(r) => finishSetup(r, phase.settings)} onStreetSignIn={streetSignIn} onJoinFromStreet={joinFromStreet} onRestore={restoreFromBackup} initialClerkName={phase.settings.clerkName} />;
    case 'street':
      return (
        <StreetHome
          settings={syncSettings.current!}
          clerkName={operators.current?.snapshot.current?.name ?? ''}
          onOpen={async (code) => {
            await saveAppSettings({ currentCommunity: code });
            // A community opened before on this PC shows its roster at once, while its document loads.
            await openCommunity(code, undefined, true);
          }}
          onSignOut={async () => {
            await platform.saveSecret(SYNC_SECRET, null);
            syncSettings.current = null;
            setPhase({ kind: 'setup', settings: await loadAppSettings() });
          }}
        />
      );
    case 'preview':
      return <PreviewLayout preview={phase.preview} />;
    case 'ready':
      return (
        <SessionContext.Provider value={phase.session}>
          <MainLayout />
        </SessionContext.Provider>
      );
  }
}
