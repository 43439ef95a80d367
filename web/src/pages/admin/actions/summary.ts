// Playbooks and identity in words, read defensively: the schema may grow fields, and an
// unknown step still reads as its kind and its fields.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

/**
 * What the customer reads, quoted: the one text, or the English (else the first) of texts by
 * language with the other languages named: “Which order?” (also in de, fr).
 */
export function saidInWords(v: unknown): string {
  if (typeof v === 'string' || !v || typeof v !== 'object') return `“${str(v)}”`;
  const texts = obj(v);
  const [first, ...others] = Object.keys(texts).sort((a, b) => Number(b === 'en') - Number(a === 'en'));
  return first === undefined ? '“”' : `“${str(texts[first])}”${others.length ? ` (also in ${others.join(', ')})` : ''}`;
}

/** One step in words: "Ask for order_id", "Call get_order → order", "Check order.status in pending". */
export function stepInWords(step: unknown): string {
  const s = obj(step);
  switch (s.do) {
    case 'ask':
      return `Ask for ${str(s.slot)}`;
    case 'call': {
      const args = Object.keys(obj(s.args));
      return `Call ${str(s.tool)}${args.length ? ` (${args.join(', ')})` : ''}${s.as ? ` → ${str(s.as)}` : ''}`;
    }
    case 'check': {
      const when = obj(s.when);
      const cond = when.in
        ? `in ${arr(when.in).map(str).join(', ')}`
        : when.notIn
          ? `not in ${arr(when.notIn).map(str).join(', ')}`
          : when.exists === false
            ? 'is absent'
            : 'exists';
      return `Check ${str(when.path)} ${cond}${s.handoff ? ', else hand off' : ', else explain'}`;
    }
    case 'confirm':
      return `Confirm with the customer: ${saidInWords(s.text)}`;
    case 'reply':
      return `Reply: ${saidInWords(s.text)}`;
    default: {
      const rest = Object.entries(s)
        .filter(([k]) => k !== 'do')
        .map(([k, v]) => `${k} ${str(v)}`);
      return `${str(s.do) || 'Step'}${rest.length ? `: ${rest.join(', ')}` : ''}`;
    }
  }
}

export interface PlaybookSummary {
  id: string;
  title: string;
  triggers: string[];
  identity: string;
  slots: string[];
  steps: string[];
  tools: string[];
}

export function summarise(playbook: unknown): PlaybookSummary {
  const p = obj(playbook);
  const steps = arr(p.steps);
  return {
    id: str(p.id),
    title: str(p.title),
    triggers: arr(obj(p.trigger).articles).map(str),
    identity: p.identity === 'none' ? 'no verification' : 'verified customer',
    slots: arr(p.slots).map((s) => `${str(obj(s).name)}${obj(s).optional ? ' (optional)' : ''}`),
    steps: steps.map(stepInWords),
    tools: [
      ...new Set(
        steps
          .map(obj)
          .filter((s) => s.do === 'call')
          .map((s) => str(s.tool)),
      ),
    ],
  };
}
