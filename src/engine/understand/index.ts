// Stage 1, understand: what the message asks for besides its topic. Pure; of the knowledge it sees only which words name a topic.
import type { HistoryTurn, EnginePolicy } from '../types.ts';
import { normalize, words } from '../text/normalize.ts';
import { decideLanguage } from './language.ts';
import { detectHumanRequest } from './human-request.ts';
import { analyseSentiment } from './sentiment.ts';
import { detectSensitive, type SensitiveHit, type SensitiveKind } from './sensitive.ts';
import { detectRepeatedFailure, type RepeatedFailure } from './repeated-failure.ts';
import { matchPolicyTopic } from './policy-topics.ts';
import { detectSocial, type SocialHit } from './social.ts';
import { detectJunk, type JunkKind } from './junk.ts';
import { isOpener } from './opener.ts';
import { afterOpener, topicState, type KnownWord, type TopicState, type TopicWord } from './follow-up.ts';
import { slotValue } from './fragment.ts';
import {
  findHumanRequest,
  findSignal,
  HIT_CHARS,
  plainText,
  requestClauses,
  URGENT_SIGNALS,
  type Signal,
  type SignalHit,
} from './signals/index.ts';

export interface UnderstandInput {
  text: string;
  history: HistoryTurn[];
  policy: EnginePolicy;
  /** Language to assume for short messages (the knowledge's main locale). */
  defaultLanguage?: string;
  /** The widget's (conversation's) locale, a prior for the language. */
  locale?: string | null;
  /** Languages the knowledge is written in, most used first. */
  knowledgeLanguages?: string[];
  /** Which words name a topic of the knowledge (a pronoun after one has a referent in the message). */
  topicWord?: TopicWord;
  /** Which words the knowledge uses at all (several before a pronoun give it a referent in the message). */
  knownWord?: KnownWord;
}

export interface Understanding {
  language: string;
  normalized: string;
  tokens: string[];
  humanRequest: string | null;
  /**
   * The message without the clause that asked for a person, when that is only part of it
   * ("can i talk to someone my order never came": "my order never came"): what the message is
   * about, for the intent the brief records. Null when no clause asked, or nothing else is left.
   */
  besidesRequest: string | null;
  sentiment: number;
  frustrated: boolean;
  sentimentCues: string[];
  sensitive: SensitiveHit | null;
  repeatedFailure: RepeatedFailure | null;
  policyTopic: string | null;
  /** Only a greeting, thanks, goodbye or "ok". */
  social: SocialHit | null;
  /** Not a question at all (empty, repeated character, arithmetic, keyboard mash). */
  junk: JunkKind | null;
  /** A need announced but not said ("I have a question about my order"): `opener.ts`. */
  opener: boolean;
  /** Whether the message continues the last topic (only then are earlier turns read). */
  topic: TopicState;
  /** What the learned escalation detector found, if anything. */
  signal: SignalHit | null;
  /**
   * The request for a person or the anger was read by the detector alone, and not surely
   * (below SURE_SIGNAL): it gives way to an article written for this very message.
   */
  softSignal: boolean;
}

/**
 * Above this the detector's reading of a request for a person or of anger stands against any
 * answer; below it (and with no sure phrase) an article whose examples match the message
 * wins. Chosen on CLINC150 val (false readings on its in-scope questions: 16 at 0.5, 3 at
 * 0.8), never on the held-out sets.
 */
export const SURE_SIGNAL = 0.8;

const SENSITIVE_OF: Partial<Record<Signal, SensitiveKind>> = { self_harm: 'self_harm', danger: 'safety', fraud: 'fraud', legal: 'legal' };

/**
 * The sure phrases first, the learned detector for the rest. A fraud report the phrases
 * recognise ("a charge I did not make") stays soft (answered when an article was written for
 * it); account takeover, identity theft or a scam the detector finds goes to a person.
 */
function sensitiveOf(normalized: string, signal: SignalHit | null): SensitiveHit | null {
  const phrase = detectSensitive(normalized);
  const kind = signal ? SENSITIVE_OF[signal.kind] : undefined;
  if (phrase && (!phrase.soft || !kind || kind === phrase.kind)) return phrase;
  if (kind && signal) return { kind, phrase: signal.text, soft: false };
  return phrase;
}

/** Which of the message's clauses asked for a person (found by phrase or by the detector); -1 when none can be told. */
function askingClause(parts: string[], phrase: string | null, clause: string | null): number {
  return parts.findIndex((p) => (phrase ? normalize(p).includes(phrase) : plainText(p).slice(0, HIT_CHARS) === clause));
}

/** The clauses other than the one that asked, as one text; null when they hold no words. */
function others(parts: string[], asking: number): string | null {
  const rest = parts.filter((_, i) => i !== asking).join('. ');
  return words(normalize(rest)).length > 0 ? rest : null;
}

/** The clauses of the message other than the one that asked for a person (found by phrase or by the detector). */
function besides(text: string, phrase: string | null, clause: string | null): string | null {
  const parts = requestClauses(text);
  const asking = askingClause(parts, phrase, clause);
  if (asking < 0 || parts.length < 2) return null;
  return others(parts, asking);
}

