import { expect, test, type Page } from '@playwright/test';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killProcess, startSyncServerProcess } from '../support/syncServerProcess';

/**
 * A street sync server of the built app for each test of a spec (the same community code starts empty in each), and
 * the steps a clerk and a street officer take to connect to it.
 */
export function useStreetServer(basePort: number) {
  const port = allowedPort(basePort + Math.floor(Math.random() * 200));
  const url = `ws://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let dir = '';
  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-street-'));
    server = await startSyncServerProcess({ port, dataDir: dir, entry: 'built' });
  });
  // eslint-disable-next-line no-empty-pattern -- Playwright hands the test's info after its (unused) fixtures
  test.afterEach(async ({}, testInfo) => {
    const died = server ? server.exitCode !== null || server.signalCode !== null : false;
    if (server) await killProcess(server);
    if (died) console.log(`--- street server had exited before the end of「${testInfo.title}」(code ${server?.exitCode}, signal ${server?.signalCode}) ---`);
    // A failed test prints what the server logged (and whether it was still running), to find out why.
    const log = join(dir, 'server.log');
    if (testInfo.status !== testInfo.expectedStatus && existsSync(log)) console.log(`--- street server log (${testInfo.title}) ---\n${readFileSync(log, 'utf8').slice(-20_000)}`);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    httpUrl: `http://127.0.0.1:${port}`,
    /** A connection string from the server's own CLI, as the street office hands it out. */
    issue(role: 'clerk' | 'street' | 'viewer', scope: string, name: string): string {
      const out = execFileSync(process.execPath, ['out/main/sync-server.js', 'issue-token', '--data', dir, '--role', role, '--scope', scope, '--name', name, '--url', url]).toString();
      return /连接串：(\S+)/.exec(out)![1]!;
    },
  };
}

/** A community clerk pastes the connection string in 设置 → 同步设置 and waits until synced. */
export async function connectFromSettings(page: Page, link: string): Promise<void> {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('button', { name: '打开同步设置' }).click();
  await page.getByRole('dialog', { name: '同步设置' }).getByLabel('连接串').fill(link);
  await page.getByRole('button', { name: '保存并连接' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('已同步');
}

/** A street officer signs in on a new PC, sees the overview, and opens the (only) community. */
export async function streetOpensCommunity(page: Page, link: string, name = '李组织委员'): Promise<void> {
  await streetSignIn(page, link, name);
  await page.getByTestId('street-communities').getByRole('button', { name: /打\s*开/ }).click();
  await expect(page.getByTestId('sync-status')).toContainText('已同步');
}

export async function streetSignIn(page: Page, link: string, name = '李组织委员'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('街道连接串').fill(link);
  await page.getByLabel('街道工作人员姓名').fill(name);
  await page.getByRole('button', { name: '登录街道总览' }).click();
}

/** Ports fetch and Chromium refuse to connect to (the Fetch standard's "bad ports" in our ranges, e.g. 6000 for X11). */
const BAD_PORTS = new Set([6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

function allowedPort(port: number): number {
  while (BAD_PORTS.has(port)) port++;
  return port;
}
