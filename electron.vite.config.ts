import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One renderer build serves both the desktop app (loaded by Electron) and the web preview (served by vite preview).
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      outDir: 'out/main',
      // The sync server is built beside main: the desktop app forks it, a headless server runs it with node.
      // The street's worker threads are an entry of their own (started by the sync server as a file).
      rollupOptions: { input: { index: resolve('src-main/main/index.ts'), 'sync-server': resolve('src-main/sync/cli.ts'), 'street-worker': resolve('src-main/sync/street/streetWorker.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('src-main/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
