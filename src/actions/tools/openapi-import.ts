// Tools from the company's own OpenAPI 3.0/3.1 document: each chosen operation becomes a
// ToolDefinition (arguments from its path and query parameters and its JSON body), so an
// admin picks operations instead of writing definitions by hand. Only local $refs are
// followed: the document is text the admin pasted, and fetching more would be an SSRF path.
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../errors.ts';
import { toolDefinitionSchema, type ToolDefinition } from '../types.ts';

export interface OpenApiImport {
  tools: ToolDefinition[];
  /** The operationId each tool came from, in the same order (what `operationIds` picks by). */
  operationIds: string[];
  /** With "all operations": those that could not become tools, and why. */
  skipped: Array<{ operation: string; reason: string }>;
  /** Things the admin should know (an auth scheme Baton cannot send, say). */
  warnings: string[];
}

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const UNSUPPORTED_METHODS = ['head', 'options', 'trace'] as const;
const BODY_METHODS = new Set(['post', 'put', 'patch']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (message: string, problems: string[]) => new AppError('invalid_request', message, { problems });

/** Parses JSON or YAML (YAML is a superset of JSON) and checks it is an OpenAPI 3 document. */
export function parseOpenApiDocument(text: string): Json {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw invalid('The document is neither JSON nor YAML.', [(err as Error).message.split('\n')[0]!]);
  }
  if (!isObject(doc)) throw invalid('The document is not an OpenAPI document.', ['expected an object at the top']);
  if (typeof doc.swagger === 'string') {
    throw invalid('Swagger 2.0 documents are not supported.', ['convert the document to OpenAPI 3 first']);
  }
  if (typeof doc.openapi !== 'string' || !/^3\.[01]\./.test(doc.openapi)) {
    throw invalid('Only OpenAPI 3.0 and 3.1 documents are supported.', [`"openapi" is ${JSON.stringify(doc.openapi ?? null)}`]);
  }
  if (!isObject(doc.paths)) throw invalid('The document has no paths.', ['"paths" is missing']);
  return doc;
}

/** A tool name from an operationId: letters, digits and underscores, not starting with a digit, at most 64. */
export function toolName(operationId: string): string {
  let name = operationId.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'operation';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name.slice(0, 64);
}

/**
 * The tools for the given operationIds (all operations when `operationIds` is null or empty).
 * Asking for an operation that is absent or cannot be a tool is an error listing every problem;
 * with all operations, those are skipped and listed instead.
 */
export function importOpenApiTools(text: string, operationIds: string[] | null): OpenApiImport {
  const doc = parseOpenApiDocument(text);
  const refs = new RefResolver(doc);
  const wanted = operationIds?.length ? new Set(operationIds) : null;
  const tools: ToolDefinition[] = [];
  const picked: string[] = [];
  const skipped: OpenApiImport['skipped'] = [];
  const problems: string[] = [];
  const warnings = new Set<string>();
  const found = new Set<string>();
  const names = new Map<string, string>();

  for (const [path, rawItem] of Object.entries(doc.paths as Json)) {
    let item: Json;
    try {
      item = refs.deref(rawItem);
    } catch (err) {
      problems.push(`${path}: ${(err as Error).message}`);
      continue;
    }
    for (const method of [...METHODS, ...UNSUPPORTED_METHODS]) {
      const op = item[method];
      if (!isObject(op)) continue;
      const label = `${method.toUpperCase()} ${path}`;
      const id = typeof op.operationId === 'string' && op.operationId.trim() ? op.operationId.trim() : null;
      if (wanted && (!id || !wanted.has(id))) continue;
      if (id) found.add(id);
      const reject = (reason: string) => {
        if (wanted) problems.push(`${id ?? label}: ${reason}`);
        else skipped.push({ operation: id ?? label, reason });
      };
      if (!id) {
        reject('it has no operationId');
        continue;
      }
      if (!isToolMethod(method)) {
        reject(`${method.toUpperCase()} operations are not supported`);
        continue;
      }
      try {
        const tool = operationTool(doc, refs, path, method, item, op, id, warnings);
        const clash = names.get(tool.name);
        if (clash) {
          reject(`its tool name "${tool.name}" is also the name of ${clash}`);
          continue;
        }
        names.set(tool.name, id);
        tools.push(tool);
        picked.push(id);
      } catch (err) {
        reject((err as Error).message);
      }
    }
  }
  if (wanted) {
    for (const id of wanted) if (!found.has(id)) problems.push(`${id}: no operation has this operationId`);
  }
  if (problems.length) throw invalid(`${problems.length} operation(s) cannot be imported.`, problems);
  return { tools, operationIds: picked, skipped, warnings: [...warnings] };
}

