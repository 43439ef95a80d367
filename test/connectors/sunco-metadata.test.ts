import { describe, expect, it } from 'vitest';
import { metadataBytes, withText } from '../../src/connectors/sunco/metadata.ts';

// passControl metadata is "limited to 4KB in size" (Sunshine Conversations spec, passControlBody):
// the brief is cut by the UTF-8 bytes of the metadata's JSON, never inside a character.
describe('SunCo metadata within the limit', () => {
  const base = { baton_handoff_id: 'h-1', baton_confidence: 0.42 };

  it('keeps a brief that fits whole', () => {
    expect(withText(base, 'baton_brief', 'short brief')).toEqual({ ...base, baton_brief: 'short brief' });
  });

  it('cuts a multi-byte brief to the byte limit, at a character, with an ellipsis', () => {
    const brief = '返金😀'.repeat(2000); // 3 + 4 bytes per pair
    const out = withText(base, 'baton_brief', brief, 1000);
    expect(metadataBytes(out)).toBeLessThanOrEqual(1000);
    expect(metadataBytes(out)).toBeGreaterThan(990);
    const text = String(out.baton_brief);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half of a surrogate pair
    expect(brief.startsWith(text.slice(0, -1))).toBe(true);
  });

  it('counts JSON escapes: quotes and newlines take two bytes', () => {
    const out = withText(base, 'baton_brief', '"\n'.repeat(1000), 500);
    expect(metadataBytes(out)).toBeLessThanOrEqual(500);
  });

  it('leaves the key out when nothing fits', () => {
    expect(withText(base, 'baton_brief', 'x'.repeat(100), metadataBytes(base) + 5)).toEqual(base);
  });
});
