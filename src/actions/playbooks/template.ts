// Reply and argument templates: "{order.status}", "{order.items|count}", "{total|money}",
// "{items|list:name}". Paths read slots and step results by dot path (numeric parts index
// arrays; a path through an array maps over it). A template that is exactly one placeholder
// keeps the value's type (tool arguments need arrays and numbers, not their text).

export type Scope = Record<string, unknown>;

const PLACEHOLDER = /\{([A-Za-z_@][\w.@*-]*)((?:\|[a-z]+(?::[^|}]*)?)*)\}/g;

/** The value at a dot path: "order.items.0.name"; through an array, each element's value ("items.name"). */
export function resolvePath(scope: unknown, path: string): unknown {
  if (path === '' || path === '.') return scope;
  let cur: unknown = scope;
  for (const part of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur) && !/^\d+$/.test(part)) {
      cur = cur.flatMap((x) => {
        const v = part === '*' ? valuesOf(x) : (x as Record<string, unknown> | null)?.[part];
        return v === undefined ? [] : Array.isArray(v) && part === '*' ? v : [v];
      });
      continue;
    }
    if (part === '*') {
      cur = valuesOf(cur);
      continue;
    }
    if (typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function valuesOf(x: unknown): unknown[] {
  if (Array.isArray(x)) return x;
  return x && typeof x === 'object' ? Object.values(x) : [];
}

export function money(v: unknown): string {
  const n = Number(v);
  return Number.isFinite(n) ? `$${n.toFixed(2)}` : String(v ?? '');
}

/** "a", "a and b", "a, b and c". */
export function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const FILTERS: Record<string, (v: unknown, arg: string | undefined) => unknown> = {
  count: (v) => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : v ? 1 : 0),
  money: (v) => money(v),
  sum: (v, arg) => round2(valuesOf(v).reduce<number>((s, x) => s + (Number(arg ? resolvePath(x, arg) : x) || 0), 0)),
  list: (v, arg) => joinWords(valuesOf(v).map((x) => text(arg ? resolvePath(x, arg) : x))),
  lines: (v, arg) => valuesOf(v).map((x) => `- ${text(arg ? resolvePath(x, arg) : x)}`).join('\n'),
  first: (v) => valuesOf(v)[0],
  last: (v) => valuesOf(v).at(-1),
  upper: (v) => text(v).toUpperCase(),
  lower: (v) => text(v).toLowerCase(),
  words: (v) => text(v).replace(/_/g, ' '),
  options: (v) => optionsText(v),
  default: (v, arg) => (v === undefined || v === null || v === '' ? (arg ?? '') : v),
};

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** An options object in words: "white, optical, wired". */
function optionsText(v: unknown): string {
  if (!v || typeof v !== 'object') return text(v);
  return Object.values(v as Record<string, unknown>)
    .map(text)
    .join(', ');
}

export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return joinWords(v.map(text));
  if (typeof v === 'object') return optionsText(v);
  return String(v);
}

function evaluate(scope: Scope, path: string, filters: string): unknown {
  let v = resolvePath(scope, path);
  for (const f of filters.split('|').slice(1)) {
    const [name, arg] = f.split(/:(.*)/s, 2);
    const fn = FILTERS[name];
    if (!fn) throw new Error(`unknown template filter "${name}"`);
    v = fn(v, arg);
  }
  return v;
}

/** Fills a template as text. */
export function fill(template: string, scope: Scope): string {
  return template.replace(PLACEHOLDER, (_m, path: string, filters: string) => text(evaluate(scope, path, filters)));
}

/** Fills a template as a value: a lone placeholder keeps its type; anything else is text. */
export function fillValue(template: string, scope: Scope): unknown {
  const m = /^\{([A-Za-z_@][\w.@*-]*)((?:\|[a-z]+(?::[^|}]*)?)*)\}$/.exec(template);
  if (m) return evaluate(scope, m[1], m[2]);
  return fill(template, scope);
}

/** The placeholders' root names a template reads (to know which slots and results it needs). */
export function rootsOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1].split('.')[0]);
}
