// One bot turn: understand -> retrieve -> assess -> compose -> verify -> decide, with a trace.
import type { Article, Decision, HistoryTurn, TurnInput } from './types.ts';
import type { KnowledgeModel } from './knowledge-model.ts';
import { understand } from './understand/index.ts';
import { CLASSIFIER_FEATURES, classifierFeatures, passageFeatures } from './assess/features.ts';
import { predictCalibrator } from './assess/logistic.ts';
import { compose, narrowRepeat, composeClarify, renderAnswer } from './compose/compose.ts';
import { verify } from './verify/verify.ts';
import { decide } from './decide/decide.ts';
import { broaderThan } from './decide/broader.ts';
import { pooledBySource, sameTitle } from './assess/sources.ts';
import { detectSensitive } from './understand/sensitive.ts';
import { normalize } from './text/normalize.ts';
import { memoized } from './text/memo.ts';
import { terms } from './retrieve/bm25.ts';
import type { ContextTurn } from './retrieve/passages.ts';
import type { ClassifierOutput } from './retrieve/classifier.ts';
import type { TopicState } from './understand/follow-up.ts';
import { correctionDetail } from './understand/correction.ts';
import { joinNumbers, slotValue } from './understand/fragment.ts';
import { continuesIntent } from './understand/continues.ts';
import { detectSocial, withoutSmallTalk } from './understand/social.ts';
import { detectJunk } from './understand/junk.ts';
import { namesSupportMatter } from './text/support-domain.ts';
import { crisisReply, dangerReply, detailsReply, offerPersonReply, rephraseReply, socialReply } from './compose/replies.ts';
import { ownText } from './text/localized.ts';
import { yesOrNo } from './understand/yes-no.ts';
import { supportExpansions, type Expansions } from './text/synonyms.ts';

