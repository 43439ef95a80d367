import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import ajv2020 from '@redocly/ajv/dist/2020.js';

// Contract checks against a vendor's own OpenAPI document (test/connectors/specs/). The schema
// work is done by Ajv: Redocly's fork (@redocly/ajv, the one @redocly/cli and openapi-typescript
// use to validate examples) understands OpenAPI 3.0's `nullable`, and its
// `defaultUnevaluatedProperties: false` makes a property the schema does not name an error even
// through allOf/oneOf, which catches misspelt or invented fields. Formats are not checked.

/** A spec file kept in test/connectors/specs/ (see the README there for source and licence). */
export const specPath = (name: string): string => fileURLToPath(new URL(`../specs/${name}`, import.meta.url));

// CommonJS: module.exports is the class, and its `default` property is the class again.
const Ajv2020 = ajv2020.default;

type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
};

export class OpenApiSpec {
  private readonly doc: any;
  private readonly id: string;
  /** Closed (requests we send: a field the vendor does not name is ours to fix) and open (what the vendor sends: it may add fields). */
  private readonly ajv: Record<'closed' | 'open', InstanceType<typeof Ajv2020>>;
  private readonly compiled = new Map<string, Validate>();
  private seq = 0;

  constructor(path: string) {
    this.doc = parse(readFileSync(path, 'utf8'), { maxAliasCount: -1 });
    this.id = `spec:${path}`;
    const make = (closed: boolean) => {
      const ajv = new Ajv2020({
        allErrors: true,
        strict: false,
        validateSchema: false,
        validateFormats: false,
        allowUnionTypes: true,
        ...(closed ? { defaultUnevaluatedProperties: false } : {}),
        logger: false,
      } as any);
      // Only the components are a schema; the rest of the document (paths, prose) is not.
      ajv.addSchema({ $id: this.id, components: normalise(this.doc.components ?? {}, this.id) });
      return ajv;
    };
    this.ajv = { closed: make(true), open: make(false) };
  }

  /** The operation for a concrete method and path, matching path templates (literal segments first). */
  operation(method: string, path: string): { template: string; op: any } | null {
    const m = method.toLowerCase();
    const hits = Object.entries<any>(this.doc.paths ?? {})
      .filter(([template, item]) => item[m] && new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$').test(path))
      .sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    return hits[0] ? { template: hits[0][0], op: hits[0][1][m] } : null;
  }

  /**
   * Problems with a request: unknown operation, a query parameter the operation does not declare
   * (`filter[userExternalId]` counts as `filter`), or a JSON body that does not fit its schema.
   */
  checkRequest(method: string, path: string, body: unknown, query?: URLSearchParams): string[] {
    const found = this.operation(method, path);
    if (!found) return [`${method} ${path}: not in the spec`];
    const label = `${method} ${found.template}`;
    const problems: string[] = [];
    if (query) {
      const item = this.doc.paths[found.template];
      const declared = new Set(
        [...(item.parameters ?? []), ...(found.op.parameters ?? [])]
          .map((p: any) => (p.$ref ? this.at(p.$ref) : p))
          .filter((p: any) => p?.in === 'query')
          .map((p: any) => p.name),
      );
      for (const key of new Set(query.keys()))
        if (!declared.has(key.replace(/\[.*$/, ''))) problems.push(`${label}: query parameter ${key} is not in the spec`);
    }
    const schema = found.op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return body === null || body === undefined ? problems : [...problems, `${label}: takes no body`];
    return [...problems, ...this.check(schema, body, label, 'closed')];
  }

  /**
   * Problems with what the vendor sends (e.g. a webhook event) against a named component schema:
   * types, enums and required fields; fields the schema does not name are allowed (the vendor's
   * own examples carry some).
   */
  checkSchema(name: string, value: unknown): string[] {
    if (!this.doc.components?.schemas?.[name]) return [`no schema ${name} in the spec`];
    return this.check({ $ref: `#/components/schemas/${name}` }, value, name, 'open');
  }

  /** A value inside the document, e.g. one of its examples: `#/components/examples/x/value`. */
  at(pointer: string): any {
    return pointer
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: any, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
  }

  private check(schema: object, value: unknown, label: string, mode: 'closed' | 'open'): string[] {
    const key = mode + JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      // Refs inside the operation's inline schema resolve against the components above.
      validate = this.ajv[mode].compile({ ...normalise(schema, this.id), $id: `op:${++this.seq}` }) as Validate;
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = e.params?.unevaluatedProperty ?? e.params?.additionalProperty ?? e.params?.allowedValues;
      return `${label}: body${e.instancePath.replace(/\//g, '.')} ${e.message ?? 'invalid'}${extra !== undefined ? ` (${JSON.stringify(extra)})` : ''}`;
    });
  }
}

/**
 * The OpenAPI 3.0 dialect made plain JSON Schema for Ajv: local refs (`#/components/...`) made
 * absolute to the document's id, and `nullable` without a `type` (which Ajv refuses) spelt as
 * "this or null" (or dropped, when false).
 */
function normalise(node: any, id: string): any {
  if (Array.isArray(node)) return node.map((n) => normalise(n, id));
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : normalise(v, id);
  // A discriminator with a mapping picks the one branch to check; Ajv's own discriminator
  // support wants an enum in every branch, which vendors' specs do not always give.
  if (out.discriminator && out.oneOf) {
    const { discriminator, oneOf, ...rest } = out;
    const name: string = discriminator.propertyName;
    const mapping: Record<string, string> | undefined = discriminator.mapping;
    if (!mapping) return { ...rest, oneOf };
    return {
      ...rest,
      required: [...new Set([...(rest.required ?? []), name])],
      properties: { ...(rest.properties ?? {}), [name]: { enum: Object.keys(mapping) } },
      allOf: [
        ...(rest.allOf ?? []),
        ...Object.entries(mapping).map(([value, ref]) => ({
          if: { properties: { [name]: { const: value } } },
          then: { $ref: ref.startsWith('#/') ? `${id}${ref}` : ref },
        })),
      ],
    };
  }
  if (out.nullable !== undefined && out.type === undefined) {
    const { nullable, ...rest } = out;
    return nullable === true ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  return out;
}
