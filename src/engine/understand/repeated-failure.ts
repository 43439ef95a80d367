// Repeated failure: the customer says the bot's last answer did not help, or asks the same
// thing again right after an answer. Needs the conversation history.
import type { HistoryTurn } from '../types.ts';
import { isStopword } from '../text/stopwords.ts';
import { tokenize } from '../text/normalize.ts';
import { stem } from '../text/stem.ts';
import { detectSocial } from './social.ts';

const NOT_HELPFUL = [
  /\b(that|this|it|you)\b.{0,15}\b(didn't|did not|doesn't|does not|don't|do not|won't)\b.{0,10}\b(help|work|answer|solve|fix)\w*/,
  /\b(not|isn't|wasn't) (what i (asked|meant|wanted|need)|helpful|useful|it|right|the answer|my question)\b/,
  /\b(wrong answer|that's wrong|that is wrong|you misunderstood|not what i|still (not|doesn't|does not|broken|can't|cannot)|already tried|i tried that|no that's not|read my question|you're not (listening|understanding)|useless answer)\b/,
  /\b(no me (ayudo|sirve|sirvio)|eso no es|ca (ne m'aide|n'aide) pas|ce n'est pas (ce que|ca)|das hilft (mir )?nicht|das ist nicht (was|richtig)|hat nicht geholfen)\b/,
];

export interface RepeatedFailure {
  kind: 'not_helpful' | 'rephrase';
  evidence: string;
}

/** The most recent bot turn, if the customer is replying to it. */
function lastBotTurn(history: HistoryTurn[]): HistoryTurn | null {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].role === 'bot') return history[i];
    if (history[i].role === 'agent') return null;
  }
  return null;
}

export function contentStems(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .filter((t) => !isStopword(t))
      .map(stem),
  );
}

/** Share of the smaller message's content words found in the other (1 = same question). */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.min(a.size, b.size);
}

/**
 * `normalized` is the current message; "rephrase" fires when the previous customer message
 * was answered and the new one asks substantially the same thing.
 */
export function detectRepeatedFailure(normalized: string, text: string, history: HistoryTurn[]): RepeatedFailure | null {
  const bot = lastBotTurn(history);
  if (!bot || bot.action !== 'answer') return null;
  for (const re of NOT_HELPFUL) {
    const m = normalized.match(re);
    if (m) return { kind: 'not_helpful', evidence: m[0] };
  }
  // A message that only disagrees ("not true", "that is not factual", "falsch") says the answer was wrong.
  if (detectSocial(normalized)?.kind === 'disagree') return { kind: 'not_helpful', evidence: normalized.trim() };
  const idx = history.lastIndexOf(bot);
  const previous = history
    .slice(0, idx)
    .reverse()
    .find((t) => t.role === 'customer');
  if (!previous) return null;
  const now = contentStems(text);
  const before = contentStems(previous.text);
  if (now.size >= 2 && overlap(now, before) >= 0.75) return { kind: 'rephrase', evidence: previous.text };
  return null;
}
