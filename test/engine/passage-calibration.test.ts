// Passage-only knowledge: the self-calibration on pseudo-questions (issue 8).
import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from '../../src/engine/assess/logistic.ts';
import {
  averageLogistic,
  calibratePassages,
  commonWords,
  fitPassageSet,
  passageBagSeed,
  passageQuestionCount,
  passageRows,
  PASSAGE_BAGS,
  questionKit,
  type PseudoQuestion,
  unknownWord,
  type Row,
} from '../../src/engine/assess/calibrate.ts';
import { rng } from '../../src/engine/retrieve/random.ts';
import { elsewhereRows, withRealQuestions } from '../../src/engine/assess/beside.ts';
import { PASSAGE_FEATURE_SIGNS, passageFeatures } from '../../src/engine/assess/features.ts';
import { PassageIndex } from '../../src/engine/retrieve/passages.ts';
import { chunkArticles } from '../../src/knowledge/chunk.ts';
import { terms } from '../../src/engine/retrieve/bm25.ts';
import type { Article } from '../../src/engine/types.ts';

const articles: Article[] = [
  {
    id: 'refund',
    title: 'Refund policy',
    body: 'Refunds are paid within 14 days to the original card. Gift cards cannot be refunded. Ask for a refund from the order page within 30 days of delivery.',
  },
  {
    id: 'ship',
    title: 'Shipping times',
    body: 'Orders ship in 2 business days from our warehouse in Leeds. Delivery takes 3-5 days in the United Kingdom. International parcels travel by air mail and take up to three weeks.',
  },
  {
    id: 'pw',
    title: 'Reset your password',
    body: 'Open Settings, choose Security and click Reset password. A link arrives by e-mail and expires after one hour. Accounts lock after five wrong attempts.',
  },
  {
    id: 'hours',
    title: 'Opening hours of the shop',
    body: 'The shop in Leeds opens Monday to Saturday from 9 am to 6 pm. It is closed on Sundays and bank holidays. Parking is free behind the building.',
  },
  {
    id: 'returns',
    title: 'Returning an item',
    body: 'Print the return label from your account and drop the parcel at any post office. Returns are free for faulty goods. Refunds for returns follow once the warehouse has checked the item.',
  },
];

describe('sign-constrained logistic regression', () => {
  // y rises with x0; x1 is a noisy copy of x0 that an unconstrained fit uses freely.
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = (i % 20) / 20;
    xs.push([a, a + ((i * 7) % 5) / 50]);
    ys.push(a + ((i * 13) % 10) / 20 > 0.7 ? 1 : 0);
  }
  it('fits freely without signs and keeps each weight on its allowed side with them', () => {
    const free = fitLogistic(xs, ys);
    expect(free.weights[0]).toBeGreaterThan(0);
    const forbidden = fitLogistic(xs, ys, undefined, 600, 1e-3, [-1, -1]);
    expect(forbidden.weights.every((w) => w <= 0)).toBe(true);
    // With both weights barred from the direction of the evidence, the model can only say the base rate.
    const p = xs.map((x) => predictLogistic(forbidden, x));
    expect(Math.max(...p) - Math.min(...p)).toBeLessThan(1e-6);
    const allowed = fitLogistic(xs, ys, undefined, 600, 1e-3, [1, 0]);
    expect(allowed.weights[0]).toBeGreaterThan(0);
  });
});

