import { primaryLanguage } from '../../engine/text/localized.ts';
import type { ArticleRow, ConversationRow, CustomerRow, MacroRow, MessageRow } from '../../db/schema.ts';
import { sentences } from '../brief/extract.ts';
import { rank } from './rank.ts';
import { saidAtRisk } from '../at-risk.ts';
import { renderMacro } from '../../conversations/macro-fields.ts';
import { markdownText } from '../../knowledge/markdown.ts';
import { aboutReachingPerson, withoutHumanRequest } from '../../engine/understand/index.ts';

// Agent assist: reply drafts from the knowledge and from the team's own past replies, and the
// macros that fit. Pure: the route reads the rows, this ranks and drafts. Drafts quote the
// article or the past reply; the agent edits before sending.

export interface PastReply {
  reply_id: string;
  conversation_id: string;
  team_id: string | null;
  reply: string;
  asked: string | null;
}

export interface Suggestion {
  kind: 'knowledge' | 'past_reply';
  text: string;
  score: number;
  why: string;
  article: { id: string; title: string; url: string | null } | null;
  source_conversation_id: string | null;
}

export interface MacroSuggestion {
  id: string;
  title: string;
  body: string;
  language: string | null;
  rendered: string;
  score: number;
}

export interface AssistInput {
  conversation: ConversationRow;
  customer: CustomerRow | null;
  agentName: string | null;
  messages: MessageRow[];
  articles: ArticleRow[];
  pastReplies: PastReply[];
  macros: MacroRow[];
  limit: number;
}

/**
 * What the customer is asking about: their last few messages that say something besides a
 * request for a person. The agent reading the draft is that person: "can I talk to someone, my
 * parcel never came" asks about the parcel.
 */
export function assistQuery(messages: MessageRow[]): string {
  // From the newest back, until three are found: the detector need not read a whole history.
  const said: string[] = [];
  for (let i = messages.length - 1; i >= 0 && said.length < 3; i--) {
    if (messages[i]!.author !== 'customer') continue;
    const text = withoutHumanRequest(messages[i]!.redacted_text);
    if (text.trim() !== '') said.unshift(text);
  }
  return said.join('\n');
}

/**
 * The article sentences that best answer the query, in article order (at most three), as plain
 * text: the agent sends the draft to a customer whose widget shows text, not Markdown.
 */
export function draftFromArticle(article: { body: string }, query: string): string {
  const parts = sentences(markdownText(article.body, { headings: false }));
  if (parts.length <= 3) return parts.join(' ');
  const ranked = rank(
    parts.map((text, i) => ({ text, i })),
    (p) => ({ title: '', text: p.text }),
    query,
    3,
  );
  const chosen = (ranked.length ? ranked.map((r) => r.item) : parts.slice(0, 2).map((text, i) => ({ text, i }))).sort((a, b) => a.i - b.i);
  return chosen.map((c) => c.text).join(' ');
}

/** The first `n` items that pass, in order; the test runs only until they are found. */
function firstThat<T>(items: T[], pass: (item: T) => boolean, n: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= n) break;
    if (pass(item)) out.push(item);
  }
  return out;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
