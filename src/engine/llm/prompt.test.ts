import { describe, expect, it } from 'vitest';
import { chunkArticle } from '../../knowledge/chunk.ts';
import { buildPrompt, selectPassages, SYSTEM_PROMPT } from './prompt.ts';
import { retryAfterMs } from './http.ts';

const long = chunkArticle(
  {
    id: 'ship',
    title: 'Shipping',
    body: [
      'Orders ship from our warehouse in Lyon. Tracking numbers are e-mailed when the parcel leaves.',
      'Standard delivery takes 3 to 5 working days in France.',
      'Express delivery costs €12 and arrives the next working day if ordered before noon.',
      'We do not ship to post office boxes.',
      'International orders may pay customs duties on arrival.',
    ].join('\n'),
  },
  { maxWords: 16 },
);

describe('prompt', () => {
  it('picks the quoted passage and the best matches, in article order', () => {
    expect(long.length).toBeGreaterThan(3);
    const chosen = selectPassages(long, 'how much is express delivery?', [], long[3].text);
    expect(chosen).toHaveLength(3);
    expect(chosen.map((p) => p.index)).toEqual([...chosen.map((p) => p.index)].sort((a, b) => a - b));
    expect(chosen).toContain(long[3]);
    expect(chosen.some((p) => p.text.includes('Express delivery costs €12'))).toBe(true);
  });

  it('holds the passages with ids, the previous customer message and the question, nothing else', () => {
    const history = [
      { role: 'customer' as const, text: 'do you ship to <ADDRESS_1>?' },
      { role: 'bot' as const, text: 'Yes, we deliver there.' },
    ];
    const p = buildPrompt('and how fast?', history, long.slice(0, 2));
    expect(p.system).toBe(SYSTEM_PROMPT);
    expect(p.messages).toHaveLength(1);
    const text = p.messages[0].content;
    expect(text).toContain('<passage id="P1" title="Shipping">');
    expect(text).toContain('<passage id="P2"');
    expect(text).toContain('<customer>do you ship to <ADDRESS_1>?</customer>');
    expect(text).toContain('<customer>and how fast?</customer>');
    expect(text).not.toContain('we deliver there'); // replies are not sent
    expect([...p.ids.keys()]).toEqual(['P1', 'P2']);
  });
});

describe('Retry-After', () => {
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 12:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '150', 'retry-after': '1' }), now)).toBe(150);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(new Headers(), now)).toBeNull();
  });
});
