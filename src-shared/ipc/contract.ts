import type { SyncRole } from '../sync/access';

/**
 * The one API the preload script exposes to the renderer (window.communityDesk). Main implements it, preload
 * `satisfies` it, and the renderer's platform adapter is the only code that calls it.
 */
export interface DesktopApi {
  /** Which shell the renderer runs in, and versions for the About box. */
  appInfo(): Promise<{ appVersion: string; electronVersion: string; platform: string }>;
  /** Opens another window of the app (e.g. to look at two screens of the same community). */
  openNewWindow(): Promise<void>;
  /** Shows a save dialog and writes the bytes; resolves to the chosen path, or null when cancelled. */
  saveFile(request: { suggestedName: string; bytes: Uint8Array }): Promise<string | null>;
  /**
   * Prints the current page (its print stylesheet: the open print preview) to PDF and saves it where the clerk
   * chooses; resolves to the path, or null when cancelled.
   */
  /** `margins: 'none'` when the page itself places everything (official documents, GB/T 9704). */
  printToPdf(request: { suggestedName: string; paper: 'A4' | 'A3'; landscape: boolean; margins?: 'none' }): Promise<string | null>;
  /** A secret (the sync token) kept encrypted by the OS (Electron safeStorage); null when none is stored. */
  loadSecret(key: string): Promise<string | null>;
  /** Stores a secret encrypted by the OS, or removes it when value is null. */
  saveSecret(key: string, value: string | null): Promise<void>;
  /** The street office runs the sync server on its own PC: start, stop or ask about it. */
  syncServer(request: { action: 'start' | 'stop' | 'status'; port?: number }): Promise<SyncServerState>;
  /** Issues a device token from this PC's sync server data; returns the connection string to hand out. */
  issueSyncToken(request: { role: SyncRole; scope: string; name: string; days: number; serverUrl: string }): Promise<{ connectionString: string; id: string; expiresAt: number }>;
  /**
   * Checks a device token against this PC's sync server keys (the street office running its server here): valid,
   * invalid, expired, revoked — or unknown when this PC holds no server keys.
   */
  verifySyncToken(token: string): Promise<TokenCheck>;
  /** Where automatic backups go unless the clerk chose a folder (the user's documents). */
  defaultBackupFolder(): Promise<string>;
  /** A folder picked in the OS dialog (a USB drive, a network share), or null when cancelled. */
  chooseFolder(): Promise<string | null>;
  listBackups(folder: string): Promise<BackupFileInfo[]>;
  /** Writes a backup file whole (never half a file under its name); resolves to its path. */
  writeBackup(request: { folder: string; name: string; bytes: Uint8Array }): Promise<string>;
  readBackup(request: { folder: string; name: string }): Promise<Uint8Array>;
  deleteBackup(request: { folder: string; name: string }): Promise<void>;
}

export type TokenCheck = 'valid' | 'invalid' | 'expired' | 'revoked' | 'unknown';

export interface BackupFileInfo {
  name: string;
  size: number;
  modifiedAt: number;
}

export interface SyncServerState {
  running: boolean;
  port: number | null;
  /** ws:// addresses of this PC that community PCs can reach. */
  addresses: string[];
  dataDir: string;
}

/** IPC channel names, one per method of DesktopApi. */
export const IPC_CHANNELS = {
  appInfo: 'desk:app-info',
  openNewWindow: 'desk:open-new-window',
  saveFile: 'desk:save-file',
  printToPdf: 'desk:print-to-pdf',
  loadSecret: 'desk:load-secret',
  saveSecret: 'desk:save-secret',
  syncServer: 'desk:sync-server',
  issueSyncToken: 'desk:issue-sync-token',
  verifySyncToken: 'desk:verify-sync-token',
  defaultBackupFolder: 'desk:default-backup-folder',
  chooseFolder: 'desk:choose-folder',
  listBackups: 'desk:list-backups',
  writeBackup: 'desk:write-backup',
  readBackup: 'desk:read-backup',
  deleteBackup: 'desk:delete-backup',
} as const satisfies Record<keyof DesktopApi, string>;

export const DESKTOP_API_GLOBAL = 'communityDesk';

/**
 * Events main sends the page (not requests): the window is about to close; the page answers `ready` when its quit
 * work (the backup on closing) is done. Exposed as window.communityDeskEvents.
 */
export interface DesktopEvents {
  onCloseRequested(handler: () => Promise<void>): void;
}

export const CLOSE_CHANNELS = { requested: 'desk:close-requested', ready: 'desk:close-ready' } as const;

export const DESKTOP_EVENTS_GLOBAL = 'communityDeskEvents';
