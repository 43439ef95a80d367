import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from '../../src/errors.ts';
import { ROOT } from '../support/paths.ts';

// The error catalogue is a public contract: docs/api.md must list every code with its status.
describe('docs/api.md', () => {
  it('documents every error code with its HTTP status', async () => {
    const doc = await readFile(join(ROOT, 'docs/api.md'), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      expect(doc, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    }
  });
});
