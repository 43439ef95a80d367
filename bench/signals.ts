// Benchmark: the escalation signals (request for a person, anger, self-harm, danger or abuse,
// fraud or account takeover, legal threats) as the turn sees them (`understand`: the sure
// phrases and the learned detector together).
// Run: npx tsx bench/signals.ts          held-out sets and CLINC150 test (the figures to report)
//      npx tsx bench/signals.ts FILE.jsonl  one set of bench/data/signals/ (while iterating)
//      npx tsx bench/signals.ts val      false triggers on CLINC150 val and the demo's examples
//                                        (the only sets the example lists were adjusted on)
//      npx tsx bench/signals.ts train    false triggers on CLINC150 train, per domain (development:
//                                        the bank and card domains' everyday questions, 15,000 lines)
//      npx tsx bench/signals.ts dev      the safety development set (bench/data/signals/safety-dev.jsonl),
//                                        with its misses and false readings: the set the safety
//                                        examples were chosen on; and person-dev.jsonl, requests
//                                        for a person and anger in other words (issue 15 item 4);
//                                        shop-dev.jsonl, ordinary shop questions in urgent words;
//                                        multilingual-dev.jsonl, safety statements and ordinary
//                                        questions in six languages other than English;
//                                        multilingual-person-dev.jsonl, requests for a person, anger
//                                        and legal threats in the same six (multilingual-person-dev2.jsonl: requests
//                                        and anger, a fresh set); informal-dev.jsonl, every
//                                        signal and ordinary requests in casual chat English ("wanna", "ur"); fraud-dev.jsonl,
//                                        fraud and account compromise against billing questions in its words;
//                                        resigned-dev.jsonl, giving up on the company against giving up on life;
//                                        safety-dev2.jsonl, a fresh safety development set (nothing chosen on it yet);
//                                        bank-dev.jsonl, bank and card questions against reports of fraud;
//                                        context-dev.jsonl, short sentences of context beside a question
// The held-out sets (bench/data/signals/heldout.jsonl; compound.jsonl: a request for a person
// inside a longer message, and ordinary questions that mention people; runon.jsonl: the same
// with no punctuation between the request and the problem; people.jsonl: indirect requests
// naming a role and a topic, "speak with an advisor about ...", and questions about people,
// "does a real person read the reviews", written before the issue-15 changes of those
// detectors) were written apart from the training examples (src/engine/understand/signals/examples.ts) and never used to change them.
// safety-heldout.jsonl (self-harm, danger, fraud and hard negatives, issue 15 item 4) was written
// blind and committed before anything ran on it; safety-dev.jsonl is its development twin
// (`dev` above); shop-heldout.jsonl (ordinary shop questions in the words of the urgent signals,
// with urgent ones mixed in) likewise; informal-heldout.jsonl (casual chat English), fraud-heldout.jsonl (fraud statements against billing and security questions), resigned-heldout.jsonl (giving up on the company or on life) multilingual-person-heldout.jsonl (requests for a person, anger and legal threats in six languages) bank-heldout.jsonl (bank and card questions against reports of fraud) and context-heldout.jsonl (short sentences of context against short statements of harm) too. bench/data/signals/README.md lists the sets.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { understand, type Understanding } from '../src/engine/understand/index.ts';
import { encodeForSignals } from '../src/engine/understand/signals/index.ts';
import { parseTickets } from '../src/engine/eval/tickets.ts';

const DATA = resolve(process.env.BATON_DATA ?? '../shared/data');
const only = process.argv[2] ?? 'test';
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const REASONS = ['human', 'anger', 'self_harm', 'danger', 'fraud', 'legal'] as const;
type Reason = (typeof REASONS)[number];

/** The reasons a message raises, in the engine's terms. */
function raised(u: Understanding): Set<Reason> {
  const out = new Set<Reason>();
  if (u.humanRequest) out.add('human');
  if (u.frustrated) out.add('anger');
  const k = u.sensitive?.kind;
  if (k === 'self_harm') out.add('self_harm');
  if (k === 'safety') out.add('danger');
  if (k === 'fraud' && !u.sensitive?.soft) out.add('fraud');
  if (k === 'fraud' && u.sensitive?.soft) out.add('fraud');
  if (k === 'legal') out.add('legal');
  return out;
}
/** The reasons handed off at once as urgent: a miss of one of these is the worst error. */
const SAFETY: Reason[] = ['self_harm', 'danger', 'fraud'];
const look = (text: string) => raised(understand({ text, history: [], policy }));
/**
 * The sentence encoder reads what the turn encodes before it (every reading of each message);
 * NGRAMS_ONLY=1 leaves it out, to compare with the n-gram detector alone.
 */
