import { describe, expect, it } from 'vitest';
import { containsWhole, factTokens, splitClaims, supportOfGenerated, verifyGenerated } from './generated.ts';

const passage =
  'Refunds are paid within 14 days to the original card. Refunds are not available for gift cards. ' +
  'Contact billing@example.com or visit https://example.com/refunds. Returns close on 31 December.';
const cite = [{ articleId: 'r', title: 'Refunds', passage }];
const ok = (s: string) => supportOfGenerated(s, passage).ok;

describe('verifying generated sentences', () => {
  it('accepts paraphrases that keep the passage’s words and facts', () => {
    expect(ok('You will get your refund within 14 days, paid to the original card.')).toBe(true);
    expect(ok('Refunds are not available for gift cards.')).toBe(true);
    expect(ok('Visit https://example.com/refunds.')).toBe(true);
    expect(ok('Returns close on 31 December.')).toBe(true);
  });

  it('rejects numbers, prices, dates and links that are not in the passage as a whole', () => {
    expect(supportOfGenerated('Refunds are paid within 4 days.', passage)).toEqual({ ok: false, why: '"4" is not in the passage' });
    expect(ok('Refunds are paid within 1 day.')).toBe(false); // "1" inside "14"
    expect(ok('Refunds are paid within 14.5 days.')).toBe(false);
    expect(ok('Refunds of $14 are paid to the original card.')).toBe(false);
    expect(ok('Visit https://example.com for refunds.')).toBe(false); // a shorter link
    expect(ok('Refunds are paid within fourteen days.')).toBe(false); // number words count as facts
    expect(ok('Returns close on 31 January.')).toBe(false);
    expect(ok('Refunds are paid on Monday to the original card.')).toBe(false);
  });

  it('rejects a sentence whose negation differs from the passage sentence it draws on', () => {
    expect(supportOfGenerated('Refunds are available for gift cards.', passage).why).toBe('drops a negation the passage has');
    expect(ok('Gift cards can get refunds.')).toBe(false);
    expect(supportOfGenerated('Refunds are not paid to the original card.', passage).why).toBe('negates what the passage says');
  });

  it('rejects redaction tokens and content-free sentences', () => {
    expect(supportOfGenerated('We will write to <EMAIL_1> about refunds.', passage).why).toBe('holds a redaction token');
    expect(ok('Hope this helps!')).toBe(false);
  });

  it('keeps supported sentences with the citations that support them, drops the rest', () => {
    const other = { articleId: 's', title: 'Shipping', passage: 'Shipping is free over $50.' };
    const r = verifyGenerated(['Shipping is free over $50.', 'Refunds are paid within 14 days.', 'Refunds cost $5.'], [cite[0], other]);
    expect(r.kept).toEqual([
      { text: 'Shipping is free over $50.', supportedBy: [1] },
      { text: 'Refunds are paid within 14 days.', supportedBy: [0] },
    ]);
    expect(r.dropped).toEqual([{ text: 'Refunds cost $5.', why: '"$5" is not in the passage' }]);
    expect(verifyGenerated(['Refunds are paid within 14 days.'], []).ok).toBe(false);
  });

  it('splits model output into sentences without list markers or emphasis', () => {
    expect(splitClaims('- **Refunds** are paid within 14 days.\n2. Contact billing@example.com. Thanks')).toEqual([
      'Refunds are paid within 14 days.',
      'Contact billing@example.com.',
      'Thanks',
    ]);
    // A model writing Markdown: its heading is no claim, its link is read as words and address.
    expect(splitClaims('## Refunds\n\nSee *the* [refund page](https://example.com/refunds) first.')).toEqual([
      'See the refund page (https://example.com/refunds) first.',
    ]);
    expect(factTokens('A 30-day window, $5, on Monday, at https://x.io/a.')).toEqual(['30', '$5', 'https://x.io/a', 'monday']);
    expect(containsWhole('a 30-day window', '30')).toBe(true);
    expect(containsWhole('a 130-day window', '30')).toBe(false);
  });
});
