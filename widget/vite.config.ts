import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The widget ships as one classic script (IIFE), no framework, minified: dist/widget.js.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./src/widget.ts', import.meta.url)),
      name: 'BatonWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