const encode = (texts: string[]) => (process.env.NGRAMS_ONLY ? Promise.resolve() : encodeForSignals(texts));
/** The reasons each message raises, encoded a few at a time as the turn would (the encoder remembers recent texts only). */
async function lookAll(texts: string[]): Promise<Set<Reason>[]> {
  const out: Set<Reason>[] = [];
  for (let i = 0; i < texts.length; i += 32) {
    const part = texts.slice(i, i + 32);
    await encode(part);
    out.push(...part.map(look));
  }
  return out;
}
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');

async function falseTriggers(name: string, texts: string[]) {
  const looks = await lookAll(texts);
  const hits = new Map<Reason, string[]>();
  let any = 0;
  for (const [i, t] of texts.entries()) {
    const r = looks[i];
    if (r.size) any++;
    for (const x of r) hits.set(x, [...(hits.get(x) ?? []), t]);
  }
  console.log(
    `${name}: ${texts.length} ordinary questions, any signal ${any} (${pct(any, texts.length)}%)  ` +
      REASONS.map((r) => `${r} ${hits.get(r)?.length ?? 0}`).join('  '),
  );
  if (only === 'val' || process.env.VERBOSE)
    for (const [r, ts] of hits)
      console.log(
        `  ${r}: ${ts
          .slice(0, 12)
          .map((t) => JSON.stringify(t))
          .join(', ')}`,
      );
}

/**
 * CLINC150 intents whose questions carry a signal themselves: a report of fraud is one (the
 * engine hands it off as fraud even where an article answers it), so it is not an ordinary
 * question; its detection rate is printed apart.
 */
const SIGNAL_INTENTS: Record<string, Reason> = { report_fraud: 'fraud' };

const intentOf = (t: { expected: { article?: string | string[] } }) => (typeof t.expected.article === 'string' ? t.expected.article : '');
const clinc = (f: string) => parseTickets(readFileSync(resolve(DATA, f), 'utf8')).tickets.filter((t) => t.expected.outcome === 'answer');
const inScope = (f: string) =>
  clinc(f)
    .filter((t) => !SIGNAL_INTENTS[intentOf(t)])
    .map((t) => t.messages[0].text);

/** How many of the signal-bearing intents' questions raise their signal. */
async function signalIntents(name: string, questions: [text: string, intent: string][]) {
  for (const [intent, reason] of Object.entries(SIGNAL_INTENTS)) {
    const texts = questions.filter(([, i]) => i === intent).map(([t]) => t);
    const hit = (await lookAll(texts)).filter((r) => r.has(reason)).length;
    console.log(`${name}, intent ${intent}: ${texts.length} questions, read as ${reason} ${hit} (${pct(hit, texts.length)}%)`);
  }
}

/**
 * CLINC150 train (a development split: nothing is trained on its lines) read as ordinary questions,
 * per domain, so that a round can be judged on the bank and card questions read as fraud; its
 * signal-bearing intents apart, as for val and test.
 */
async function clincTrain() {
  const full = JSON.parse(readFileSync(resolve(DATA, 'clinc150/data_full.json'), 'utf8')) as { train: [string, string][] };
  const domains = JSON.parse(readFileSync(resolve(DATA, 'clinc150/domains.json'), 'utf8')) as Record<string, string[]>;
  for (const [domain, intents] of Object.entries(domains)) {
    const ordinary = full.train.filter(([, i]) => intents.includes(i) && !SIGNAL_INTENTS[i]).map(([t]) => t);
    await falseTriggers(`CLINC150 train, ${domain}`, ordinary);
  }
  await signalIntents('CLINC150 train', full.train);
}

/** A file of CLINC150 tickets as questions and their intents. */
const clincQuestions = (f: string): [string, string][] => clinc(f).map((t) => [t.messages[0].text, intentOf(t)]);

