import { readFile, writeFile } from 'node:fs/promises';

export interface Cipher {
  available(): boolean;
  encrypt(text: string): string;
  decrypt(data: string): string;
}

/**
 * Secrets (sync tokens) in a JSON file of encrypted values. Refuses to store in the clear when the OS offers no
 * encryption, with a Chinese explanation.
 */
export function createSecretStore(file: string, cipher: Cipher) {
  const readAll = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    async get(key: string): Promise<string | null> {
      const stored = (await readAll())[key];
      if (!stored || !cipher.available()) return null;
      try {
        return cipher.decrypt(stored);
      } catch {
        return null;
      }
    },
    async set(key: string, value: string | null): Promise<void> {
      const all = await readAll();
      if (value === null) delete all[key];
      else {
        if (!cipher.available()) throw new Error('本机系统不支持加密保存同步凭证，请联系街道党建办');
        all[key] = cipher.encrypt(value);
      }
      await writeFile(file, JSON.stringify(all), { mode: 0o600 });
    },
  };
}
