import Dexie, { type Table } from 'dexie';
import { newId } from '../../src-shared/ids';

interface SettingRow {
  key: string;
  value: unknown;
}

/** Settings of this PC (not of a community): who is at the keyboard, which community is open, the device id. */
export interface AppSettings {
  deviceId: string;
  clerkName: string;
  currentCommunity: string;
}

class AppDb extends Dexie {
  settings!: Table<SettingRow, string>;
  constructor() {
    super('community-desk:app', { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ settings: 'key' });
  }
}

const db = new AppDb();

export async function loadAppSettings(): Promise<AppSettings> {
  const rows = await db.settings.toArray();
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  let deviceId = get('deviceId');
  if (typeof deviceId !== 'string') {
    deviceId = newId();
    await db.settings.put({ key: 'deviceId', value: deviceId });
  }
  return {
    deviceId: deviceId as string,
    clerkName: String(get('clerkName') ?? ''),
    currentCommunity: String(get('currentCommunity') ?? ''),
  };
}

export async function saveAppSettings(patch: Partial<Omit<AppSettings, 'deviceId'>>): Promise<void> {
  await db.settings.bulkPut(Object.entries(patch).map(([key, value]) => ({ key, value })));
}

/** One value of this PC's settings (operators, idle lock, PC name…), or undefined if never set. */
export async function loadAppValue<T>(key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function saveAppValue(key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

export async function loadBrowserSecret(key: string): Promise<string | null> {
  const row = await db.settings.get(`secret:${key}`);
  return typeof row?.value === 'string' ? row.value : null;
}

export async function saveBrowserSecret(key: string, value: string | null): Promise<void> {
  if (value === null) await db.settings.delete(`secret:${key}`);
  else await db.settings.put({ key: `secret:${key}`, value });
}
