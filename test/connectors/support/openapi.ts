import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// A small OpenAPI 3.0 request-body validator for contract tests: $ref, type, enum, required,
// properties (unknown properties are errors, to catch misspelt fields), items, maxItems,
// oneOf/anyOf, allOf, nullable. Enough for the schemas our connectors send.

type Schema = Record<string, any>;

export class OpenApiSpec {
  private readonly doc: any;
  constructor(path: string) {
    this.doc = parse(readFileSync(path, 'utf8'));
  }

  private resolve(s: Schema): Schema {
    let cur = s;
    while (cur && typeof cur.$ref === 'string') {
      const parts = cur.$ref.replace(/^#\//, '').split('/');
      cur = parts.reduce((o: any, k: string) => o?.[k], this.doc);
    }
    return cur;
  }

  /** The operation for a concrete method and path, matching path templates. */
  operation(method: string, path: string): { template: string; op: any } | null {
    for (const [template, item] of Object.entries<any>(this.doc.paths)) {
      const re = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
      if (re.test(path) && item[method.toLowerCase()]) return { template, op: item[method.toLowerCase()] };
    }
    return null;
  }

  /** Problems with a request: unknown operation, or a body that does not fit its schema. */
  checkRequest(method: string, path: string, body: unknown): string[] {
    const found = this.operation(method, path);
    if (!found) return [`${method} ${path}: not in the spec`];
    const schema = found.op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return body === null || body === undefined ? [] : [`${method} ${found.template}: takes no body`];
    return this.validate(schema, body, 'body').map((p) => `${method} ${found.template}: ${p}`);
  }

  validate(raw: Schema, value: unknown, at: string): string[] {
    const s = this.resolve(raw);
    if (!s) return [];
    if (value === null) return s.nullable ? [] : [`${at}: null not allowed`];
    if (s.oneOf || s.anyOf) {
      const branches: Schema[] = s.oneOf ?? s.anyOf;
      const results = branches.map((b) => this.validate(b, value, at));
      if (!results.some((r) => r.length === 0)) return [`${at}: fits none of ${branches.length} alternatives (${results.map((r) => r[0]).join(' | ')})`];
      if (Object.keys(s).every((k) => ['oneOf', 'anyOf', 'description', 'title', 'example', 'examples'].includes(k))) return [];
    }
    const problems: string[] = [];
    const props: Record<string, Schema> = { ...(s.properties ?? {}) };
    const required = new Set<string>(s.required ?? []);
    for (const part of s.allOf ?? []) {
      const r = this.resolve(part);
      Object.assign(props, r.properties ?? {});
      for (const k of r.required ?? []) required.add(k);
    }
    const type = s.type ?? (Object.keys(props).length ? 'object' : undefined);
    if (type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
      const obj = value as Record<string, unknown>;
      for (const k of required) if (obj[k] === undefined) problems.push(`${at}.${k}: required`);
      const open = s.additionalProperties !== undefined && s.additionalProperties !== false;
      for (const [k, v] of Object.entries(obj)) {
        if (props[k]) problems.push(...this.validate(props[k]!, v, `${at}.${k}`));
        else if (open && typeof s.additionalProperties === 'object') problems.push(...this.validate(s.additionalProperties, v, `${at}.${k}`));
        else if (!open && Object.keys(props).length) problems.push(`${at}.${k}: not in the schema`);
      }
    } else if (type === 'array') {
      if (!Array.isArray(value)) return [`${at}: expected an array`];
      if (s.maxItems !== undefined && value.length > s.maxItems) problems.push(`${at}: more than ${s.maxItems} items`);
      if (s.items) value.forEach((v, i) => problems.push(...this.validate(s.items, v, `${at}[${i}]`)));
    } else if (type === 'string') {
      if (typeof value !== 'string') return [`${at}: expected a string`];
      if (s.minLength !== undefined && value.length < s.minLength) problems.push(`${at}: shorter than ${s.minLength}`);
      if (s.maxLength !== undefined && value.length > s.maxLength) problems.push(`${at}: longer than ${s.maxLength}`);
    } else if (type === 'integer') {
      if (!Number.isInteger(value)) return [`${at}: expected an integer`];
    } else if (type === 'number') {
      if (typeof value !== 'number') return [`${at}: expected a number`];
    } else if (type === 'boolean') {
      if (typeof value !== 'boolean') return [`${at}: expected a boolean`];
    }
    if (s.enum && !s.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not one of ${JSON.stringify(s.enum)}`);
    return problems;
  }
}