describe('passage calibration', () => {
  const index = new PassageIndex(chunkArticles(articles));
  const seen: PseudoQuestion[] = [];
  const cal = calibratePassages(index, { seed: 13, samples: 400, inspect: (q) => seen.push(q) });

  it('respects the fixed direction of every passage feature', () => {
    const w = cal.model.parts[0].model.weights;
    expect(w).toHaveLength(PASSAGE_FEATURE_SIGNS.length);
    PASSAGE_FEATURE_SIGNS.forEach((sign, j) => expect(sign * w[j]).toBeGreaterThanOrEqual(0));
  });

  it('asks the requested number of pseudo-questions even when the knowledge has few passages', () => {
    expect(index.passages.length).toBeLessThan(20);
    // Each question asked twice (answerable, then with its holders removed); short sentences are skipped.
    expect(seen.length).toBeGreaterThan(200);
    expect(cal.heldOut.length).toBe(2 * seen.length);
  });

  it('builds conversations that paraphrase the article instead of quoting its title and passages', () => {
    const withContext = seen.filter((q) => q.context.length > 0);
    expect(withContext.length).toBeGreaterThan(50);
    const titles = new Set(articles.map((a) => a.title));
    const passages = new Set(index.passages.map((p) => p.text));
    expect(withContext.some((q) => titles.has(q.context[0].text))).toBe(false);
    expect(withContext.some((q) => passages.has(q.context[1].text))).toBe(false);
    // The first turn still names the topic: on average, most of its words are the article's.
    let own = 0;
    let all = 0;
    for (const q of withContext) {
      const art = index.passages.find((p) => p.id === q.passageId)!.articleId;
      const vocab = new Set(index.passages.filter((p) => p.articleId === art).flatMap((p) => terms(`${p.title} ${p.text}`)));
      const words = terms(q.context[0].text);
      own += words.filter((w) => vocab.has(w)).length;
      all += words.length;
    }
    expect(own / all).toBeGreaterThan(0.6);
    expect(own / all).toBeLessThan(1);
  });

  it('is deterministic for a seed', () => {
    const again = calibratePassages(index, { seed: 13, samples: 400 });
    expect(again.model.parts[0].model.weights).toEqual(cal.model.parts[0].model.weights);
  });
});

describe('passage question budget', () => {
  it('asks 2,000 questions up to 2,000 passages, then fewer as each search costs more, never under 800', () => {
    expect(passageQuestionCount(10)).toBe(2000);
    expect(passageQuestionCount(2000)).toBe(2000);
    expect(passageQuestionCount(4000)).toBe(1000);
    expect(passageQuestionCount(4000) * 4000).toBeLessThanOrEqual(2000 * 2000);
    expect(passageQuestionCount(20000)).toBe(800);
  });
});

describe('bagged passage calibrator', () => {
  const index = new PassageIndex(chunkArticles(articles));
  const probe = passageRows(index, 999_999, 400);
  const probeX = [...probe.known, ...probe.unknown].map((r) => r.x);
  const seeds = [13, 14, 15, 16, 17, 18];
  /** Mean over probe rows of the standard deviation, across seeds, of the calibrated probability. */
  const spread = (bags: number) => {
    const models = seeds.map((s) => calibratePassages(index, { seed: s, samples: 400, bags }).model.parts[0].model);
    const preds = models.map((m) => probeX.map((x) => predictLogistic(m, x)));
    let sum = 0;
    for (let i = 0; i < probeX.length; i++) {
      const v = preds.map((p) => p[i]);
      const mu = v.reduce((a, b) => a + b, 0) / v.length;
      sum += Math.sqrt(v.reduce((a, b) => a + (b - mu) ** 2, 0) / (v.length - 1));
    }
    return sum / probeX.length;
  };

  it('fits more than one independent pseudo-question set by default', () => {
    expect(PASSAGE_BAGS).toBeGreaterThan(1);
    const seen: PseudoQuestion[] = [];
    calibratePassages(index, { seed: 13, samples: 100, inspect: (q) => seen.push(q) });
    const single: PseudoQuestion[] = [];
    calibratePassages(index, { seed: 13, samples: 100, inspect: (q) => single.push(q), bags: 1 });
    expect(seen.length).toBeGreaterThan((PASSAGE_BAGS - 0.5) * single.length);
  });

  it('is deterministic for a seed', () => {
    const a = calibratePassages(index, { seed: 21, samples: 300 });
    const b = calibratePassages(index, { seed: 21, samples: 300 });
    expect(a.model.parts[0].model).toEqual(b.model.parts[0].model);
    expect(a.heldOut.map((r) => r.confidence)).toEqual(b.heldOut.map((r) => r.confidence));
  });

  it('with one bag is exactly the single fit on that seed', () => {
    const one = calibratePassages(index, { seed: 13, samples: 300, bags: 1 }).model.parts[0].model;
    const single = fitPassageSet(passageRows(index, passageBagSeed(13, 0), 300));
    for (const x of probeX.slice(0, 50)) expect(predictLogistic(one, x)).toBeCloseTo(predictLogistic(single, x), 12);
  });

  it("averages its bags in the features' own units, keeping each weight's sign", () => {
    const models = [0, 1, 2].map((b) => fitPassageSet(passageRows(index, passageBagSeed(13, b), 300)));
    const avg = averageLogistic(models);
    PASSAGE_FEATURE_SIGNS.forEach((sign, j) => expect(sign * avg.weights[j]).toBeGreaterThanOrEqual(0));
    // A linear model's logit is linear in its parameters: the average's logit is the mean logit.
    const logit = (p: number) => Math.log(p / (1 - p));
    for (const x of probeX.slice(0, 50)) {
      const mean = models.reduce((s, m) => s + logit(predictLogistic(m, x)), 0) / models.length;
      expect(logit(predictLogistic(avg, x))).toBeCloseTo(mean, 9);
    }
    expect(calibratePassages(index, { seed: 13, samples: 300, bags: 3 }).model.parts[0].model).toEqual(avg);
  });

  it('moves less from seed to seed than a single fit', () => {
    const one = spread(1);
    const bagged = spread(PASSAGE_BAGS);
    expect(one).toBeGreaterThan(0);
    // Independent bags divide the variance by about their number; ask for a clear part of that.
    expect(bagged).toBeLessThan(0.8 * one);
  });
});