/** A sure request for a person: a phrase, or the detector at SURE_SIGNAL (an unsure reading is no request here). */
function sureRequest(text: string): { phrase: string | null; clause: string | null } | null {
  const phrase = detectHumanRequest(normalize(text));
  if (phrase) return { phrase, clause: null };
  const asked = findHumanRequest(text);
  return asked && asked.prob >= SURE_SIGNAL ? { phrase: null, clause: asked.text } : null;
}

/** Whether the text surely asks for a person ("Talk to a person", "can I speak to someone?"). */
export const asksForPerson = (text: string): boolean => sureRequest(text) !== null;

/**
 * An article whose subject is reaching a person ("Talk to a person", its example questions
 * requests for one): a request for a person is not about it, and an agent needs no draft from it.
 */
export function aboutReachingPerson(article: { title: string; examples?: readonly string[] }): boolean {
  if (asksForPerson(article.title)) return true;
  const examples = article.examples ?? [];
  const asking = examples.filter(asksForPerson).length;
  return asking > 0 && asking * 2 >= examples.length;
}

/**
 * The message without its sure request for a person: what the customer needs besides it
 * ("my order never came" of "can i talk to someone my order never came"), '' when the request
 * is all it says, the message whole when the asking clause cannot be told apart.
 */
export function withoutHumanRequest(text: string): string {
  const asked = sureRequest(text);
  if (!asked) return text;
  const parts = requestClauses(text);
  const asking = askingClause(parts, asked.phrase, asked.clause);
  return asking < 0 ? text : (others(parts, asking) ?? '');
}

/** A slot value, alone or after an opener ("and 17?"): a detail with no predicate of its own (`fragment.ts`). */
function isDetail(normalized: string): boolean {
  const rest = afterOpener(normalized);
  return slotValue(normalized) !== null || (!!rest && slotValue(rest) !== null);
}

export function understand(input: UnderstandInput): Understanding {
  const normalized = normalize(input.text);
  const tokens = words(normalized);
  const mood = analyseSentiment(input.text, normalized, tokens);
  const listed = detectSocial(normalized);
  const junk = listed ? null : detectJunk(normalized);
  const topic = topicState(input.text, input.history, input.topicWord, input.knownWord);
  // A detail of the previous request ("my husband's?", "and 17?", "by bus?") has no predicate: it
  // states no harm, threat or anger, and has too few words for the detector to read (it read
  // "my husband's?" after a question on a credit limit as danger, 0.55). The sure phrases still apply.
  const detail = topic.followUp && isDetail(normalized);
  const detected = (listed && !listed.courteous) || junk || detail ? null : findSignal(input.text);
  // Thanks or a goodbye in more words than the phrases may say more: "goodbye, and thank you for
  // everything" is how some say farewell to life, so a signal read in it outranks the small talk,
  // unless it is an unsure request or anger ("merci pour votre patience": anger 0.61).
  const outranks = !!detected && (URGENT_SIGNALS.has(detected.kind) || detected.prob >= SURE_SIGNAL);
  const social = listed?.courteous && outranks ? null : listed;
  const signal = social ? null : detected;
  // "Am I talking to a real person?" asks who answers; it is not a request for one.
  const phraseHuman = social?.kind === 'identity' ? null : detectHumanRequest(normalized);
  // A request for a person is looked for in every clause, whatever else the message carries
  // ("I'm furious, get me a manager" is anger and a request).
  const asked = phraseHuman || social || junk ? null : findHumanRequest(input.text);
  const humanRequest = phraseHuman ?? asked?.text ?? null;
  const angry = signal?.kind === 'anger';
  // Soft: every reading of a request or of anger is the detector's alone and unsure.
  const unsureAsk = !!asked && asked.prob < SURE_SIGNAL;
  const unsureAnger = angry && !mood.frustrated && signal.prob < SURE_SIGNAL;
  const softSignal = (unsureAsk || unsureAnger) && (!humanRequest || unsureAsk) && (!angry || unsureAnger);
  const previous = input.history.filter((t) => t.role === 'customer').map((t) => t.text);
  return {
    // Small talk in words several languages share ("no", "ok", "hi") is no evidence of a
    // language: the conversation, the locale and the knowledge decide ("no" read as Spanish).
    language:
      social?.language ??
      decideLanguage(social ? '' : input.text, {
        previous,
        locale: input.locale,
        knowledge: input.knowledgeLanguages ?? [input.defaultLanguage ?? 'en'],
      }),
    normalized,
    tokens,
    humanRequest,
    besidesRequest: humanRequest ? besides(input.text, phraseHuman, asked?.text ?? null) : null,
    sentiment: angry ? Math.min(mood.score, -0.6) : mood.score,
    frustrated: mood.frustrated || angry,
    sentimentCues: angry ? [...mood.cues, `detector: ${signal.text}`] : mood.cues,
    sensitive: sensitiveOf(normalized, signal),
    repeatedFailure: detectRepeatedFailure(normalized, input.text, input.history),
    policyTopic: matchPolicyTopic(normalized, input.policy.alwaysHumanTopics),
    social,
    junk,
    opener: !social && !junk && isOpener(normalized),
    topic,
    signal,
    softSignal,
  };
}
