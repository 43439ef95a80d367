// The engine thread: builds workspaces' knowledge models and takes the bot's turns, so neither
// (seconds of training, a millisecond of scoring per line) holds up the server's event loop.
import { parentPort } from 'node:worker_threads';
import { buildKnowledgeAsync, DEFAULT_BUILD } from '../knowledge-model.ts';
import { EmbeddedEngine } from '../index.ts';
import type { EngineReply, EngineRequest, EngineResult } from './protocol.ts';

const engines = new Map<number, EmbeddedEngine>();
const port = parentPort!;

async function handle(req: Exclude<EngineRequest, { op: 'drop' } | { op: 'turns' }>): Promise<EngineResult> {
  if (req.op === 'build') {
    const engine = new EmbeddedEngine(await buildKnowledgeAsync(req.articles, { ...DEFAULT_BUILD, ...req.build }));
    engines.set(req.engine, engine);
    return { defaultThreshold: engine.defaultThreshold() };
  }
  const engine = engines.get(req.engine);
  if (!engine) throw Object.assign(new Error(`engine ${req.engine} is not built in this thread`), { unknownEngine: true });
  const decision = await engine.decide(req.input);
  return req.source && decision.action === 'answer' ? { decision, source: engine.answerSource(decision) } : { decision };
}

const reply = (req: Exclude<EngineRequest, { op: 'drop' } | { op: 'turns' }>): Promise<EngineReply> =>
  handle(req).then(
    (result): EngineReply => ({ id: req.id, ok: true, result }),
    (err: unknown): EngineReply => ({
      id: req.id,
      ok: false,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      unknownEngine: (err as { unknownEngine?: boolean })?.unknownEngine,
    }),
  );

port.on('message', (req: EngineRequest) => {
  if (req.op === 'drop') engines.delete(req.engine);
  else if (req.op === 'turns') void Promise.all(req.turns.map(reply)).then((replies) => port.postMessage(replies));
  else void reply(req).then((r) => port.postMessage(r));
});
