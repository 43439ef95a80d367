import { describe, expect, it } from 'vitest';
import { EXPANSION_WEIGHT, supportExpansions } from './synonyms.ts';
import { Speller } from './spelling.ts';
import { PassageIndex } from '../retrieve/passages.ts';
import { Vectorizer } from '../retrieve/vectorizer.ts';
import { chunkArticles } from '../../knowledge/chunk.ts';

const knowledge = [
  { id: 'coupons', title: 'Discount codes', body: 'Enter a coupon at checkout. One coupon per order.' },
  { id: 'support', title: 'Contact support', body: 'Our support team answers e-mails within a day.' },
  { id: 'parcels', title: 'Lost parcels', body: 'A parcel that has not moved for a week can be traced.' },
];
const speller = new Speller(knowledge.flatMap((a) => [a.title, a.body]));
const knows = (w: string) => speller.knows(w);

describe('supportExpansions', () => {
  it("reads a word the knowledge does not use as the synonyms it does use, at a weight under a typed word's", () => {
    const e = supportExpansions('can i use two vouchers on one order', knows);
    expect([...e.words]).toEqual(
      expect.arrayContaining([
        ['coupon', EXPANSION_WEIGHT],
        ['discount', EXPANSION_WEIGHT],
        ['code', EXPANSION_WEIGHT],
      ]),
    );
    expect(EXPANSION_WEIGHT).toBeLessThan(1);
    expect(e.of.get('vouchers')).toContain('coupon');
    expect([...supportExpansions('how can i reach customer service', knows).words.keys()]).toContain('support');
    expect([...supportExpansions('my package never came', knows).words.keys()]).toContain('parcel');
  });

  it('adds nothing for words the knowledge uses itself, nor synonyms it does not use', () => {
    expect(supportExpansions('one coupon per order', knows).words.size).toBe(0);
    expect(supportExpansions('where is my parcel', knows).words.size).toBe(0);
    // "repayment" belongs with "refund", which this knowledge never uses.
    expect(supportExpansions('when is my repayment', knows).words.size).toBe(0);
  });
});

describe('a country in a question about delivery', () => {
  const shop = [
    { id: 'shipping', title: 'Shipping times', body: 'Orders ship in 3 days within Germany and 7 to 14 days abroad.' },
    { id: 'returns', title: 'Returns', body: 'Send the parcel back within 30 days.' },
  ];
  const shopSpeller = new Speller(shop.flatMap((a) => [a.title, a.body]));
  const shopKnows = (w: string) => shopSpeller.knows(w);
  const added = (text: string) => [...supportExpansions(text, shopKnows).words.keys()];

  it('reads a country the knowledge never names as abroad, in any of the languages, one or several words', () => {
    expect(added('do you ship to canada?')).toEqual(['abroad']);
    expect(added('how long does delivery to new zealand take')).toEqual(expect.arrayContaining(['abroad', 'shipping']));
    expect(supportExpansions('do you ship to the united kingdom', shopKnows).of.get('kingdom')).toEqual(['abroad']);
    expect(added('can you deliver to deutschland')).toContain('abroad');
  });

  it('not a country the knowledge names, nor one outside a question about delivery, nor abroad as a country', () => {
    expect(added('do you ship to germany?')).toEqual([]);
    expect(added('do i need a visa for canada')).toEqual([]);
    expect(added('do you ship abroad')).not.toContain('germany');
    // Words that are also names ("us", "jersey", "turkey") are no country.
    expect(added('can you ship us a jersey')).toEqual([]);
  });
});

describe('expansions in retrieval', () => {
  const index = new PassageIndex(
    chunkArticles([
      { id: 'coupon', title: 'Coupons', body: 'One coupon can be used on each order.' },
      { id: 'card', title: 'Gift cards', body: 'A gift card can be used on several orders.' },
    ]),
  );

  it('never lets an expansion outrank an exact match', () => {
    // "gift" is typed, "coupon" only expanded from "voucher": the typed word's passage wins.
    const exact = index.search('gift voucher', [], 5, undefined, {
      words: new Map([['coupon', EXPANSION_WEIGHT]]),
      of: new Map([['voucher', ['coupon']]]),
    });
    expect(exact.candidates[0].articleId).toBe('card');
    expect(exact.candidates[1].articleId).toBe('coupon');
    expect(exact.candidates[1].score).toBeLessThan(exact.candidates[0].score);
  });

  it('counts a message word as held when the article holds its expansion', () => {
    const extra = { words: new Map([['coupon', EXPANSION_WEIGHT]]), of: new Map([['voucher', ['coupon']]]) };
    const withIt = index.search('voucher', [], 5, undefined, extra);
    const without = index.search('voucher', [], 5);
    expect(without.candidates).toHaveLength(0);
    expect(withIt.candidates[0].articleId).toBe('coupon');
    expect(withIt.coverage).toBe(1);
  });

  it('weighs an expanded word in the classifier features below the same word typed', () => {
    const v = new Vectorizer().fit(['coupon at checkout', 'gift card balance']);
    const typed = v.transform('coupon');
    const expanded = v.transform('voucher', new Map([['coupon', EXPANSION_WEIGHT]]));
    const at = (x: { idx: Int32Array | number[]; val: Float32Array | number[] }, i: number) => x.val[[...x.idx].indexOf(i)] ?? 0;
    expect(at(expanded, [...typed.idx][0])).toBeGreaterThan(0);
    // Beside a typed word of the same IDF, the expanded word's feature weighs less.
    const both = v.transform('coupon gift', new Map([['balance', EXPANSION_WEIGHT]]));
    const gift = [...v.transform('gift').idx][0];
    const balance = [...v.transform('balance').idx][0];
    expect(at(both, balance)).toBeLessThan(at(both, gift));
  });
});
