import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The web preview: the renderer build of `electron-vite build` (out/renderer), served as static files for a browser.
export default defineConfig({
  root: resolve('out'),
  build: { outDir: 'renderer' },
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: '127.0.0.1' },
});
