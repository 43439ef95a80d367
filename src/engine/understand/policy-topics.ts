// Always-human topics from the workspace policy: free-text keywords or phrases, matched on
// word boundaries after normalisation so "Refunds" in a policy matches "refund" in a message.
import { normalize, words } from '../text/normalize.ts';
import { stem } from '../text/stem.ts';

export function matchPolicyTopic(normalizedText: string, topics: string[]): string | null {
  const msg = ` ${words(normalizedText).map(stem).join(' ')} `;
  for (const topic of topics) {
    const t = words(normalize(topic)).map(stem).join(' ');
    if (t && msg.includes(` ${t} `)) return topic;
  }
  return null;
}
