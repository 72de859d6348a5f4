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
  printToPdf(request: { suggestedName: string; paper: 'A4' | 'A3'; landscape: boolean }): Promise<string | null>;
  /** A secret (the sync token) kept encrypted by the OS (Electron safeStorage); null when none is stored. */
  loadSecret(key: string): Promise<string | null>;
  /** Stores a secret encrypted by the OS, or removes it when value is null. */
  saveSecret(key: string, value: string | null): Promise<void>;
}

/** IPC channel names, one per method of DesktopApi. */
export const IPC_CHANNELS = {
  appInfo: 'desk:app-info',
  openNewWindow: 'desk:open-new-window',
  saveFile: 'desk:save-file',
  printToPdf: 'desk:print-to-pdf',
  loadSecret: 'desk:load-secret',
  saveSecret: 'desk:save-secret',
} as const satisfies Record<keyof DesktopApi, string>;

export const DESKTOP_API_GLOBAL = 'communityDesk';
