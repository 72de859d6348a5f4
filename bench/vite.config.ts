import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the in-browser benchmark page (bench/browser) into .bench-build, served to Chromium by bench/run.ts.
export default defineConfig({
  root: resolve(import.meta.dirname, 'browser'),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: resolve(import.meta.dirname, '../.bench-build'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1', strictPort: false },
});
