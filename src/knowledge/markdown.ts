// Markdown with YAML-style front matter (the subset help centres use: scalars, inline lists
// `[a, b]` and dash lists). The body stays Markdown: the chunker reads it as text.

export interface FrontMatter {
  data: Record<string, string | string[]>;
  body: string;
}

const unquote = (s: string) => s.trim().replace(/^(["'])(.*)\1$/, '$2');

export function parseFrontMatter(text: string): FrontMatter {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!m) return { data: {}, body: text };
  const data: Record<string, string | string[]> = {};
  let listKey: string | null = null;
  for (const line of m[1].split(/\r?\n/)) {
    const item = line.match(/^\s+-\s+(.*)$/) ?? line.match(/^-\s+(.*)$/);
    if (item && listKey) {
      (data[listKey] as string[]).push(unquote(item[1]));
      continue;
    }
    const kv = line.match(/^([\w-]+):\s*(.*)$/);
    if (!kv) continue;
    const [, key, value] = kv;
    if (value === '') {
      data[key] = [];
      listKey = key;
    } else if (/^\[.*\]$/.test(value.trim())) {
      data[key] = value.trim().slice(1, -1).split(',').map(unquote).filter(Boolean);
      listKey = null;
    } else {
      data[key] = unquote(value);
      listKey = null;
    }
  }
  return { data, body: m[2] };
}

/** Title from front matter, else the first `# heading`. */
export function markdownTitle(fm: FrontMatter): string | null {
  if (typeof fm.data.title === 'string') return fm.data.title;
  return fm.body.match(/^#\s+(.+)$/m)?.[1]?.trim() ?? null;
}
