import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// What `npm run build:widget` leaves in widget/dist (scripts/vite-assets.ts writes it):
// widget.js, the same bytes as widget.<hex16>.js, and widget.manifest.json naming both with
// the Subresource Integrity value (docs/widget.md, "Pinning a version").

/** Where `npm run build` puts the widget. */
export const WIDGET_DIST = fileURLToPath(new URL('../../../../widget/dist/', import.meta.url));

/** The pinned copy's file name: the first 16 hex digits of its SHA-384. */
export const PINNED_WIDGET_FILE = /^widget\.[0-9a-f]{16}\.js$/;

/** The widget's paths: the stable /widget.js and the pinned /widget.<hex16>.js. */
export function isWidgetScriptPath(path: string): boolean {
  return path === '/widget.js' || PINNED_WIDGET_FILE.test(path.slice(1));
}

const WidgetManifest = z.object({
  script: z.literal('widget.js'),
  pinned: z.string().regex(PINNED_WIDGET_FILE),
  integrity: z.string().regex(/^sha384-[A-Za-z0-9+/]{64}$/),
});
export type WidgetManifest = z.infer<typeof WidgetManifest>;

/** The built widget's pinned name and integrity; null when the widget is not built (or was built before pinning existed). */
export async function readWidgetManifest(): Promise<WidgetManifest | null> {
  let manifest: WidgetManifest;
  try {
    // A build being written may leave a half file: that reads as "not built" too.
    manifest = WidgetManifest.parse(JSON.parse(await readFile(join(WIDGET_DIST, 'widget.manifest.json'), 'utf8')));
  } catch {
    return null;
  }
  const present = await stat(join(WIDGET_DIST, manifest.pinned)).then(
    (s) => s.isFile(),
    () => false,
  );
  return present ? manifest : null;
}
