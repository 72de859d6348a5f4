import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The web preview: the renderer build of `electron-vite build`, served as static files for a plain browser.
export default defineConfig({
  root: resolve('out/renderer'),
  build: { outDir: resolve('out/renderer') },
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: '127.0.0.1' },
});
