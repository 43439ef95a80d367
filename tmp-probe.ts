import { buildEngine } from './src/engine/index.ts';
import { loadKnowledge } from './src/knowledge/index.ts';
const { articles } = await loadKnowledge('demo/knowledge.jsonl');
const e = await buildEngine(articles);
const policy = { confidenceThreshold: e.defaultThreshold(), alwaysHumanIntents: [], alwaysHumanTopics: [] } as any;
for (const text of process.argv.slice(2)) {
  const d = e.turnSync({ text, history: [], policy });
  console.log(JSON.stringify(text), '->', d.action, d.reasons.join(','), d.intent?.id ?? '', d.confidence.toFixed(2), '|', d.text.slice(0, 110).replace(/\n/g, ' '));
}
