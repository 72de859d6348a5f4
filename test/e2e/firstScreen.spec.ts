import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { communityWithMembers, expectSaved, openScreen } from './helpers';

/** Issue 15: opening a community shows its roster from IndexedDB's projections before the document is decoded. */

test('the roster shows read-only from the projections while the document loads, then the full screen takes over', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-first-'));
  await communityWithMembers(page, dir);
  await expectSaved(page);
  const fullRow = (await page.locator('.ant-table-row', { hasText: '艾一' }).innerText()).replace(/\s+/g, ' ').trim();
  // Reopen with the decode held back, as a large community's takes seconds.
  await page.addInitScript(() => {
    const gate = new Promise<void>((resolve) => ((window as unknown as { releaseOpen: () => void }).releaseOpen = resolve));
    (window as unknown as { deskOpenGate: Promise<void> }).deskOpenGate = gate;
  });
  await page.reload();
  await expect(page.getByTestId('preview-layout')).toBeVisible();
  await expect(page.getByTestId('preview-community-title')).toContainText('三坊七巷社区（350102001001）');
  await expect(page.getByTestId('loading-note')).toContainText('正在载入全部数据');
  const preview = page.getByTestId('roster-preview');
  await expect(preview).toContainText('艾一');
  await expect(preview).toContainText('第一网格党支部');
  // The row reads as the full roster's (personal data masked the same way).
  expect((await preview.locator('.ant-table-row', { hasText: '艾一' }).innerText()).replace(/\s+/g, ' ').trim()).toBe(fullRow);
  await expect(page.getByTestId('roster-preview-count')).toContainText('共 3 人');
  // Read-only: no way to edit, import or delete yet; other screens wait.
  await expect(page.getByRole('button', { name: /导入Excel/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '会议记录' })).toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: join(dir, 'preview.png') });
  await page.evaluate(() => (window as unknown as { releaseOpen: () => void }).releaseOpen());
  await expect(page.getByTestId('preview-layout')).toHaveCount(0);
  // The full app opens on the 工作台; the roster is then editable.
  await expect(page.getByTestId('todo')).toBeVisible();
  await openScreen(page, '人员名册');
  await expect(page.getByTestId('roster-count')).toContainText('共 3 人');
  await expect(page.getByRole('button', { name: /导入Excel/ })).toBeVisible();
});
