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
    const shipping = {
      id: 'shipping',
      title: 'Shipping times',
      body: 'Standard shipping takes 3 to 5 business days within the country and 7 to 14 business days abroad. Express shipping arrives in 1 to 2 business days. You get a tracking link by e-mail.',
    };
    const p = chunkArticle(shipping)[0];
    const first = compose(shipping, p, 'how long does shipping take?', 'en');
    const said = renderAnswer(first.parts, first.citations);
    const claims = (parts: ReturnType<typeof narrowRepeat>) => parts.filter((x) => x.kind === 'claim').map((x) => x.text);
    const again = (q: string, extra: string[] = [], earlier = 'how long does shipping take?') =>
      claims(narrowRepeat(compose(shipping, p, q, 'en').parts, said, { text: q, earlier, extra }));
    expect(again('what about express?')).toEqual(['Express shipping arrives in 1 to 2 business days.']);
    // A support-vocabulary expansion counts as the customer's word ("canada" read as abroad).
    expect(again('and to canada?', ['abroad'])).toEqual([shipping.body.split('. ')[0] + '.']);
    // A word in another form than the page's ("expired", "expiry").
    const codes = {
      id: 'codes',
      title: 'Discount codes',
      body: 'Enter a code at checkout and click Apply. One code can be used per order. Codes have an expiry date printed in the e-mail.',
    };
    const c = chunkArticle(codes)[0];
    const told = compose(codes, c, 'my discount code isnt working', 'en');
    const expired = { text: 'it says expired', earlier: 'my discount code isnt working' };
    expect(claims(narrowRepeat(compose(codes, c, expired.text, 'en').parts, renderAnswer(told.parts, told.citations), expired))).toEqual([
      'Codes have an expiry date printed in the e-mail.',
    ]);
    // A follow-up whose words the page shares only with the topic ("pay"), asking the topic's kind of
    // answer (an amount), gets the whole answer: the list of what is accepted answers it by omission.
    const payments = {
      id: 'payments',
      title: 'Payment methods',
      body: 'We accept Visa, Mastercard and PayPal. Bank transfers take 1 to 3 days, and your order ships once the payment arrives. We do not accept cash.',
    };
    const m = chunkArticle(payments)[0];
    const paid = compose(payments, m, 'can I pay with paypal?', 'en');
    const apple = { text: 'what about apple pay?', earlier: 'can I pay with paypal?' };
    expect(
      claims(narrowRepeat(compose(payments, m, apple.text, 'en').parts, renderAnswer(paid.parts, paid.citations), apple)),
    ).toHaveLength(3);
    // Nothing to narrow to, or everything: the answer stands; a word of the question before is the topic, not news.
    expect(again('ok and?')).toHaveLength(3);
    expect(again('shipping times express tracking business days', [], '')).toHaveLength(3);
    expect(again('and the shipping?')).toHaveLength(3);
    // Not a repeat (the earlier answer said something else): as drafted.
    const other = compose(shipping, p, 'what about express?', 'en').parts;
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