const languageName = (code: string) => {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * "; it is in English, the customer writes German": a draft quoted from an article in another
 * language than the customer's, so the agent knows to answer in the customer's words.
 */
export function otherLanguage(articleLocale: string | null, customerLanguage: string | null): string {
  if (!articleLocale || !customerLanguage) return '';
  const [a, c] = [primaryLanguage(articleLocale), primaryLanguage(customerLanguage)];
  return a === c ? '' : `; it is in ${languageName(a)}, the customer writes ${languageName(c)}`;
}

/**
 * The macros the customer can read: those written in the conversation's language and those for any
 * language (`language` null). Where the team wrote none of either, all of them: a check-in in
 * another language is better than none, and the agent can put it in the customer's words.
 */
export function readableMacros(macros: MacroRow[], conversationLanguage: string | null): MacroRow[] {
  if (!conversationLanguage) return macros;
  const language = primaryLanguage(conversationLanguage);
  const readable = macros.filter((m) => m.language === null || m.language === language);
  return readable.length > 0 ? readable : macros;
}

/** The macro tag that puts a macro first for a customer at risk (docs/workspace.md). */
export const SAFETY_TAG = 'safety';

export function suggest(input: AssistInput): {
  query: string;
  replies: Suggestion[];
  macros: MacroSuggestion[];
  /** Why no article is drafted: the customer said they are at risk (the panel says so, not just "nothing"). */
  drafts_withheld: 'at_risk' | null;
} {
  const query = assistQuery(input.messages);
  // A help-centre draft would be tone-deaf to a customer at risk: to "i am terrified of my husband"
  // the best-matching page was the shop's "confirm who you are before we change your account".
  // Their past replies and macros (a safety macro) are still offered; fraud and legal keep their
  // drafts (the page on reporting fraud is what such a customer needs).
  const knowledgeDrafts = !saidAtRisk(input.messages);
  const byId = new Map(input.articles.map((a) => [a.id, a]));
  const greeting = `Hi ${input.customer?.name ?? 'there'},`;
  const replies: Suggestion[] = [];

  // 1. Knowledge: articles the bot cited (strongest evidence of fit), the intent it recorded, then
  // the best BM25 matches; never an article about reaching a person (the agent is the person).
  const cited = [
    ...new Set(
      input.messages
        .flatMap((m) => (m.author === 'bot' ? (m.citations as { articleId?: unknown }[]).map((c) => c.articleId) : []))
        .filter((id): id is string => typeof id === 'string'),
    ),
  ];
  // Ranked over every article, then read in order until enough fit: an article about reaching a person is passed over.
  const ranked =
    query && knowledgeDrafts
      ? firstThat(
          rank(input.articles, (a) => ({ title: a.title, text: `${a.body}\n${a.examples.join('\n')}` }), query, input.articles.length),
          (r) => !aboutReachingPerson(r.item),
          input.limit,
        )
      : [];
  const topScore = ranked[0]?.score ?? 1;
  const seenArticles = new Set<string>();
  // The customer's need as the bot recognised it: the articles it cited, then the intent it recorded.
  const recognised = [
    ...cited.map((id) => [byId.get(id), 'the bot cited this article'] as const),
    [input.conversation.intent ? byId.get(input.conversation.intent) : undefined, 'the intent the bot recognised'] as const,
  ].flatMap(([article, why]) => (article && knowledgeDrafts && !aboutReachingPerson(article) ? [[article, 1, why] as const] : []));
  for (const [article, score, why] of [
    ...recognised,
    ...ranked.map((r) => [r.item, r.score / topScore, 'matches what the customer asked'] as const),
  ]) {
    if (seenArticles.has(article.id)) continue;
    seenArticles.add(article.id);
    const draft = draftFromArticle(article, query);
    replies.push({
      kind: 'knowledge',
      text: `${greeting}\n\n${draft}${article.url ? `\n\nMore: ${article.url}` : ''}`,
      score: Number(score.toFixed(3)),
      why: why + otherLanguage(article.locale, input.conversation.language),
      article: { id: article.id, title: article.title, url: article.url },
      source_conversation_id: null,
    });
  }

  // 2. The team's own past replies to similar questions.
  const team = input.conversation.team_id;
  const asked = input.pastReplies.filter((p) => p.asked);
  const past = query ? rank(asked, (p) => ({ title: '', text: p.asked ?? '' }), query, input.limit * 3) : [];
  const pastTop = past[0]?.score ?? 1;
  const seenText = new Set<string>();
  for (const p of past) {
    const key = p.item.reply.trim().toLowerCase();
    if (seenText.has(key)) continue;
    seenText.add(key);
    const sameTeam = team !== null && p.item.team_id === team;
    replies.push({
      kind: 'past_reply',
      text: p.item.reply,
      score: Number(((p.score / pastTop) * (sameTeam ? 1 : 0.8)).toFixed(3)),
      why: `${sameTeam ? 'your team' : 'a colleague'} sent this to a similar question: "${p.item.asked!.slice(0, 160)}"`,
      article: null,
      source_conversation_id: p.item.conversation_id,
    });
  }

  // 3. Macros that fit (or the most recent ones when nothing is asked yet); for a customer at risk,
  // the team's safety macros first, whatever words the customer used.
  // In the customer's language where the team wrote macros in it (`readableMacros`).
  const pool = readableMacros(input.macros, input.conversation.language);
  const safety = knowledgeDrafts ? [] : pool.filter((m) => m.tags.some((t) => t.toLowerCase() === SAFETY_TAG));
  const fitting = query ? rank(pool, (m) => ({ title: m.title, text: `${m.body}\n${m.tags.join(' ')}` }), query, input.limit) : [];
  const mTop = fitting[0]?.score ?? 1;
  const mRanked = [...safety.map((item) => ({ item, score: mTop })), ...fitting.filter((r) => !safety.includes(r.item))].slice(
    0,
    Math.max(input.limit, safety.length),
  );
  const macros = mRanked.map(({ item, score }) => ({
    id: item.id,
    title: item.title,
    body: item.body,
    language: item.language,
    rendered: renderMacro(item.body, { customerName: input.customer?.name ?? null, agentName: input.agentName }),
    score: Number((score / mTop).toFixed(3)),
  }));

  const knowledge = replies.filter((r) => r.kind === 'knowledge').slice(0, input.limit);
  const fromPast = replies
    .filter((r) => r.kind === 'past_reply')
    .sort((a, b) => b.score - a.score)
    .slice(0, input.limit);
  return { query, replies: [...knowledge, ...fromPast], macros, drafts_withheld: knowledgeDrafts ? null : 'at_risk' };
}
