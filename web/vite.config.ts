import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from '../scripts/vite-assets.ts';

// The agent workspace, served by Baton at /app (see src/server/routes/static).
// `vite -c web/vite.config.ts` serves it in development against a Baton on :3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  logLevel: 'warn',
  // Hashed files under assets/ are cached for a year; each text file gets .br and .gz copies.
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true },
      '/widget.js': 'http://127.0.0.1:3000',
    },
  },
});
