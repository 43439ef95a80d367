import { isIPv6 } from 'node:net';
import { hasCue } from '../context.ts';
import type { Detector, Span } from '../types.ts';

const V4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d.]*\d)/g;
// Candidate v6 runs (hex groups and colons, optional embedded v4); node validates them.
const V6 = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/gi;
// "version 1.2.3.4" and "v1.2.3.4" are software versions, not addresses.
const VERSION_CUE = /(version|ver\.|release|build|v)\s*$/;

export const detectIp: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(V4)) {
    const start = m.index;
    const end = start + m[0].length;
    const score = hasCue(text, start, end, VERSION_CUE, 12) ? 0.3 : 0.9;
    spans.push({ type: 'IP', start, end, score });
  }
  if (text.includes(':')) {
    for (const m of text.matchAll(V6)) {
      // "::" alone, clock times (10:30:00) and MACs fail the validator or the group count.
      if (!isIPv6(m[0]) || !/[0-9a-f]{1,4}:[0-9a-f]{0,4}:/i.test(m[0]) || /^\d{1,2}:\d{2}(:\d{2})?$/.test(m[0])) continue;
      spans.push({ type: 'IP', start: m.index, end: m.index + m[0].length, score: 0.9 });
    }
  }
  return spans;
};
