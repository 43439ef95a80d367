import { describe, expect, it } from 'vitest';
import { compose, composeClarify, narrowRepeat, selectSentences, renderAnswer } from './compose.ts';
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
  it('quotes the sentence holding the kind of answer asked, not the one repeating the subject most', () => {
    const giftCards = {
      id: 'gift-cards',
      title: 'Gift cards',
      body:
        'Gift cards are sold in amounts of 25, 50 and 100 euros. They are valid for 2 years on several orders. ' +
        'Gift cards cannot be exchanged for cash. To check a gift card balance, enter the gift card number on the Gift cards page.',
    };
    const p = chunkArticle(giftCards)[0];
    expect(selectSentences(p, 'how much is a gift card')[0]).toBe('Gift cards are sold in amounts of 25, 50 and 100 euros.');
    expect(selectSentences(p, 'how do I check my gift card balance')).toContain(
      'To check a gift card balance, enter the gift card number on the Gift cards page.',
    );
  });
  it('after the same answer, quotes only the sentences the new message asks about', () => {
    /** The claims answering `text` after the answer to `earlier`, both from the page `body`. */
    const narrowed = (body: string, earlier: string, text: string, extra: string[] = []) => {
      const page = { id: 'page', title: 'Page', body };
      const p = chunkArticle(page)[0];
      const first = compose(page, p, earlier, 'en');
      const parts = narrowRepeat(compose(page, p, text, 'en').parts, renderAnswer(first.parts, first.citations), { text, earlier, extra });
      return parts.filter((x) => x.kind === 'claim').map((x) => x.text);
    };
    const shipping =
      'Standard shipping takes 3 to 5 business days within the country and 7 to 14 business days abroad. Express shipping arrives in 1 to 2 business days. You get a tracking link by e-mail.';
    const again = (q: string, extra: string[] = [], earlier = 'how long does shipping take?') => narrowed(shipping, earlier, q, extra);
    expect(again('what about express?')).toEqual(['Express shipping arrives in 1 to 2 business days.']);
    // A support-vocabulary expansion counts as the customer's word ("canada" read as abroad).
    expect(again('and to canada?', ['abroad'])).toEqual([shipping.split('. ')[0] + '.']);
    // A word in another form than the page's ("expired", "expiry").
    const codes =
      'Enter a code at checkout and click Apply. One code can be used per order. Codes have an expiry date printed in the e-mail.';
    expect(narrowed(codes, 'my discount code isnt working', 'it says expired')).toEqual([
      'Codes have an expiry date printed in the e-mail.',
    ]);
    // A follow-up whose words the page shares only with the topic ("pay"), asking the topic's kind of
    // answer (an amount), gets the whole answer: the list of what is accepted answers it by omission.
    const payments =
      'We accept Visa, Mastercard and PayPal. Bank transfers take 1 to 3 days, and your order ships once the payment arrives. We do not accept cash.';
    expect(narrowed(payments, 'can I pay with paypal?', 'what about apple pay?')).toHaveLength(3);
    // Nothing to narrow to, or everything: the answer stands; a word of the question before is the topic, not news.
    expect(again('ok and?')).toHaveLength(3);
    expect(again('shipping times express tracking business days', [], '')).toHaveLength(3);
    expect(again('and the shipping?')).toHaveLength(3);
    // Not a repeat (the earlier answer said something else): as drafted.
    const page = { id: 'shipping', title: 'Shipping times', body: shipping };
    const other = compose(page, chunkArticle(page)[0], 'what about express?', 'en').parts;
    expect(narrowRepeat(other, 'From “Refunds”: Refunds take 5 days.', { text: 'what about express?' })).toEqual(other);
  });

  it('asks a clarifying question naming the options', () => {
    const a = { id: 'a', title: 'Refunds', body: 'x' };
    const b = { id: 'b', title: 'Returns', body: 'y' };
    expect(composeClarify([a, b], 'en')).toBe('Do you mean “Refunds” or “Returns”?');
    expect(composeClarify([a, b], 'es')).toBe('¿Se refiere a “Refunds” o “Returns”?');
    expect(composeClarify([a, b], 'pt-BR')).toBe('Refere-se a “Refunds” ou “Returns”?');
    expect(composeClarify([a, b], 'nl')).toBe('Bedoelt u “Refunds” of “Returns”?');
  });

  it('names three options with the conjunction placed, not substituted in a title', () => {
    const a = { id: 'a', title: 'Refunds', body: 'x' };
    const b = { id: 'b', title: 'Returns', body: 'y' };
    const c = { id: 'damaged', title: 'Damaged or wrong item', body: 'z' };
    expect(composeClarify([c, a, b], 'es')).toBe('¿Se refiere a “Damaged or wrong item”, “Refunds” o “Returns”?');
    expect(composeClarify([c, a, b], 'en')).toBe('Do you mean “Damaged or wrong item”, “Refunds” or “Returns”?');
  });
});
