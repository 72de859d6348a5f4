import { platform } from '../platform/platform';

/** Saves a generated file through the platform (a save dialog on the desktop, a download in the browser). */
export function saveBytes(suggestedName: string, bytes: Uint8Array): Promise<string | null> {
  return platform.saveFile({ suggestedName, bytes });
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