export interface Candidate {
  article: Article;
  confidence: number;
  route: 'classifier' | 'passages';
  score: number;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Small talk and non-questions name no topic: they are no context for what follows. Each
 * earlier line is asked again every turn, so the verdict on a customer's line is kept by its text.
 */
const customerTopical = memoized((text: string) => {
  const n = normalize(text);
  return !detectSocial(n) && !detectJunk(n);
}, 2048);

function topical(t: HistoryTurn): boolean {
  if (t.role === 'customer') return customerTopical(t.text);
  return t.role === 'agent' || t.action === undefined || t.action === 'answer' || (t.action === 'clarify' && !!t.articleIds?.length);
}

/** Earlier turns as weighted retrieval context: the latest exchange counts most. */
export function contextTurns(history: HistoryTurn[]): ContextTurn[] {
  const out: ContextTurn[] = [];
  const customerWeights = [0.5, 0.3, 0.2];
  let customers = 0;
  let replies = 0;
  for (let i = history.length - 1; i >= 0 && customers < customerWeights.length; i--) {
    const t = history[i];
    if (!topical(t)) continue;
    if (t.role === 'customer') out.push({ text: t.text, weight: customerWeights[customers++] });
    else if (replies++ === 0) out.push({ text: t.text, weight: 0.3 });
  }
  return out;
}

/** A message of at most this many content terms may lean on the question before it. */
const FRAGMENT_TERMS = 2;
/** Content terms of a message, a time or an amount ("4.5 cups?", "6:30") counted as one. */
const termCount = (text: string) => terms(joinNumbers(normalize(text))).length;

/**
 * The question a short follow-up continues: the previous customer message, and when that was a
 * short follow-up too ("what about apple pay?" after "can I pay with paypal?"), the ones before it
 * back to the question that named the topic, so "and klarna?" reads the whole chain.
 */
function previousCustomerText(history: HistoryTurn[]): string | null {
  const chain: string[] = [];
  for (let i = history.length - 1; i >= 0 && chain.length < 3; i--) {
    if (history[i].role !== 'customer' || !topical(history[i])) continue;
    chain.unshift(history[i].text);
    if (termCount(history[i].text) > FRAGMENT_TERMS) break;
  }
  return chain.length ? chain.join(' ') : null;
}

/**
 * The support-vocabulary expansions the message adds to the question before it (`before`): a
 * follow-up says the rest of a phrase the question started ("and to germany?" after a shipping
 * question: a country in a delivery question reads as abroad); what the earlier lines expanded to
 * alone is theirs.
 */
function addedExpansions(before: string | null, text: string, km: KnowledgeModel): string[] {
  const expand = (t: string) => supportExpansions(normalize(t), (w) => km.speller.knows(w)).words;
  if (!before) return [...expand(text).keys()];
  const had = expand(before);
  return [...expand(`${before} ${text}`).keys()].filter((w) => !had.has(w));
}

/**
 * When a short message may read the previous question's words into the classifier: a message
 * that answers a clarifying question always may; one that opens like a continuation, a pointer or a
 * fragment only when its own words do not speak against the previous intent (`continuesIntent`),
 * and a fragment only when it is not sure of an intent alone. A slot value has no predicate of its
 * own: its words name a value, whichever request they would vote for alone ("with my visa?" after
 * a bill payment: alone a travel visa's, over 400 to 1), so they do not weigh against the joined
 * reading. A prepositional phrase ("in euros?", "by bus?") cannot be a request by itself: it takes
 * the joined reading whenever that is the surer one. A number or a noun phrase ("a whole chicken?")
 * may name a request outright ("the weather in tokyo?"), so one sure alone stays alone. A
 * correction ("dad instead", "actually 6:30") is a fragment whose classifier reads its detail
 * only, alone and joined: its marker is dialogue, and alone "instead" is a vote for ingredient
 * substitution; a detail that is a slot value ("actually by bus") is weighed as one.
 */
type Borrow =
  | { mode: 'always' | 'never' }
  | {
      mode: 'if-continues';
      unlessSure?: number;
      detail?: string;
      /** Whether the message's own words may refuse the joined reading (`continuesIntent`); not a slot value's. */
      ownWordsCount: boolean;
    };
function borrowFor(cue: TopicState['cue'], threshold: number, text: string): Borrow {
  const forSlot = (slot: ReturnType<typeof slotValue>, detail?: string): Borrow | null =>
    slot && { mode: 'if-continues', unlessSure: slot === 'phrase' ? undefined : threshold, detail, ownWordsCount: false };
  const fragment: Borrow = { mode: 'if-continues', unlessSure: threshold, ownWordsCount: true };
  if (cue === 'fragment') return fragment;
  // The text read may be spelled out differently from the message the cue was given on: a fragment then.
  if (cue === 'slot') return forSlot(slotValue(normalize(text))) ?? fragment;
  if (cue === 'correction') {
    const detail = correctionDetail(text) ?? text;
    return forSlot(slotValue(normalize(detail)), detail) ?? { ...fragment, detail };
  }
  // An opener ("also, do you ship to canada?") may introduce a request of its own: its words may refuse.
  if (cue === 'pointer' || cue === 'opener') return { mode: 'if-continues', ownWordsCount: true };
  return { mode: cue === 'first' || cue === 'own' ? 'never' : 'always' };
}

/**
 * A pointer or a fragment with two words or more, none of which the knowledge uses ("please roll
 * that dice", "what is it at, the ac temperature" after an answer), has nothing there to continue:
 * read with the earlier question, whose words outweigh its own, it came back with that question's
 * article, sure of it. Alone it is off-topic. One unknown word is often the detail a continuation
 * adds ("klarna?", "can I get it sooner?", "the one from your newsletter"), and an opener, a slot
 * value or a correction keeps its continuation ("and for germany?", "by bus?").
 */
const UNKNOWN_WORDS_OF_ITS_OWN = 2;
function ownTopic(state: TopicState): TopicState {
  if (state.cue !== 'pointer' && state.cue !== 'fragment') return state;
  return { followUp: false, cue: 'own', why: `${state.why}, in words the knowledge never uses` };
}

/**
 * A message of its own is answered as if asked alone, unless it and the earlier topic are about
 * the same article: the reading with the earlier topic is taken when it is surer, the message
 * alone ranks its article within MESSAGE_SUPPORT of its best match (it is the message's answer,
 * or nearly) and the earlier turns alone within EARLIER_SUPPORT of theirs (it is among what the
 * conversation was about). The earlier topic may then settle what the message leaves open ("what
 * supplies should I bring?" after river tubing) or confirm its answer; it may not bring in an
 * article the message itself hardly points at, which is how an earlier question on another
 * topic won ("how do I limit each client IP?" after one on versioned routes got the routes page
 * at 0.98; alone it is handed off), nor raise the confidence of the message's answer when the
 * conversation was about something else (the passage calibrator learned its context feature from
 * conversations that stay on their topic). Chosen on the development halves: the message's own
 * support was 0.86-1.0 where the earlier topic's reading was right and the message's alone wrong
 * (docs-govt), 0.50-0.76 where an earlier topic of another article took over (fastify-docs);
 * unrelated earlier turns gave the message's answer at most 0.45 of their best, related ones 0.53
 * and more.
 */
const MESSAGE_SUPPORT = 0.8;
const EARLIER_SUPPORT = 0.5;

/** Candidates from both routes, each with its calibrated confidence, best first. */
function candidates(
  km: KnowledgeModel,
  text: string,
  /** Words of the support vocabulary the knowledge does not use, read as those it does ("voucher": "coupon"). */
  extra: Expansions,
  history: HistoryTurn[],
  trace: Record<string, unknown>,
  /**
   * Whether a short message may borrow the previous question's words: a continuation may, a
   * message of its own may not, and a fragment only when it is not sure of an intent alone.
   */
  borrow: Borrow,
  /** Classes read without (a request for a person is not about the page on reaching one). */
  exclude?: ReadonlySet<number>,
): Candidate[] {
  const out: Candidate[] = [];
  if (extra.words.size) trace.expansions = Object.fromEntries(extra.of);
  if (km.classifier && km.classifierCalibration) {
    // What the classifier reads of the message: a correction's detail, otherwise all of it.
    const read = (borrow.mode === 'if-continues' && borrow.detail) || text;
    let cls = km.classifier.classify(read, 5, extra.words.size ? extra.words : undefined, exclude);
    let used = read;
    // A short follow-up ("and for kids?") borrows the previous question's words; a fragment that
    // names an intent of its own ("shopping list", "tell me the forecast") does not: joined, the
    // previous question's words outweigh it (CLINC150 val after another topic: 32 fragments, 11
    // right alone, none right joined).
    const prev = previousCustomerText(history);
    const model = km.classifierCalibration.model;
    const sureAlone = (bar: number) => predictCalibrator(model, features(km, cls, read)) >= bar;
    const mayBorrow = () =>
      borrow.mode === 'always' || (borrow.mode === 'if-continues' && (borrow.unlessSure === undefined || !sureAlone(borrow.unlessSure)));
    if (prev && termCount(read) <= FRAGMENT_TERMS && mayBorrow()) {
      const joined = km.classifier.classify(`${prev} ${read}`, 5, undefined, exclude);
      const top = joined.top[0];
      // "cancel it" after "pay a bill!" read joined is pay_bill, though its own words are more than 100 to 1 for cancel.
      const weighOwnWords = borrow.mode === 'if-continues' && borrow.ownWordsCount;
      const continues = !weighOwnWords || !top || continuesIntent(cls.probs, top.index);
      if (!continues) trace.borrow = { joined: km.classArticles[top.index].id, taken: false, why: 'its own words speak against it' };
      else if ((top?.prob ?? 0) > (cls.top[0]?.prob ?? 0)) [cls, used] = [joined, `${prev} ${read}`];
    }
    const x = features(km, cls, used);
    const conf = predictCalibrator(km.classifierCalibration.model, x);
    const p1 = cls.top[0]?.prob ?? 0;
    cls.top.forEach((c, i) => {
      // The runner-ups' confidence scales with their share of probability.
      const confidence = i === 0 ? conf : conf * (c.prob / Math.max(p1, 1e-9));
      out.push({ article: km.classArticles[c.index], confidence, route: 'classifier', score: c.prob });
    });
    trace.classifier = {
      features: x.map(round),
      top: cls.top.map((c) => ({ id: km.classArticles[c.index].id, prob: round(c.prob) })),
    };
  }
  const context = contextTurns(history);
  // Articles with example questions are the classifier's: passages speak for the others only
  // (their confidence is calibrated on different evidence and must not outbid it).
  const ev = km.passages.search(text, context, 5, km.classifier ? km.classifierIds : undefined, extra.words.size ? extra : undefined);
  const px = passageFeatures(ev, context.length > 0);
  const pconf = predictCalibrator(km.passageCalibration.model, px);
  const top = ev.candidates[0]?.score ?? 1;
  ev.candidates.forEach((c, i) => {
    const article = km.byId.get(c.articleId);
    if (!article) return;
    const confidence = i === 0 ? pconf : pconf * Math.min(1, (c.score / top) ** 4);
    out.push({ article, confidence, route: 'passages', score: c.score });
  });
  trace.passages = {
    features: px.map(round),
    answerType: ev.answerType,
    top: ev.candidates.map((c) => ({ id: c.articleId, passage: c.passage.id, score: round(c.score) })),
  };
  // Each article once, at its best confidence.
  const best = new Map<string, Candidate>();
  for (const c of out) if (!best.has(c.article.id) || best.get(c.article.id)!.confidence < c.confidence) best.set(c.article.id, c);
  return [...best.values()].sort((a, b) => b.confidence - a.confidence);
}

/**
 * The classifier's features of what it read: with the encoder's nearest example of the top
 * article where the knowledge is encoded; a text the engine did not encode before the turn reads
 * the calibration's mean there (and is noted, so `EmbeddedEngine.decide` encodes it and asks again).
 */
function features(km: KnowledgeModel, cls: ClassifierOutput, text: string): number[] {
  const top = cls.top[0]?.index;
  const enc = km.encodedExamples && top !== undefined ? km.encodedExamples.nearestTo(text, top) : undefined;
  const encoderSim = km.encodedExamples ? (enc ?? km.classifierCalibration?.means?.[ENCODER_SIM] ?? 0) : 0;
  return classifierFeatures(cls, normalize(text).split(/\s+/).length, encoderSim);
}

const ENCODER_SIM = CLASSIFIER_FEATURES.indexOf('encoderSim');

export function runTurn(km: KnowledgeModel, input: TurnInput): Decision {
  const trace: Record<string, unknown> = {};
  const u = understand({
    text: input.text,
    history: input.history,
    policy: input.policy,
    defaultLanguage: km.defaultLanguage,
    locale: input.locale,
    knowledgeLanguages: km.languages,
    topicWord: (t) => km.passages.topicWord(t),
    knownWord: (t) => km.passages.knows(t),
  });
  // A sure request for a person hands off whatever the topic; the topic (the intent the brief
  // records) is read from the rest of the message, not from the request's words ("can i talk
  // to someone my order never came": "my order never came").
  // Retrieval reads the message with its typos read as the knowledge's words ("pasword").
  // A greeting before the question or thanks after it are no evidence for any article.
  const asked = u.besidesRequest && !u.softSignal ? u.besidesRequest : input.text;
  const spelled = km.speller.correctText(u.social ? asked : withoutSmallTalk(asked, (w) => km.speller.knows(w), km.smallTalkAnswered));
  const topicText = spelled.text;
  const known = km.passages.knownWords(topicText);
  // Read once for the turn: the off-topic check and every retrieval of the same text use it.
  const normalizedTopic = normalize(topicText);
  const extra = supportExpansions(normalizedTopic, (w) => km.speller.knows(w));
  // A word of the support vocabulary whose synonym the knowledge uses is not off-topic ("customer service");
  // nor is a support matter the knowledge does not cover, nor a line in a language it is not written in
  // (its words are unknown for that reason): a person takes those.
  const offTopic =
    known.words > 0 &&
    known.known === 0 &&
    extra.words.size === 0 &&
    km.languages.includes(u.language) &&
    !namesSupportMatter(normalizedTopic);
  const topic = offTopic && known.words >= UNKNOWN_WORDS_OF_ITS_OWN ? ownTopic(u.topic) : u.topic;
  // A message that continues the last topic reads the earlier turns; small talk never does
  // ("thanks!" after an answer is not that question again).
  const retrievalHistory = topic.followUp && !u.social && !u.junk ? input.history : [];
  trace.signals = {
    language: u.language,
    humanRequest: u.humanRequest,
    sentiment: round(u.sentiment),
    frustrated: u.frustrated,
    sentimentCues: u.sentimentCues,
    sensitive: u.sensitive,
    repeatedFailure: u.repeatedFailure,
    policyTopic: u.policyTopic,
    social: u.social,
    junk: u.junk ?? (offTopic ? 'off_topic' : null),
    opener: u.opener,
    followUp: topic.followUp,
    topic: topic.why,
    detector: u.signal,
    softSignal: u.softSignal,
  };
  if (spelled.corrections.length) trace.spelling = spelled.corrections;
  const threshold = input.policy.confidenceThreshold ?? km.defaultThreshold;
  // A request for a person is handed off whatever it reads as; what the brief records is what
  // it is about, not the page on reaching a person ("can I talk to someone about a refund").
  const exclude = u.humanRequest && !u.softSignal ? km.personClasses : undefined;
  let cands = candidates(km, topicText, extra, retrievalHistory, trace, borrowFor(topic.cue, threshold, topicText), exclude);
  // A message of its own may still lean on the topic without pointing back at it ("what
  // should I bring?" after a question on tubing): see MESSAGE_SUPPORT.
  const context = contextTurns(input.history);
  if (!topic.followUp && !u.social && !u.junk && context.length > 0) {
    const withContext: Record<string, unknown> = {};
    // The earlier topic as context only: the classifier does not read the previous question's
    // words into a message judged to be of its own (a short new question read with them was
    // the old intent: CLINC150 test after an exchange on another topic, precision 0.927 → 0.967).
    const leaning = candidates(km, topicText, extra, input.history, withContext, { mode: 'never' }, exclude);
    const top = pooledBySource(leaning, km.sourceOf)[0];
    trace.reading = 'alone';
    // Passages are the only route the earlier topic changes (the classifier reads the message alone).
    if (top && top.best.route === 'passages' && top.confidence > (pooledBySource(cands, km.sourceOf)[0]?.confidence ?? 0)) {
      const id = top.best.article.id;
      const exclude = km.classifier ? km.classifierIds : undefined;
      const message = km.passages.support(topicText, [], id, exclude, extra);
      const earlier = message >= MESSAGE_SUPPORT ? km.passages.support('', context, id, exclude) : 0;
      trace.sameTopic = { article: id, message: round(message), earlier: round(earlier) };
      if (earlier >= EARLIER_SUPPORT) {
        cands = leaning;
        Object.assign(trace, withContext);
        trace.reading = 'with the earlier topic (surer, and both are about its article)';
      }
    }
  }
  // The decision is about sources (pages), not chunks: the best source at its pooled
  // confidence, and for a clarifying question the best *other* source.
  const sources = pooledBySource(cands, km.sourceOf);
  const best = sources[0] ? { ...sources[0].best, confidence: sources[0].confidence } : undefined;
  // A choice is offered only between titles the customer can tell apart (articles of a
  // collection's label share one: `sourcesOf`).
  const choices = sources.filter((s, i) => sources.findIndex((o) => sameTitle(o.best.article, s.best.article)) === i);
  const second = choices[1] ? { ...choices[1].best, confidence: choices[1].confidence } : undefined;
  trace.candidates = cands.slice(0, 5).map((c) => ({ id: c.article.id, route: c.route, confidence: round(c.confidence) }));
  if (sources[0] && sources[0].members.length > 1)
    trace.source = { members: sources[0].members.map((c) => c.article.id), confidence: round(sources[0].confidence) };

  const lastBot = [...input.history].reverse().find((t) => t.role === 'bot');
  let draft = null;
  let verified = false;
  if (best) {
    const passage = km.passages.bestPassageOf(best.article.id, topicText);
    if (passage) {
      draft = compose(best.article, passage, input.text, u.language);
      // The same article again ("and to germany?"): the part the new message asks about, not what
      // the conversation was already told from it.
      if (lastBot?.action === 'answer' && lastBot.articleIds?.includes(best.article.id)) {
        const told = input.history.filter((t) => t.role === 'bot' && t.action === 'answer' && t.articleIds?.includes(best.article.id));
        const earlier = previousCustomerText(input.history);
        draft.parts = narrowRepeat(draft.parts, told.map((t) => t.text).join('\n'), {
          text: topicText,
          earlier,
          extra: addedExpansions(earlier, topicText, km),
        });
      }
      const v = verify(draft.parts, draft.citations);
      draft.parts = v.parts;
      verified = v.ok;
      if (v.dropped.length) trace.verifierDropped = v.dropped;
    }
  }
  const intentIds = new Set(input.policy.alwaysHumanIntents);
  const alwaysHuman = !!best && (intentIds.has(best.article.id) || (best.article.tags ?? []).some((t) => intentIds.has(t)));
  const sensitiveCovered =
    !!best &&
    !!u.sensitive &&
    detectSensitive(normalize(`${best.article.title} ${(best.article.examples ?? []).join(' ')}`))?.kind === u.sensitive.kind;
  const broader = broaderThan(
    topicText,
    choices.map((s) => ({ article: s.best.article, confidence: s.confidence })),
  );
  const writtenFor = !!best && best.route === 'classifier' && best.confidence >= threshold;
  const d = decide({
    understanding: u,
    confidence: best?.confidence ?? 0,
    threshold,
    runnerUpConfidence: second?.confidence ?? 0,
    verified,
    alwaysHumanIntent: alwaysHuman && (best?.confidence ?? 0) >= threshold / 2,
    sensitiveCovered: sensitiveCovered && (best?.confidence ?? 0) >= threshold,
    clarifiedBefore: lastBot?.action === 'clarify',
    lastClarify: lastBot?.action === 'clarify' ? (lastBot.clarify ?? null) : null,
    acceptsOffer: lastBot?.clarify === 'offer_person' && yesOrNo(input.text) === 'yes',
    // Small talk or a non-question that an article was written for (its examples: a
    // "greeting" intent) is answered like any question.
    writtenFor,
    asksForPersonArticle: writtenFor && km.personArticles.has(best.article.id),
    offTopic,
    broaderOptions: broader.length,
  });
  // `blocking`: reasons that hand off whatever the threshold (lets `baton eval` re-score a run).
  const blocking = d.reasons.filter((r) => r !== 'low_confidence');
  trace.decision = {
    action: d.action,
    reasons: d.reasons,
    blocking,
    ...(d.urgent ? { urgent: true } : {}),
    ...(d.clarify ? { clarify: d.clarify } : {}),
    verified,
    threshold: round(threshold),
    confidence: round(best?.confidence ?? 0),
    article: best?.article.id ?? null,
  };

  // An intent is recorded only when credible: below half the threshold (the bar at which an
  // always-human intent or a playbook acts on it) the top article is more often wrong than
  // right, and a wrong label misleads the brief, the inbox and analytics more than none.
  // A customer at risk (self-harm, danger) is routed by the intent: there only an article the bot
  // would answer with counts ("i am terrified of my husband, he took my card" went to Billing as
  // Gift cards at 0.52).
  const atRisk = d.urgent && (u.sensitive?.kind === 'self_harm' || u.sensitive?.kind === 'safety');
  const credible = !!best && (d.action === 'answer' || best.confidence >= (atRisk ? threshold : threshold / 2));
  const intent = best && credible ? { id: best.article.id, title: best.article.title, confidence: round(best.confidence) } : null;
  const base = { confidence: round(best?.confidence ?? 0), threshold, language: u.language, intent, sentiment: round(u.sentiment), trace };
  if (d.action === 'answer' && draft) {
    return { ...base, action: 'answer', text: renderAnswer(draft.parts, draft.citations), citations: draft.citations, reasons: [] };
  }
  if (d.action === 'social' && u.social) {
    return {
      ...base,
      intent: null,
      action: 'social',
      text: socialReply(u.social.kind, u.language, km.suggestions),
      citations: [],
      reasons: [],
    };
  }
  if (d.action === 'clarify' && d.clarify === 'details') {
    return { ...base, intent: null, action: 'clarify', text: detailsReply(u.language), citations: [], reasons: [] };
  }
  if (d.action === 'clarify' && d.clarify === 'offer_person') {
    return { ...base, intent: null, action: 'clarify', text: offerPersonReply(u.language), citations: [], reasons: [] };
  }
  if (d.action === 'clarify' && d.clarify === 'rephrase') {
    return {
      ...base,
      intent: null,
      action: 'clarify',
      text: rephraseReply(u.language, km.suggestions, u.junk ? 'unclear' : 'off_topic'),
      citations: [],
      reasons: [],
    };
  }
  if (d.action === 'clarify' && best && second) {
    const options = broader.length >= 2 ? broader : [best.article, second.article];
    return {
      ...base,
      action: 'clarify',
      text: composeClarify(options, u.language),
      citations: [],
      reasons: [],
      options: options.map((a) => ({ articleId: a.id, title: a.title })),
    };
  }
  // Someone at risk of self-harm reads crisis resources while a person is brought in; a message
  // of danger (abuse, threats) the emergency number.
  const kind = d.urgent ? u.sensitive?.kind : undefined;
  const own = kind === 'self_harm' ? input.policy.crisisMessage : kind === 'safety' ? input.policy.dangerMessage : null;
  const crisis = own
    ? ownText(own, u.language)
    : kind === 'self_harm'
      ? crisisReply(u.language)
      : kind === 'safety'
        ? dangerReply(u.language)
        : '';
  return {
    ...base,
    ...(d.urgent ? { urgent: true } : {}),
    action: 'handoff',
    text: crisis,
    citations: [],
    reasons: d.reasons.length ? d.reasons : ['low_confidence'],
  };
}
