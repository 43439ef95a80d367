// probe: understand + scores per line
import { understand } from './src/engine/understand/index.ts';
import { encodeForSignals } from './src/engine/understand/signals/index.ts';
import { scoreSignals } from './src/engine/understand/signals/model.ts';
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const lines = process.argv.slice(2);
await encodeForSignals(lines);
for (const text of lines) {
  const u = understand({ text, history: [], policy });
  const s = scoreSignals(text); const n = scoreSignals(text, 'ngrams');
  const f = (p: Record<string, number>) => Object.entries(p).map(([k, x]) => k.slice(0, 4) + " " + x.toFixed(2)).join("  ");
  console.log(JSON.stringify(text), '| human', !!u.humanRequest, 'frustrated', !!u.frustrated, 'sensitive', u.sensitive?.kind ?? '-', '\n   mixed', f(s.probs), '\n   ngram', f(n.probs));
}