describe('searching with and without the holders', () => {
  const index = new PassageIndex(chunkArticles(articles));
  it('gives exactly what two searches give', () => {
    const context = [{ text: 'refund policy card', weight: 0.5 }];
    for (const [q, ex] of [
      ['refund days card', ['refund']],
      ['parcel post office label', ['returns', 'ship']],
      ['shop opens sunday', ['nothing']],
    ] as const) {
      const exclude = new Set<string>(ex);
      const [withIt, without] = index.searchWithAndWithout(q, context, exclude);
      expect(withIt).toEqual(index.search(q, context));
      expect(without).toEqual(index.search(q, context, 5, exclude));
      expect(without.candidates.some((c) => exclude.has(c.articleId))).toBe(false);
    }
  });
});

describe('passage calibration beside a classifier', () => {
  const index = new PassageIndex(chunkArticles(articles));
  it('asks the questions of articles another route answers only as ones the passages cannot answer', () => {
    const seen: PseudoQuestion[] = [];
    const elsewhere = new Set(['refund', 'ship']);
    const all = passageRows(index, 13, 400);
    const mixed = passageRows(index, 13, 400, (q) => seen.push(q), questionKit(index, elsewhere));
    expect(mixed.unknown.length).toBe(all.unknown.length);
    const answerable = seen.filter((q) => [...q.holders].some((h) => !elsewhere.has(h))).length;
    expect(mixed.known.length).toBe(answerable);
    expect(answerable).toBeLessThan(seen.length);
    // With every article answered elsewhere, the passage route is never right.
    const none = passageRows(index, 13, 400, undefined, questionKit(index, new Set(articles.map((a) => a.id))));
    expect(none.known).toHaveLength(0);
  });

  it('leaves the articles of the other route out of both searches, as the turn does', () => {
    const elsewhere = new Set(['refund', 'returns']);
    const [withIt, without] = index.searchWithAndWithout('refund for returns', [], new Set(['hours']), 5, elsewhere);
    expect(withIt.candidates.map((c) => c.articleId)).not.toContain('refund');
    expect(withIt.candidates.map((c) => c.articleId)).not.toContain('returns');
    expect(without.candidates.map((c) => c.articleId).some((id) => elsewhere.has(id) || id === 'hours')).toBe(false);
  });

  it("puts the other route's real questions in place of the pseudo-questions drawn from its articles, at their weight", () => {
    const elsewhere = new Set(['refund', 'ship', 'pw']);
    const set = passageRows(index, 13, 400, undefined, questionKit(index, elsewhere));
    const drawn = set.unknown.filter((r) => r.elsewhere).length;
    expect(drawn).toBeGreaterThan(0);
    const real = elsewhereRows(index, ['can I get my money back on my card', 'when does my parcel arrive'], elsewhere);
    const out = withRealQuestions(set, real);
    expect(out.known).toBe(set.known);
    expect(out.unknown.filter((r) => r.elsewhere)).toHaveLength(0);
    expect(out.unknown).toHaveLength(set.unknown.length - drawn + 2);
    const share = (rows: Row[]) => rows.reduce((s, r) => s + (r.share ?? 1), 0);
    expect(share(out.unknown)).toBeCloseTo(share(set.unknown), 9);
    // Asked as the turn asks them: the other route's articles are never candidates.
    const ev = index.search('when does my parcel arrive', [], 5, elsewhere);
    expect(real[1].x).toEqual(passageFeatures(ev, false));
    expect(ev.candidates.some((c) => elsewhere.has(c.articleId))).toBe(false);
  });

  it('learns from those questions that sharing a word with a passage is no answer', () => {
    // "returns" and "shop" belong to the passage-only articles; these questions are the other
    // route's, so a calibrator that sees them must trust them less than one that does not.
    const elsewhere = new Set(['refund', 'ship', 'pw']);
    const questions = [
      'can I get a refund on returns',
      'refund for returns of a faulty item',
      'shipping to the shop address',
      'does the shop ship abroad',
      'reset my password for the shop account',
      'returns refund card',
    ];
    const rows = elsewhereRows(index, questions, elsewhere);
    const mean = (cal: ReturnType<typeof calibratePassages>) =>
      rows.reduce((s, r) => s + predictLogistic(cal.model.parts[0].model, r.x), 0) / rows.length;
    const without = calibratePassages(index, { seed: 13, samples: 400, answeredElsewhere: elsewhere });
    const withThem = calibratePassages(index, { seed: 13, samples: 400, answeredElsewhere: elsewhere, elsewhereQuestions: questions });
    expect(mean(withThem)).toBeLessThan(mean(without));
  });
});

