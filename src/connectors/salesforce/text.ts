import type { HandoffTicket } from '../types.ts';
import { handoffTags } from '../render.ts';
import type { SfConfig } from './config.ts';

// What Baton writes into a Case, as text within Salesforce's field limits.

/** CaseComment.CommentBody holds at most 4,000 bytes. */
export const COMMENT_MAX_BYTES = 4000;
const DESCRIPTION_MAX_CHARS = 32_000;
const SUBJECT_MAX_CHARS = 255;

/** Mirrored customer lines start with this: agents see who wrote them, and an echo is recognisable. */
export const CUSTOMER_MARK = 'Customer (Baton chat): ';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Splits text into pieces of at most `max` UTF-8 bytes, at line breaks where it can. */
export function chunkBytes(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (bytes(candidate) <= max) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (bytes(rest) > max) {
      // Cut by code points so a multi-byte character is never split.
      let cut = '';
      for (const ch of rest) {
        if (bytes(cut + ch) > max) break;
        cut += ch;
      }
      out.push(cut);
      rest = rest.slice(cut.length);
    }
    current = rest;
  }
  flush();
  return out.length ? out : [''];
}

/** The brief as unpublished comments: one, or numbered parts when it is longer than 4,000 bytes. */
export function briefComments(briefText: string): string[] {
  const parts = chunkBytes(briefText, COMMENT_MAX_BYTES - 16);
  return parts.length === 1 ? parts : parts.map((p, i) => `(${i + 1}/${parts.length}) ${p}`);
}

/** Customer lines as published comments, marked. */
export function customerComments(text: string): string[] {
  return chunkBytes(text, COMMENT_MAX_BYTES - bytes(CUSTOMER_MARK)).map((p) => CUSTOMER_MARK + p);
}

export const caseSubject = (t: HandoffTicket): string => t.subject.slice(0, SUBJECT_MAX_CHARS);

/**
 * The Description: a tag line (handoff id, tags; intent and confidence when no custom field
 * takes them), then the chat so far.
 */
export function caseDescription(t: HandoffTicket, config: SfConfig): string {
  const tags = [...handoffTags(t, { priorityAsTag: false }), ...t.tags];
  const facts = [`Baton handoff ${t.handoffId}`];
  if (!config.intent_field && t.intent) facts.push(`intent: ${t.intent}`);
  if (!config.confidence_field && t.confidence !== null) facts.push(`confidence: ${t.confidence.toFixed(2)}`);
  facts.push(`tags: ${tags.join(' ')}`);
  const chat = t.transcript.map((m) => `${m.author}: ${m.text}`);
  return [facts.join(' | '), '', ...chat].join('\n').slice(0, DESCRIPTION_MAX_CHARS);
}

/** A SOQL string literal. */
export const soqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A SOQL dateTime literal (no quotes, second precision, UTC). */
export const soqlDateTime = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
