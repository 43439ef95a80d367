// CPU per bot turn: the embedded engine built on a knowledge file answers its own example
// questions (each after a short earlier exchange, as in a live chat), and the bench prints the
// CPU milliseconds per turn and the decisions' actions. The engine's share of a bot line's cost
// (decisions/0005), measured without the server, the database or the network around it.
//
//   npx tsx bench/turn-cost.ts [--data demo/knowledge.jsonl] [--turns 5000] [--warmup 2000] [--exchanges 1]
//
// --exchanges: earlier question-and-answer pairs in each turn's history (bench/realtime.ts's
// customers keep chatting, so their turns read up to the server's context of 12 messages: 6).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/knowledge/index.ts';
import { createEngine, type BotEngine, type TurnInput } from '../src/engine/index.ts';
import type { HistoryTurn } from '../src/engine/types.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: fileURLToPath(new URL('../demo/knowledge.jsonl', import.meta.url)) },
    turns: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '2000' },
    exchanges: { type: 'string', default: '1' },
  },
});
const loaded = await loadKnowledge(values.data!);
if (loaded.errors.length > 0) throw new Error(`knowledge ${values.data}: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
const articles = loaded.articles;
const questions = articles.flatMap((a) => a.examples ?? []);
if (questions.length === 0) throw new Error(`knowledge ${values.data} has no example questions to ask`);
const engine: BotEngine = await createEngine(articles);
const policy: TurnInput['policy'] = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };

const exchanges = Number(values.exchanges);
const actions: Record<string, number> = {};
async function run(turns: number, count: boolean): Promise<void> {
  for (let i = 0; i < turns; i++) {
    // Earlier exchanges on other questions: the turn reads its history as in a live chat.
    const history: HistoryTurn[] = Array.from({ length: exchanges }, (_, k): HistoryTurn[] => {
      const j = i + 7 * (k + 1);
      const article = articles[(i + k) % articles.length]!;
      return [
        { role: 'customer', text: questions[j % questions.length]! },
        { role: 'bot', text: article.body.slice(0, 200), action: 'answer', articleIds: [article.id] },
      ];
    }).flat();
    const d = await engine.turn({ text: questions[i % questions.length]!, history, policy });
    if (count) actions[d.action] = (actions[d.action] ?? 0) + 1;
  }
}

const measured = Number(values.turns);
await run(Number(values.warmup), false);
const before = process.cpuUsage();
const started = performance.now();
await run(measured, true);
const cpu = process.cpuUsage(before);
console.log(
  JSON.stringify(
    {
      knowledge: values.data,
      articles: articles.length,
      turns: measured,
      earlier_exchanges: exchanges,
      cpu_ms_per_turn: Number(((cpu.user + cpu.system) / 1000 / measured).toFixed(3)),
      wall_ms_per_turn: Number(((performance.now() - started) / measured).toFixed(3)),
      actions,
    },
    null,
    2,
  ),
);
