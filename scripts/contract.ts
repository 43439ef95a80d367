// contracts/: the API document and the TypeScript types generated from it, the one contract the
// server, the agent workspace (web/) and the widget share. `npm run contract` rewrites both files;
// test/contracts/contract.test.ts fails when the committed ones no longer match the server.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { apiDocument } from '../src/app/document.ts';

export const CONTRACT_FILES = {
  document: fileURLToPath(new URL('../contracts/openapi.json', import.meta.url)),
  types: fileURLToPath(new URL('../contracts/api.ts', import.meta.url)),
};

/** The two files' contents, from the server as it is. */
export async function contractFiles(): Promise<{ document: string; types: string }> {
  const doc = await apiDocument();
  const types = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
  return {
    document: `${JSON.stringify(doc, null, 2)}\n`,
    types: `${COMMENT_HEADER.replace(' */', ' * Regenerate with `npm run contract` (scripts/contract.ts) from contracts/openapi.json.\n */')}${types}`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await contractFiles();
  await writeFile(CONTRACT_FILES.document, files.document);
  await writeFile(CONTRACT_FILES.types, files.types);
  console.log(`wrote ${CONTRACT_FILES.document} and ${CONTRACT_FILES.types}`);
}
