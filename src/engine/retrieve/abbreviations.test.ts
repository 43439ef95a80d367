import { describe, expect, it } from 'vitest';
import { longFormFor, mineAbbreviations } from './abbreviations.ts';
import { PassageIndex } from './passages.ts';
import { chunkArticles } from '../../knowledge/chunk.ts';
import { terms } from './bm25.ts';

describe('abbreviations the knowledge defines', () => {
  it('takes a definition only when the letters are the initials of the words before it', () => {
    expect(longFormFor('EBT', 'paid on an Electronic Benefit Transfer')).toEqual(terms('Electronic Benefit Transfer'));
    expect(longFormFor('COE', 'you need a Certificate of Eligibility')).toEqual(terms('Certificate of Eligibility'));
    expect(longFormFor('PDF', 'human activities are the cause of most wildfires')).toBeNull();
    expect(longFormFor('SSN', 'your full Social Security')).toBeNull();
  });

  it('drops an abbreviation defined two ways, or written elsewhere as a plain word', () => {
    const { expand } = mineAbbreviations([
      'Apply for Paid Family Leave (PFL) online. The Secure Automated File Exchange (SAFE) moves files.',
      'Keep the files safe. Post Traumatic Stress Disorder (PTSD) care. Partial Treatment Schedule Data (PTSD) rows.',
    ]);
    expect(expand.get(terms('PFL')[0])).toEqual(terms('Paid Family Leave'));
    expect(expand.has(terms('SAFE')[0])).toBe(false);
    expect(expand.has(terms('PTSD')[0])).toBe(false);
  });

  it('lets either form find the passages that use the other', () => {
    const idx = new PassageIndex(
      chunkArticles([
        { id: 'def', title: 'Food aid', body: 'Food aid is paid each month on an Electronic Benefit Transfer (EBT) card.' },
        { id: 'issue', title: 'Getting your card', body: 'Electronic Benefit Transfer cards are issued at the county office.' },
        { id: 'lost', title: 'Replacing a lost card', body: 'Report a lost EBT card by phone within 24 hours.' },
        { id: 'bus', title: 'Bus passes', body: 'Passes are sold at the station.' },
      ]),
    );
    // 'issue' never writes EBT, 'lost' never writes the long form.
    expect(
      idx
        .search('EBT', [])
        .candidates.map((c) => c.articleId)
        .sort(),
    ).toEqual(['def', 'issue', 'lost']);
    expect(idx.search('electronic benefit transfer', []).candidates.map((c) => c.articleId)).toContain('lost');
    // Every word of the question is held by 'lost' once the abbreviation is read both ways.
    const ev = idx.search('lost electronic benefit transfer card', [], 5, new Set(['def', 'issue']));
    expect(ev.candidates[0].articleId).toBe('lost');
    expect(ev.coverage).toBeGreaterThan(0.99);
  });
});