function operationTool(
  doc: Json,
  refs: RefResolver,
  path: string,
  method: (typeof METHODS)[number],
  item: Json,
  op: Json,
  id: string,
  warnings: Set<string>,
): ToolDefinition {
  const properties: Record<string, Json> = {};
  const required = new Set<string>();

  // Operation parameters override path-level ones of the same name and place.
  const params = new Map<string, Json>();
  for (const raw of [...asArray(item.parameters), ...asArray(op.parameters)]) {
    const p = refs.deref(raw);
    params.set(`${String(p.in)}:${String(p.name)}`, p);
  }
  for (const p of params.values()) {
    const name = String(p.name ?? '');
    if (p.in !== 'path' && p.in !== 'query') continue; // headers and cookies are the API's business (auth), not the customer's
    if (!name) throw new Error('a parameter has no name');
    if (properties[name]) throw new Error(`argument "${name}" is both a path and a query parameter`);
    const schema = p.schema === undefined ? parameterSchemaFromContent(refs, p) : refs.resolveDeep(p.schema);
    properties[name] = withDescription(schema, p.description);
    if (p.in === 'path' || p.required === true) required.add(name);
  }
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    if (!properties[match[1]!]) throw new Error(`path parameter "${match[1]}" is not declared`);
  }

  if (op.requestBody !== undefined) {
    const body = refs.deref(op.requestBody);
    const content = isObject(body.content) ? body.content : {};
    const jsonType = Object.keys(content).find((t) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(t));
    if (!jsonType) {
      const types = Object.keys(content);
      throw new Error(`its request body is ${types.length ? types.join(', ') : 'without content'}; only JSON bodies are supported`);
    }
    if (!BODY_METHODS.has(method)) throw new Error(`a ${method.toUpperCase()} with a request body is not supported`);
    const media = refs.deref(content[jsonType]);
    const schema = flattenBody(refs.resolveDeep(media.schema ?? {}));
    if (schema.type !== undefined && schema.type !== 'object') {
      throw new Error(`its JSON body is ${JSON.stringify(schema.type)}, not an object; only object bodies are supported`);
    }
    if (!isObject(schema.properties) && schema.additionalProperties === undefined && schema.type === undefined) {
      throw new Error('its JSON body schema declares no properties');
    }
    const bodyRequired = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    for (const [name, prop] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
      if (properties[name]) throw new Error(`argument "${name}" is both a parameter and a body field`);
      properties[name] = isObject(prop) ? prop : {};
      // An optional body with required fields: the fields are required whenever the tool sends one, which it always does.
      if (bodyRequired.has(name)) required.add(name);
    }
  }

  const ext = (key: string) => op[`x-baton-${key}`];
  const kind = ext('kind') ?? (method === 'get' ? 'read' : 'write');
  if (kind !== 'read' && kind !== 'write') throw new Error(`x-baton-kind is ${JSON.stringify(kind)}; use "read" or "write"`);

  const candidate = {
    name: toolName(id),
    description: describe(op),
    kind,
    method: method.toUpperCase(),
    path,
    input: { type: 'object', properties, required: [...required] },
    ...(Array.isArray(ext('output')) ? { output: ext('output') } : {}),
    ...authFor(doc, op, warnings),
    ...(typeof ext('timeout-ms') === 'number' ? { timeoutMs: ext('timeout-ms') } : {}),
    ...(typeof ext('identity-arg') === 'string' ? { identityArg: ext('identity-arg') } : {}),
    ...(typeof ext('owner-field') === 'string' ? { ownerField: ext('owner-field') } : {}),
    ...(typeof ext('owner-lookup') === 'string' ? { ownerLookup: ext('owner-lookup') } : {}),
    ...(typeof ext('verifies') === 'string' ? { verifies: { resultField: ext('verifies') } } : {}),
  };
  const parsed = toolDefinitionSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'tool'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

