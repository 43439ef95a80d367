import type { Detector, Span } from '../types.ts';

// Local part and domain per RFC 5322's common subset; the TLD must be letters so
// "v1.2@3.4" style strings (versions, decorators) are not taken for addresses.
const PLAIN = /[\p{L}\p{N}._%+'-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,24}\b/gu;

// Obfuscated forms people type to dodge spam filters: "john dot smith at gmail dot com",
// "john [at] example [dot] org", "john(at)example.com". The separator words must be
// delimited so ordinary sentences ("look at this dot") rarely line up into a match.
const AT = String.raw`\s*(?:\(at\)|\[at\]|\{at\}|<at>|\s(?:at|arobase|ät)\s)\s*`;
const DOT = String.raw`(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>)\s*|\s(?:dot|punkt|point)\s|\.)`;
const WORD = String.raw`[\p{L}\p{N}_%+-]+`;
const TLD = String.raw`(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|eu|info|biz|me|us|ca|au|br|jp|cz|hu|ru|in)`;
const OBFUSCATED = new RegExp(String.raw`\b${WORD}(?:${DOT}${WORD})*${AT}${WORD}(?:${DOT}${WORD})*?${DOT}${TLD}\b`, 'giu');

const NOT_LOCAL_PART = new Set(
  'look looking looked meet meeting met arrive arrived arriving be is are was were am me us him her them it this that stay stop live lives lived work works worked call called good bad great here there only least all home aim aimed laugh laughed smile stare glance point pointed shot arrive anyone someone everyone nobody'.split(
    ' ',
  ),
);

export const detectEmail: Detector = (text) => {
  const spans: Span[] = [];
  if (text.includes('@'))
    for (const m of text.matchAll(PLAIN)) {
      spans.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length, score: 0.99 });
    }
  if (/\bat\b|\(at\)|\[at\]|arobase/i.test(text)) {
    for (const m of text.matchAll(OBFUSCATED)) {
      // Plain text with " at " and a "." is common ("meet at home.com"?); an obfuscated
      // address must use at least one spelled-out separator or a bracketed "at".
      if (!/\b(?:dot|punkt|point)\b|[([{<]at[)\]}>]/i.test(m[0]) && !/\sat\s/i.test(m[0])) continue;
      // "look at this dot com": with a bare " at ", the word before it must not be one
      // that English puts before "at" anyway.
      const local = /^(\S+)\s+at\s/i.exec(m[0])?.[1].toLowerCase();
      if (local && NOT_LOCAL_PART.has(local)) continue;
      spans.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length, score: 0.85 });
    }
  }
  return spans;
};
