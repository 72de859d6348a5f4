import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4183);

/** End-to-end tests drive Debian's Chromium against the built web preview (out/renderer), with real IndexedDB. */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] },
    locale: 'zh-CN',
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --config vite.web.config.ts --port ${port}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