function isToolMethod(method: string): method is (typeof METHODS)[number] {
  return (METHODS as readonly string[]).includes(method);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function describe(op: Json): string {
  const parts = [op.summary, op.description].filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
  // A summary is a title without a full stop: one is added so the two read as sentences.
  const text =
    parts.length === 2 && parts[1]!.startsWith(parts[0]!)
      ? parts[1]!
      : parts.map((p, i) => (i < parts.length - 1 && !/[.!?:]$/.test(p) ? `${p}.` : p)).join(' ');
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

function withDescription(schema: Json, description: unknown): Json {
  return typeof description === 'string' && description.trim() && schema.description === undefined
    ? { ...schema, description: description.trim() }
    : schema;
}

/** A parameter described by `content` (rare) instead of `schema`: its one media type's schema. */
function parameterSchemaFromContent(refs: RefResolver, p: Json): Json {
  const content = isObject(p.content) ? Object.values(p.content) : [];
  const media = content.length ? refs.deref(content[0]) : {};
  return media.schema === undefined ? {} : refs.resolveDeep(media.schema);
}

/** An object body written as allOf of objects (a common way to extend a base schema): one object. */
function mergeAllOf(schema: Json): Json {
  if (!Array.isArray(schema.allOf)) return schema;
  const properties: Json = {};
  const required: string[] = [];
  const rest: Json = { ...schema };
  delete rest.allOf;
  for (const part of [rest, ...schema.allOf.filter(isObject).map(mergeAllOf)]) {
    if (part.type !== undefined && part.type !== 'object') return { ...schema, type: part.type };
    Object.assign(properties, isObject(part.properties) ? part.properties : {});
    if (Array.isArray(part.required)) required.push(...part.required.map(String));
  }
  return { ...rest, type: 'object', properties, required: [...new Set(required)] };
}

/**
 * A body given as alternatives (oneOf/anyOf of objects, as in "create a contact with an e-mail
 * or with an external id"): one object with every alternative's properties, required only what
 * every alternative requires. The API still checks which combination it accepts.
 */
function flattenBody(raw: Json): Json {
  let schema = mergeAllOf(raw);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alternatives = schema[key];
    if (!Array.isArray(alternatives)) continue;
    const parts = alternatives.filter(isObject).map(flattenBody);
    const other = parts.find((p) => p.type !== undefined && p.type !== 'object');
    if (other) return { ...schema, type: other.type };
    const { [key]: _alternatives, ...rest } = schema;
    const own = isObject(rest.properties) ? rest.properties : {};
    const properties: Json = {};
    for (const p of parts) Object.assign(properties, isObject(p.properties) ? p.properties : {});
    Object.assign(properties, own);
    const requiredOf = (p: Json) => (Array.isArray(p.required) ? p.required.map(String) : []);
    const everywhere = parts.length ? requiredOf(parts[0]!).filter((r) => parts.every((p) => requiredOf(p).includes(r))) : [];
    schema = { ...rest, type: 'object', properties, required: [...new Set([...requiredOf(rest), ...everywhere])] };
  }
  return schema;
}

/** The auth the operation needs (its own security, else the document's), when Baton can send it. */
function authFor(doc: Json, op: Json, warnings: Set<string>): { auth?: ToolDefinition['auth'] } {
  const security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  if (security.length === 0) return {};
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const names: string[] = [];
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    const keys = Object.keys(requirement);
    if (keys.length === 0) return {}; // `{}` in the list: anonymous access is allowed
    names.push(...keys);
  }
  for (const name of names) {
    const s = schemes[name];
    if (!isObject(s)) continue;
    if (s.type === 'apiKey' && s.in === 'header' && typeof s.name === 'string') return { auth: { type: 'header', header: s.name } };
    if (s.type === 'http' && typeof s.scheme === 'string' && s.scheme.toLowerCase() === 'bearer') return { auth: { type: 'bearer' } };
  }
  warnings.add(
    `security scheme(s) ${names.join(', ')} cannot be sent by Baton (only an API key header or a bearer token): ` +
      'the tools using them are imported without auth',
  );
  return {};
}

/** Local $refs ("#/components/schemas/Order"), followed with a guard against cycles. */
class RefResolver {
  constructor(private readonly doc: Json) {}

  /** One level: the object a $ref points at (following chains of refs), or the object itself. */
  deref(value: unknown, seen = new Set<string>()): Json {
    if (!isObject(value)) return {};
    if (typeof value.$ref !== 'string') return value;
    const ref = value.$ref;
    if (seen.has(ref)) throw new Error(`$ref ${ref} refers to itself`);
    seen.add(ref);
    return this.deref(this.target(ref), seen);
  }

  /** A schema with every $ref inside replaced by its target; a recursive schema stops at the cycle (any value). */
  resolveDeep(value: unknown, stack: string[] = []): Json {
    if (!isObject(value)) return {};
    return this.walk(value, stack) as Json;
  }

  private walk(value: unknown, stack: string[]): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v, stack));
    if (!isObject(value)) return value;
    if (typeof value.$ref === 'string') {
      const ref = value.$ref;
      if (stack.includes(ref)) return {};
      const { $ref: _ref, ...siblings } = value; // 3.1 allows keywords beside $ref (description, say)
      const target = this.walk(this.target(ref), [...stack, ref]);
      return isObject(target) ? { ...target, ...siblings } : target;
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, stack);
    return out;
  }

  private target(ref: string): unknown {
    if (!ref.startsWith('#/')) throw new Error(`$ref ${ref} is not local to the document; only "#/..." references are followed`);
    let node: unknown = this.doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node) || !(key in node)) throw new Error(`$ref ${ref} points at nothing`);
      node = node[key];
    }
    return node;
  }
}