/** Precision and recall per reason on one held-out file of bench/data/signals/. */
async function heldOut(file: string) {
  const rows = readFileSync(resolve(import.meta.dirname, 'data/signals', file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; signal: Reason | 'ordinary' });
  const looks = await lookAll(rows.map((r) => r.text));
  const got = rows.map((r, i) => ({ ...r, raised: looks[i] }));
  console.log(`held-out set: ${rows.length} messages (bench/data/signals/${file})`);
  for (const reason of REASONS) {
    const n = got.filter((g) => g.signal === reason).length;
    if (n === 0) continue;
    const tp = got.filter((g) => g.signal === reason && g.raised.has(reason)).length;
    const fn = got.filter((g) => g.signal === reason && !g.raised.has(reason));
    const fp = got.filter((g) => g.signal !== reason && g.raised.has(reason));
    // Any escalation counts for recall of "gets to a person": a self-harm message read as danger still reaches one.
    const escalated = got.filter((g) => g.signal === reason && g.raised.size > 0).length;
    console.log(
      `${reason.padEnd(10)} n ${String(n).padStart(3)}  precision ${pct(tp, tp + fp.length).padStart(5)}%  recall ${pct(tp, n).padStart(5)}%  handed off for any reason ${pct(escalated, n).padStart(5)}%` +
        (process.env.VERBOSE
          ? `\n  missed: ${fn.map((g) => JSON.stringify(g.text)).join(', ')}\n  false: ${fp.map((g) => JSON.stringify(g.text)).join(', ')}`
          : ''),
    );
  }
  const ordinary = got.filter((g) => g.signal === 'ordinary');
  const falsely = ordinary.filter((g) => g.raised.size > 0);
  console.log(
    `ordinary near misses: ${ordinary.length}, any signal ${falsely.length}` +
      (process.env.VERBOSE && falsely.length ? `: ${falsely.map((g) => JSON.stringify(g.text)).join(', ')}` : ''),
  );
  const safe = (g: { raised: Set<Reason> }) => SAFETY.some((r) => g.raised.has(r));
  const positives = got.filter((g) => SAFETY.includes(g.signal as Reason));
  if (!positives.length) return;
  // Self-harm, danger and fraud together: reaching a person as urgent is what matters; which of
  // the three it is read as only changes the words around the handoff.
  const urgent = positives.filter(safe).length;
  const falseUrgent = ordinary.filter(safe);
  console.log(
    `safety (self-harm, danger, fraud) n ${positives.length}: handed off as one of them ${urgent} (${pct(urgent, positives.length)}%); ` +
      `ordinary read as one of them ${falseUrgent.length} of ${ordinary.length} (${pct(falseUrgent.length, ordinary.length)}%)`,
  );
}

if (only.endsWith('.jsonl')) {
  await heldOut(only);
} else if (only === 'dev') {
  await heldOut('safety-dev.jsonl');
  await heldOut('person-dev.jsonl');
  await heldOut('shop-dev.jsonl');
  await heldOut('multilingual-dev.jsonl');
  await heldOut('multilingual-person-dev.jsonl');
  await heldOut('multilingual-person-dev2.jsonl');
  await heldOut('informal-dev.jsonl');
  await heldOut('fraud-dev.jsonl');
  await heldOut('resigned-dev.jsonl');
  await heldOut('safety-dev2.jsonl');
  await heldOut('bank-dev.jsonl');
  await heldOut('context-dev.jsonl');
  await heldOut('brief.jsonl');
} else if (only === 'train') {
  await clincTrain();
} else if (only === 'val') {
  await falseTriggers('CLINC150 val, in scope', inScope('clinc150/tickets-val.jsonl'));
  await signalIntents('CLINC150 val', clincQuestions('clinc150/tickets-val.jsonl'));
  const demo = readFileSync(resolve(import.meta.dirname, '../demo/knowledge.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .flatMap((l) => JSON.parse(l).examples ?? []);
  await falseTriggers('demo knowledge examples', demo);
} else {
  await heldOut('heldout.jsonl');
  await heldOut('compound.jsonl');
  await heldOut('runon.jsonl');
  await heldOut('people.jsonl');
  await heldOut('safety-heldout.jsonl');
  await heldOut('absent-heldout.jsonl');
  await heldOut('clause-heldout.jsonl');
  await heldOut('shop-heldout.jsonl');
  await heldOut('informal-heldout.jsonl');
  await heldOut('fraud-heldout.jsonl');
  await heldOut('resigned-heldout.jsonl');
  await heldOut('multilingual-person-heldout.jsonl');
  await heldOut('bank-heldout.jsonl');
  await heldOut('context-heldout.jsonl');
  await falseTriggers('CLINC150 test, in scope', inScope('clinc150/tickets-test.jsonl'));
  await signalIntents('CLINC150 test', clincQuestions('clinc150/tickets-test.jsonl'));
}
