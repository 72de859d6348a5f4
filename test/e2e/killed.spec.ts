import { chromium, expect, test, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addChild, completeSetup, expectSaved, openScreen, treeNode } from './helpers';

/** Starts Chromium as its own process (so it can be killed with SIGKILL) and attaches Playwright over CDP. */
async function launch(userDataDir: string, port: number): Promise<{ proc: ChildProcess; browser: Browser }> {
  const proc = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--no-default-browser-check', `--user-data-dir=${userDataDir}`,
    `--remote-debugging-port=${port}`, 'about:blank',
  ], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      return { proc, browser };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  proc.kill('SIGKILL');
  throw new Error('Chromium did not start');
}

async function killHard(proc: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
}

test('the browser killed right after the UI says saved loses nothing', async ({ baseURL }) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'desk-kill-'));
  const port = 9300 + Math.floor(Math.random() * 500);
  try {
    const first = await launch(userDataDir, port);
    const page = first.browser.contexts()[0]!.pages()[0] ?? (await first.browser.contexts()[0]!.newPage());
    await completeSetup(page, baseURL);
    await openScreen(page, '组织架构');
    await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
    await addChild(page, '第一网格党支部', '小区党支部', '光禄坊小区党支部');
    await addChild(page, '光禄坊小区党支部', '楼栋党小组', '3号楼党小组');
    await expectSaved(page);
    await killHard(first.proc); // no unload, no graceful shutdown: like a power cut for the browser

    const second = await launch(userDataDir, port + 1);
    const page2 = second.browser.contexts()[0]!.pages()[0] ?? (await second.browser.contexts()[0]!.newPage());
    await page2.goto(baseURL!);
    await openScreen(page2, '组织架构');
    for (const name of ['南街街道党工委', '三坊七巷社区党委', '第一网格党支部', '光禄坊小区党支部', '3号楼党小组']) {
      await expect(treeNode(page2, name)).toBeVisible();
    }
    await treeNode(page2, '3号楼党小组').click();
    await expect(page2.getByTestId('node-history')).toContainText('王小红 新建');
    await killHard(second.proc);
  } finally {
    // Chromium's helper processes can still be writing for a moment after the browser process is killed.
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