/** A product FAQ: the product's name on every page, one topic each. */
const ACME_FAQ: Article[] = [
  ['dll', 'Where can I get a Windows DLL of acme?', 'Acme compiles to a DLL without change; see win32/DLL_FAQ.txt in the acme sources.'],
  ['java', 'Can I use acme from Java?', 'Acme ships a Java binding in the contrib folder; java.util.zip is separate.'],
  ['y2k', 'Is acme Y2K-compliant?', 'Yes: acme does not handle dates.'],
  ['licence', 'What licence does acme use?', 'Acme is released under a permissive licence, not the GPL.'],
  ['threads', 'Is acme thread-safe?', 'Acme is thread-safe as long as each stream is used by one thread at a time.'],
  ['memory', 'How much memory does acme need?', 'Deflate in acme needs about 256 KiB with the default window and memory level.'],
].map(([id, title, body]) => ({ id, title, body }));

describe('matched evidence (issue 15, item 7)', () => {
  // Every answer names the product, so "acme" alone says nothing about which one answers.
  const index = new PassageIndex(chunkArticles(ACME_FAQ));

  it('counts the specific words matched, not only their share', () => {
    const vague = index.search('is there an official python port for acme', []);
    const specific = index.search('acme thread safe stream', []);
    // The product name alone matches "perfectly" by the share measures...
    expect(vague.relScore).toBeGreaterThan(1);
    // ...but it is a word every answer holds: little evidence; several specific words are a lot.
    expect(vague.matchedMass).toBeLessThan(0.2);
    expect(specific.matchedMass).toBeGreaterThan(1);
  });

  it('is learnt from pseudo-questions as evidence that raises the confidence', () => {
    const cal = calibratePassages(index, { seed: 13, samples: 400 });
    const w = cal.model.parts[0].model.weights;
    expect(w).toHaveLength(6);
    expect(w[5]).toBeGreaterThan(0.5);
    // The question that only names the product is now rated well under one that names the topic.
    const conf = (q: string) => predictLogistic(cal.model.parts[0].model, passageFeatures(index.search(q, []), false));
    expect(conf('is there an official python port for acme')).toBeLessThan(0.5);
    expect(conf('is acme thread safe')).toBeGreaterThan(conf('is there an official python port for acme') + 0.3);
  });
});

