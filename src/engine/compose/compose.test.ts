import { describe, expect, it } from 'vitest';
import { compose, composeClarify, selectSentences, renderAnswer } from './compose.ts';
import { chunkArticle } from '../../knowledge/chunk.ts';

const article = {
  id: 'ship',
  title: 'Shipping',
  url: 'https://help.example.com/ship',
  body: 'We ship worldwide. Orders leave in 2 days. Delivery takes 3-5 days in Europe. Tracking links arrive by e-mail. Returns are free.',
};

describe('compose', () => {
  it('quotes the best-matching sentences in passage order with a citation', () => {
    const p = chunkArticle(article)[0];
    const picked = selectSentences(p, 'how long does delivery take in Europe');
    expect(picked).toContain('Delivery takes 3-5 days in Europe.');
    expect(picked.length).toBeLessThanOrEqual(3);
    const d = compose(article, p, 'how long does delivery take', 'en');
    expect(d.parts[0].kind).toBe('frame');
    expect(d.citations[0]).toMatchObject({ articleId: 'ship', url: article.url });
    expect(renderAnswer(d.parts, d.citations)).toContain('Source: Shipping (https://help.example.com/ship)');
  });
  it('asks a clarifying question naming the options', () => {
    const a = { id: 'a', title: 'Refunds', body: 'x' };
    const b = { id: 'b', title: 'Returns', body: 'y' };
    expect(composeClarify([a, b], 'en')).toBe('Do you mean “Refunds” or “Returns”?');
    expect(composeClarify([a, b], 'es')).toContain(' o ');
  });
});
