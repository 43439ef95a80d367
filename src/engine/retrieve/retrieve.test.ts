import { describe, expect, it } from 'vitest';
import { DEFAULT_VECTORIZER, Vectorizer, extractFeatures } from './vectorizer.ts';
import { IntentClassifier, trainingExamples } from './classifier.ts';
import { Bm25Index, queryTerms, terms } from './bm25.ts';
import { PassageIndex } from './passages.ts';
import { answerTypeOf, passageHasAnswerType } from './answer-type.ts';
import { chunkArticles } from '../../knowledge/chunk.ts';
import type { Article } from '../types.ts';

const articles: Article[] = [
  {
    id: 'refund',
    title: 'Refund policy',
    body: 'Refunds are paid within 14 days to the original card.',
    examples: ['can I get my money back', 'how do refunds work', 'I want a refund'],
  },
  {
    id: 'ship',
    title: 'Shipping times',
    body: 'Orders ship in 2 business days. Delivery takes 3-5 days.',
    examples: ['when will my order arrive', 'how long is delivery', 'where is my package'],
  },
  {
    id: 'pw',
    title: 'Reset your password',
    body: 'Open Settings, choose Security and click Reset password.',
    examples: ['I forgot my password', 'how to change password', 'cannot log in'],
  },
];

describe('vectorizer', () => {
  it('gives unit vectors and shares character n-grams across typos', () => {
    const v = new Vectorizer().fit(['refund my order', 'password reset']);
    const a = v.transform('refund');
    const norm = Math.sqrt(a.val.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(v.transform('refnd').idx.length).toBeGreaterThan(0);
    expect(v.knownWordShare('refund the zebra')).toBeCloseTo(1 / 3, 5);
  });
  it('has skip-bigrams and character n-grams across word boundaries', () => {
    const [, , , skip, , across] = extractFeatures('cancel my order', DEFAULT_VECTORIZER);
    expect([...skip.keys()]).toEqual(['cancel _ order']);
    expect(across.has('l my')).toBe(true);
    expect(across.has('ncel')).toBe(false);
    expect([...across.keys()].every((g) => g.trim().includes(' '))).toBe(true);
  });
});

describe('intent classifier', () => {
  const clf = IntentClassifier.train(trainingExamples(articles), articles.length, { epochs: 30, learningRate: 1, l2: 1e-5, seed: 1 });
  it.each([
    ['money back please', 0],
    ['my parcel has not arrived', 1],
    ['forgot password', 2],
  ])('classifies "%s"', (text, label) => {
    expect(clf.classify(text as string).top[0].index).toBe(label);
  });
  it('returns a probability distribution', () => {
    const out = clf.classify('refund');
    expect(out.top[0].prob).toBeGreaterThan(out.top[1].prob);
    expect(out.top.reduce((s, t) => s + t.prob, 0)).toBeLessThanOrEqual(1.0001);
  });
});

describe('BM25 and passages', () => {
  it('ranks the passage with the query terms first, titles count extra', () => {
    const idx = new Bm25Index([
      { title: 'Shipping', text: 'We ship worldwide.' },
      { title: 'Refunds', text: 'Money back within 14 days.' },
    ]);
    const s = idx.search(queryTerms([{ text: 'refund money', weight: 1 }]));
    expect(s[1]).toBeGreaterThan(s[0]);
  });
  it('uses the conversation as context and reports missing key terms', () => {
    const idx = new PassageIndex(chunkArticles(articles));
    const ev = idx.search('how long does it take?', [{ text: 'when will my order ship', weight: 0.5 }]);
    expect(ev.candidates[0].articleId).toBe('ship');
    const unknown = idx.search('do you sell gift vouchers', []);
    expect(unknown.coverage).toBeLessThan(0.5);
  });
  it('counts statistics-only texts in the IDF and the ideal match, never as results', () => {
    const docs = [
      { title: 'Opening hours', text: 'Use the chat on any page. We open at 9.' },
      { title: 'Gift cards', text: 'Gift cards are valid for two years.' },
    ];
    const q = queryTerms([{ text: 'can I use two coupons', weight: 1 }]);
    const plain = new Bm25Index(docs);
    const taught = new Bm25Index(docs, undefined, ['where do I enter a coupon', 'coupon not accepted', 'can I use two discount codes']);
    expect(taught.search(q)).toHaveLength(docs.length);
    // "coupon" is known now: an ideal match must hold it, so matching "use" alone is a weaker match.
    expect(taught.maxScore(q)).toBeGreaterThan(plain.maxScore(q));
    expect(taught.idf('coupon')).toBeLessThan(plain.idf('coupon'));
  });
  it('reads an identifier as its words too', () => {
    expect(terms('Set bodyLimit on the server')).toEqual(expect.arrayContaining(terms('bodylimit body limit')));
    const idx = new PassageIndex(
      chunkArticles([{ id: 'opt', title: 'Options', body: 'Pass bodyLimit to refuse larger payloads.' }, ...articles]),
    );
    expect(idx.search('what is the body limit', []).candidates[0].articleId).toBe('opt');
    expect(idx.search('bodylimit', []).candidates[0].articleId).toBe('opt');
  });
  it('counts the heading of a passage with the title', () => {
    const page: Article = {
      id: 'opts',
      title: 'Server options',
      body: '## Timeouts\nThe server waits up to 10 seconds for a slow client.\n\n## Payload\nBodies above 1 MiB are refused with status 413.',
    };
    const idx = new PassageIndex(chunkArticles([page, ...articles]));
    expect(idx.search('what are the timeouts', []).candidates[0].passage.heading).toBe('Timeouts');
    expect(idx.search('payload limit', []).candidates[0].passage.heading).toBe('Payload');
  });
  it('counts coverage near the matching passage, not over a whole long page', () => {
    // A reference page whose sections each hold one topic: a question joining words of distant
    // sections finds one of them but is not answered there; the words of one section are.
    const topics = ['timeouts', 'compression', 'logging', 'proxies', 'certificates', 'routing', 'plugins'];
    const page: Article = {
      id: 'reference',
      title: 'Server reference',
      body: topics.map((t) => `## ${t}\nThe ${t} option of the server is described here in a sentence about ${t}.`).join('\n\n'),
    };
    const idx = new PassageIndex(chunkArticles([page, ...articles]));
    const near = idx.search('timeouts option of the server', []);
    const far = idx.search('timeouts with certificates and plugins', []);
    expect(near.candidates[0].articleId).toBe('reference');
    expect(far.candidates[0].articleId).toBe('reference');
    expect(near.coverage).toBeGreaterThan(0.9);
    // Over the whole page every word is held (coverage 1); around the best section, not.
    expect(far.coverage).toBeLessThan(0.7);
  });
  it('knows what kind of answer a question asks for', () => {
    expect(answerTypeOf('how much does it cost')).toBe('amount');
    expect(answerTypeOf('when do you open')).toBe('date');
    expect(passageHasAnswerType('amount', 'It costs $20.')).toBe(true);
    expect(passageHasAnswerType('amount', 'Ask our team.')).toBe(false);
    expect(passageHasAnswerType('none', 'anything')).toBe(true);
  });
});
