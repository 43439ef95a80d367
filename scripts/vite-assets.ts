import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

// Build steps shared by web/vite.config.ts and widget/vite.config.ts: a pinned, content-named
// copy of the widget (for Subresource Integrity) and .br/.gz files beside every text asset,
// which the server sends as they are (src/server/routes/static). zlib only: nothing to install.

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text files worth compressing; images and fonts are compressed formats already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.map', '.webmanifest']);
/** Below this a compressed copy saves less than a packet: the file is sent as it is. */
const MIN_BYTES = 1024;

/** The pinned widget's record, written beside it (docs/widget.md, "Pinning a version"). */
export interface WidgetManifest {
  /** The stable name, always the newest build: dist/widget.js. */
  script: string;
  /** The same bytes under a name derived from their hash: dist/widget.<hex16>.js. */
  pinned: string;
  /** The Subresource Integrity value of those bytes: sha384-<base64>. */
  integrity: string;
}
export const WIDGET_MANIFEST = 'widget.manifest.json';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Writes name.br (brotli, quality 11) and name.gz (gzip -9) beside each text file of `dir` that shrinks. */
export async function precompressDir(dir: string): Promise<{ files: number; bytes: number; br: number; gz: number }> {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.has(extname(f)));
  await Promise.all(
    files.map(async (file) => {
      const data = await readFile(file);
      if (data.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      // A copy that does not shrink the file is not written: the server falls back to the file.
      if (br.length < data.length) await writeFile(`${file}.br`, br);
      if (gz.length < data.length) await writeFile(`${file}.gz`, gz);
      totals.files += 1;
      totals.bytes += data.length;
      totals.br += Math.min(br.length, data.length);
      totals.gz += Math.min(gz.length, data.length);
    }),
  );
  return totals;
}

/** Vite plugin: compresses the output directory once everything (pinned copies included) is written. */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'baton:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const t = await precompressDir(config.build.outDir);
      config.logger.info(`precompressed ${t.files} files: ${t.bytes} B -> br ${t.br} B, gzip ${t.gz} B`);
    },
  };
}

/** The SRI value and the content-derived file name of a script. */
export function pinnedName(script: string, code: Buffer): WidgetManifest {
  const digest = createHash('sha384').update(code).digest();
  const stem = basename(script, '.js');
  return { script, pinned: `${stem}.${digest.toString('hex').slice(0, 16)}.js`, integrity: `sha384-${digest.toString('base64')}` };
}

/**
 * Vite plugin: copies `script` (as written) to a name derived from its hash and records both
 * names and the SRI value in widget.manifest.json. The copy's bytes never change, so it is
 * cached for a year and a host page can pin it with `integrity`.
 */
export function pinnedCopy(script: string): Plugin {
  let outDir: string;
  return {
    name: 'baton:pinned-copy',
    apply: 'build',
    configResolved(resolved) {
      outDir = resolved.build.outDir;
    },
    async writeBundle() {
      const code = await readFile(join(outDir, script));
      const manifest = pinnedName(script, code);
      await writeFile(join(outDir, manifest.pinned), code);
      await writeFile(join(outDir, WIDGET_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}
