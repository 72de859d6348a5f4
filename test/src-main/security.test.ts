import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isAppUrl, isSafeExternalUrl, isTrustedSender, resolveAppPath } from '../../src-main/main/security';

describe('desktop shell security rules', () => {
  it('lets only http(s) links out to the OS browser', () => {
    expect(isSafeExternalUrl('https://www.gov.cn/')).toBe(true);
    expect(isSafeExternalUrl('http://example.org/a')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'app://desk/x', 'not a url']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('treats only the app origin (and the dev server while developing) as the app', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://desk.example.com/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('answers IPC only from frames showing the app', () => {
    expect(isTrustedSender(`${APP_ORIGIN}/index.html#/org`)).toBe(true);
    expect(isTrustedSender('https://attacker.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('serves app:// files from the renderer folder only', () => {
    expect(resolveAppPath(`${APP_ORIGIN}/`, '/r', join)).toBe('/r/index.html');
    expect(resolveAppPath(`${APP_ORIGIN}/assets/index.js`, '/r', join)).toBe('/r/assets/index.js');
    // URL parsing resolves dot segments first, so the result stays inside the folder.
    expect(resolveAppPath(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, '/r', join)).toBe('/r/etc/passwd');
    expect(resolveAppPath(`${APP_ORIGIN}/a%5c..%5c..%5csecret`, '/r', join)).toBeUndefined();
    expect(resolveAppPath('app://other/index.html', '/r', join)).toBeUndefined();
  });

  it('has a strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('secret store', () => {
  it('keeps secrets encrypted on disk, removes them, and refuses clear text', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createSecretStore } = await import('../../src-main/main/secretStore');
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    const rot = (t: string) => Buffer.from(t).reverse().toString('base64');
    const cipher = { available: () => true, encrypt: rot, decrypt: (d: string) => Buffer.from(d, 'base64').reverse().toString() };
    const store = createSecretStore(file, cipher);
    await store.set('sync', 'cd1.secret-token');
    expect(readFileSync(file, 'utf8')).not.toContain('secret-token');
    expect(await store.get('sync')).toBe('cd1.secret-token');
    await store.set('sync', null);
    expect(await store.get('sync')).toBeNull();
    await expect(createSecretStore(file, { ...cipher, available: () => false }).set('sync', 'x')).rejects.toThrow('不支持加密保存');
  });
});
