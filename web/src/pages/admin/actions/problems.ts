import { ApiError } from '../../../api.ts';

// The actions document's problems as the API lists them ({path: "playbooks/0/steps/2/tool",
// message}), made into paths the editors can place: relative to the part being edited, and
// found as a line in its JSON text.

export interface Problem {
  /** Inside the edited value, e.g. ["steps", "2", "tool"]; empty: the value as a whole. */
  path: string[];
  message: string;
}

/** Every problem of a refused save, its path inside the document (a request-validation path "body/config/…" included). */
export function documentProblems(err: unknown): Problem[] {
  if (!(err instanceof ApiError)) return [];
  const details = err.details;
  const list = Array.isArray(details) ? details : [];
  const out: Problem[] = [];
  for (const d of list) {
    const { path, message } = (d ?? {}) as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const parts = typeof path === 'string' ? path.split(/[/.]/).filter(Boolean) : [];
    if (parts[0] === 'body') parts.shift();
    if (parts[0] === 'config') parts.shift();
    out.push({ path: parts, message });
  }
  return out;
}

const within = (p: Problem, prefix: string[]) => prefix.every((seg, i) => p.path[i] === seg);

/** The problems inside one part of the document (["playbooks", "1"]), their paths made relative to it. */
export function problemsUnder(problems: Problem[], prefix: string[]): Problem[] {
  return problems.filter((p) => within(p, prefix)).map((p) => ({ path: p.path.slice(prefix.length), message: p.message }));
}

/** The problems not inside that part, paths kept whole. */
export const outside = (problems: Problem[], prefix: string[]): Problem[] => problems.filter((p) => !within(p, prefix));

/** "steps › 3 › tool" (entries counted from 1, as people count). */
export function pathInWords(path: string[]): string {
  if (path.length === 0) return 'the whole entry';
  return path.map((seg) => (/^\d+$/.test(seg) ? `entry ${Number(seg) + 1}` : seg)).join(' › ');
}

/**
 * The 1-based line of a value in JSON text, by its path ("steps", "2", "tool"): the line of
 * the key (or array element) that holds it; the deepest part that exists when it does not (a
 * missing field is reported on its parent). Null when the text is not JSON.
 */
export function lineOf(text: string, path: string[]): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const line = (at: number) => text.slice(0, at).split('\n').length;
  const str = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Skips a value; when `want` is the rest of the path, returns the line of its deepest match.
  const value = (want: string[], here: number): number => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      let found = want.length === 0 ? here : -1;
      let index = 0;
      for (;;) {
        ws();
        if (text[i] === '}' || text[i] === ']') {
          i++;
          break;
        }
        const at = i;
        let key = String(index++);
        if (c === '{') {
          key = str();
          ws();
          i++; // ':'
        }
        const inner = want.length > 0 && want[0] === key;
        const got = value(inner ? want.slice(1) : [], line(at));
        if (inner) found = got;
        ws();
        if (text[i] === ',') i++;
        if (i >= text.length) throw new Error('unterminated');
      }
      return found === -1 ? here : found;
    }
    if (c === '"') str();
    else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    return here;
  };
  try {
    JSON.parse(text);
    return value(path, 1);
  } catch {
    return null;
  }
}
