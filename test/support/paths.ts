import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATE_DIR = fileURLToPath(new URL('../../.tmp/pglite-template', import.meta.url));
