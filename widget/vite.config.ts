import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { pinnedCopy, precompress } from '../scripts/vite-assets.ts';

// The widget ships as one classic script (IIFE), no framework, minified: dist/widget.js, plus
// the same bytes as dist/widget.<hash>.js for host pages that pin it with Subresource Integrity.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  plugins: [pinnedCopy('widget.js'), precompress()],
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
