import { describe, expect, it } from 'vitest';
import { verify, supportOf, exactTokens } from './verify.ts';

const passage = 'Refunds are paid within 14 days to the original card. Contact billing@example.com or visit https://example.com/refunds.';
const cite = [{ articleId: 'r', title: 'Refunds', passage }];

describe('verify', () => {
  it('accepts quoted and paraphrased-with-same-facts sentences', () => {
    expect(supportOf('Refunds are paid within 14 days to the original card.', passage).ok).toBe(true);
    expect(supportOf('Refunds paid to the original card within 14 days.', passage).ok).toBe(true);
  });
  it('rejects numbers, prices, dates and links that the passage lacks', () => {
    expect(supportOf('Refunds are paid within 30 days.', passage).ok).toBe(false);
    expect(supportOf('Refunds cost $5.', passage).ok).toBe(false);
    expect(supportOf('See https://evil.example.com for refunds.', passage).ok).toBe(false);
    expect(exactTokens('Pay $20.50 by 12/31 at https://x.io.')).toEqual(['$20.50', '12/31', 'https://x.io']);
  });
  it('drops unsupported claims and fails when none remain', () => {
    const r = verify(
      [
        { kind: 'frame', text: 'From “Refunds”:' },
        { kind: 'claim', text: 'Refunds are paid within 14 days to the original card.' },
        { kind: 'claim', text: 'We also give a free gift card worth 10 dollars.' },
      ],
      cite,
    );
    expect(r.ok).toBe(true);
    expect(r.parts.map((p) => p.kind)).toEqual(['frame', 'claim']);
    expect(r.dropped).toHaveLength(1);
    expect(
      verify(
        [
          { kind: 'frame', text: 'Hi' },
          { kind: 'claim', text: 'Shipping is free on Sundays.' },
        ],
        cite,
      ).ok,
    ).toBe(false);
  });
});