describe('topic-only unanswerable pseudo-questions (issue 15, items 5 and 7)', () => {
  // "acme" is on every page, the rest names one topic each.
  const index = new PassageIndex(chunkArticles(ACME_FAQ));
  const kit = questionKit(index);
  const common = commonWords(index, kit.content);

  it("takes the knowledge's common words from those on most pages, never a word that names a topic", () => {
    expect(common.get('acme')).toBe(index.passages.length);
    for (const topical of ['java', 'licence', 'thread', 'memory', 'deflate']) expect(common.has(topical)).toBe(false);
  });

  it('makes words the knowledge never uses, the same for a seed', () => {
    const a = rng(5);
    const words = Array.from({ length: 50 }, () => unknownWord(index, a));
    for (const w of words) expect(index.knownWords(w)).toEqual({ words: 1, known: 0 });
    const b = rng(5);
    expect(Array.from({ length: 50 }, () => unknownWord(index, b))).toEqual(words);
  });

  it('asks about half the unanswerable questions as common words with unknown ones', () => {
    const seen: PseudoQuestion[] = [];
    passageRows(index, 13, 400, (q) => seen.push(q), kit);
    const vague = seen.flatMap((q) => (q.topicOnly ? [q.topicOnly] : []));
    expect(vague.length / seen.length).toBeGreaterThan(0.35);
    expect(vague.length / seen.length).toBeLessThan(0.65);
    for (const q of vague) {
      const words = q.split(' ');
      const unknown = words.filter((w) => index.knownWords(w).known === 0);
      expect(unknown.length).toBeGreaterThanOrEqual(1);
      expect(words.length - unknown.length).toBeGreaterThanOrEqual(1);
      for (const w of words) if (index.knownWords(w).known > 0) expect(common.has(w)).toBe(true);
    }
    // Answerable questions hold unknown words too (chatter), so an unknown word alone is no evidence.
    const chatter = seen.filter((q) => q.question.split(' ').some((w) => index.knownWords(w).known === 0));
    expect(chatter.length / seen.length).toBeGreaterThan(0.2);
  });

  it('teaches the calibrator that the product name with words the docs lack is no match, chatter or not', () => {
    const cal = calibratePassages(index, { seed: 13, samples: 400 });
    const conf = (q: string) => predictLogistic(cal.model.parts[0].model, passageFeatures(index.search(q, []), false));
    for (const q of ['how do i build acme with cmake and visual studio', 'acme on kubernetes']) expect(conf(q), q).toBeLessThan(0.3);
    // A word of the customer's own beside the specific ones costs little (0.76 without chatter in the pseudo-questions).
    expect(conf('worried: is acme thread safe with our gizmo')).toBeGreaterThan(0.85);
  });

  it('rates a question lower when a word the docs never use takes the place of its specific word', () => {
    // The shape of real unanswerable questions (issue 15, item 5): the same question with its
    // specific word ("java") swapped for one the knowledge lacks ("python") shares only the
    // product's name and filler with the FAQ. Measured with seed 13: 0.98 against 0.20.
    const cal = calibratePassages(index, { seed: 13, samples: 400 });
    const conf = (q: string) => predictLogistic(cal.model.parts[0].model, passageFeatures(index.search(q, []), false));
    expect(index.knownWords('python').known).toBe(0);
    expect(conf('is there an official java binding for acme')).toBeGreaterThan(0.9);
    expect(conf('is there an official python binding for acme')).toBeLessThan(0.3);
    // Beside the specific words the unknown word lowers the confidence, but less than in their place.
    const plain = conf('is acme thread safe');
    const beside = conf('is acme thread safe on kubernetes');
    const instead = conf('is acme kubernetes safe');
    expect(beside).toBeLessThan(plain);
    expect(instead).toBeLessThan(beside - 0.2);
  });
});
