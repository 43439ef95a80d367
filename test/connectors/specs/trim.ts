// Makes the trimmed vendor spec copies kept in this folder (see README.md): the operations
// Baton calls, the webhook schemas and examples it reads, and every component they reference;
// prose (descriptions, summaries, response bodies) left out.
//
//   npx tsx test/connectors/specs/trim.ts sunco <path to zendesk/sunshine-conversations-api-spec openapi.yaml>
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

interface Plan {
  out: string;
  source: string;
  operations: [method: string, template: string][];
  schemas: string[];
  examples: string[];
}

const PLANS: Record<string, Plan> = {
  sunco: {
    out: 'sunco/openapi.trimmed.yaml',
    source: 'zendesk/sunshine-conversations-api-spec @ 81dc589444407fb31a0654be753b0b763d02712d : openapi.yaml (API version 17.12.1)',
    operations: [
      ['post', '/v2/apps/{appId}/users'],
      ['get', '/v2/apps/{appId}/conversations'],
      ['post', '/v2/apps/{appId}/conversations'],
      ['post', '/v2/apps/{appId}/conversations/{conversationId}/messages'],
      ['post', '/v2/apps/{appId}/conversations/{conversationId}/passControl'],
      ['post', '/v2/apps/{appId}/conversations/{conversationId}/releaseControl'],
      ['post', '/v2/apps/{appId}/integrations'],
      ['get', '/v2/apps/{appId}/switchboards'],
      ['get', '/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations'],
      ['post', '/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations'],
    ],
    schemas: ['conversationMessageEvent', 'switchboardPassControl', 'switchboardReleaseControl', 'appSubSchema', 'webhookSubSchema'],
    examples: ['conversationMessageEvent', 'switchboardPassControlEvent', 'switchboardReleaseControlEvent'],
  },
};

const PROSE = new Set(['description', 'summary', 'example', 'examples', 'title', 'x-resourceId', 'tags']);

function strip(node: any): any {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  // A property may be *named* like a prose keyword (e.g. a schema property "description"): keep those.
  for (const [k, v] of Object.entries(node)) if (!PROSE.has(k) || (typeof v === 'object' && v !== null && ('type' in v || '$ref' in v || 'allOf' in v))) out[k] = strip(v);
  return out;
}

function refsIn(node: any, found: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => refsIn(n, found));
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') found.add(v);
    else refsIn(v, found);
  }
}

export function trim(doc: any, plan: Plan): any {
  const paths: any = {};
  for (const [method, template] of plan.operations) {
    const item = doc.paths[template];
    if (!item?.[method]) throw new Error(`${method} ${template} is not in the source`);
    const { responses: _r, security: _s, ...op } = item[method];
    paths[template] ??= item.parameters ? { parameters: item.parameters } : {};
    paths[template][method] = { ...strip(op), responses: { default: { description: 'not kept' } } };
  }
  const components: any = {};
  const wanted = new Set<string>([...plan.schemas.map((s) => `#/components/schemas/${s}`), ...plan.examples.map((e) => `#/components/examples/${e}`)]);
  refsIn(paths, wanted);
  const done = new Set<string>();
  while (wanted.size > done.size) {
    for (const ref of [...wanted]) {
      if (done.has(ref)) continue;
      done.add(ref);
      const [, , kind, name] = ref.split('/');
      const node = doc.components?.[kind!]?.[name!];
      if (node === undefined) throw new Error(`dangling ${ref}`);
      // Examples are kept whole: they are the vendor's own payloads the webhook tests replay.
      (components[kind!] ??= {})[name!] = kind === 'examples' ? node : strip(node);
      refsIn(components[kind!][name!], wanted);
    }
  }
  return {
    openapi: doc.openapi,
    info: { title: doc.info.title, version: doc.info.version, termsOfService: doc.info.termsOfService, 'x-trimmed-from': plan.source },
    paths,
    components,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, source] = process.argv.slice(2);
  const plan = PLANS[name ?? ''];
  if (!plan || !source) throw new Error(`usage: trim.ts <${Object.keys(PLANS).join('|')}> <source openapi.yaml>`);
  const out = fileURLToPath(new URL(plan.out, import.meta.url));
  const header = `# Trimmed from ${plan.source} by test/connectors/specs/trim.ts; see README.md.\n`;
  writeFileSync(out, header + stringify(trim(parse(readFileSync(source, 'utf8')), plan), { aliasDuplicateObjects: false }));
  console.log(`wrote ${out}`);
}
