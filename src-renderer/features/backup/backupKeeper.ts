import { useEffect, useState } from 'react';
import { backupFileName, backupTimeOfName, encodeBackup, type BackupHeader } from '../../../src-shared/backup/backupFile';
import { backupDue, backupsToKeep, checkRotation, DEFAULT_ROTATION, type RotationSettings } from '../../../src-shared/backup/rotation';
import type { BackupFileInfo } from '../../../src-shared/ipc/contract';
import { errorText } from '../../app/errorText';
import { loadAppValue, saveAppValue } from '../../data/appSettings';
import type { CommunityStore } from '../../data/communityStore';
import { platform } from '../../platform/platform';

/** This PC's backup settings (not the community's: the folder is a place on this PC). */
export interface BackupSettings {
  /** At the first start of each day. */
  auto: boolean;
  /** When the desktop app is closed. */
  onQuit: boolean;
  folder: string;
  rotation: RotationSettings;
}

export async function loadBackupSettings(): Promise<BackupSettings> {
  const saved = await loadAppValue<Partial<BackupSettings>>('backup');
  return { auto: saved?.auto ?? true, onQuit: saved?.onQuit ?? true, folder: saved?.folder || (await platform.defaultBackupFolder()), rotation: { ...DEFAULT_ROTATION, ...saved?.rotation } };
}

export async function saveBackupSettings(settings: BackupSettings): Promise<void> {
  await saveAppValue('backup', { ...settings, rotation: checkRotation(settings.rotation) });
}

export interface BackupStatus {
  lastSuccessAt?: number;
  lastName?: string;
  lastPath?: string;
  /** The last failure since the last success, in Chinese with what to do. */
  error?: string;
  errorAt?: number;
  running?: boolean;
}

export interface BackupEntry extends BackupFileInfo {
  createdAt: number;
}

const RETRY_MS = 10 * 60_000;

/**
 * The backups of one open community on this PC: made on a schedule (at the first start of each day, retried every
 * ten minutes after a failure) and on demand, written to the chosen folder and rotated; the status says when the
 * last one succeeded and why the last one failed. A failed backup is never silent.
 */
export class BackupKeeper {
  private status: BackupStatus = {};
  private readonly listeners = new Set<(s: BackupStatus) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private loaded: Promise<void>;

  constructor(readonly store: CommunityStore, private readonly who: () => { operator: string; device: string }) {
    this.loaded = store.loadMeta<BackupStatus>('backupStatus').then((s) => this.set({ ...s, running: false }));
  }

  get current(): BackupStatus {
    return this.status;
  }

  onChange(listener: (s: BackupStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<BackupStatus>) {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
  }

  /** Starts the schedule: a backup now if none succeeded today, then a check every ten minutes. */
  start(): void {
    const check = async () => {
      await this.loaded;
      const settings = await loadBackupSettings();
      if (!settings.auto || this.status.running || !backupDue(this.status.lastSuccessAt, Date.now())) return;
      await this.backup('auto').catch(() => undefined);
    };
    void check();
    this.timer = setInterval(() => void check(), RETRY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The backup on quit (desktop): taken when the setting is on; a failure is recorded for the next start to show. */
  async onQuit(): Promise<void> {
    if (!(await loadBackupSettings()).onQuit) return;
    await this.backup('auto').catch(() => undefined);
  }

  /** The community's backups in the folder, newest first. */
  async list(settings?: BackupSettings): Promise<BackupEntry[]> {
    const folder = (settings ?? (await loadBackupSettings())).folder;
    const files = await platform.listBackups(folder);
    return files
      .filter((f) => f.name.includes(`-${this.store.code}-`))
      .map((f) => ({ ...f, createdAt: backupTimeOfName(f.name) ?? f.modifiedAt }))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * Writes a backup of the community as it is now; rotates the folder's backups of this community (automatic and
   * manual alike: the rotation keeps the newest of each day). Throws the reason in Chinese, after recording it.
   */
  async backup(reason: 'auto' | 'manual' | 'before-restore'): Promise<{ header: BackupHeader; name: string; path: string; bytes: Uint8Array }> {
    this.set({ running: true });
    try {
      await this.store.flush();
      const settings = await loadBackupSettings();
      // From the stored update log: no re-encoding of the whole document (a large community is backed up at once).
      const { bytes, header } = await encodeBackup(await this.store.storedUpdates(), this.store.doc, this.who());
      const name = backupFileName(header);
      const path = await platform.writeBackup({ folder: settings.folder, name, bytes });
      const backups = await this.list(settings);
      const kept = new Set([...backupsToKeep(backups, settings.rotation)].map((b) => b.name));
      for (const old of backups) if (!kept.has(old.name) && old.name !== name) await platform.deleteBackup({ folder: settings.folder, name: old.name });
      const status: BackupStatus = { lastSuccessAt: header.createdAt, lastName: name, lastPath: path, error: undefined, errorAt: undefined, running: false };
      this.set(status);
      await this.store.saveMeta('backupStatus', { ...status, running: undefined });
      return { header, name, path, bytes };
    } catch (error) {
      const message = `${reason === 'auto' ? '自动备份' : '备份'}失败：${errorText(error)}`;
      this.set({ running: false, error: message, errorAt: Date.now() });
      await this.store.saveMeta('backupStatus', { ...this.status, running: undefined }).catch(() => undefined);
      throw new Error(message, { cause: error });
    }
  }
}

const keepers = new WeakMap<CommunityStore, BackupKeeper>();

/** The keeper of an open community (one per store, shared by the status area and the 数据安全 screen). */
export function keeperOf(store: CommunityStore, who: () => { operator: string; device: string }): BackupKeeper {
  let keeper = keepers.get(store);
  if (!keeper) keepers.set(store, (keeper = new BackupKeeper(store, who)));
  return keeper;
}

export function useBackupStatus(keeper: BackupKeeper): BackupStatus {
  const [status, setStatus] = useState(keeper.current);
  useEffect(() => {
    setStatus(keeper.current);
    return keeper.onChange(setStatus);
  }, [keeper]);
  return status;
}
