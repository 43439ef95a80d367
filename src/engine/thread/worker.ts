// The engine thread: builds workspaces' knowledge models and takes the bot's turns, so neither
// (seconds of training, a millisecond of scoring per line) holds up the server's event loop.
import { parentPort } from 'node:worker_threads';
import { buildKnowledgeAsync, DEFAULT_BUILD } from '../knowledge-model.ts';
import { EmbeddedEngine } from '../index.ts';
import {
  decodeTurns,
  encodeReplies,
  type BuildRequest,
  type EngineReply,
  type EngineRequest,
  type EngineResult,
  type TurnRequest,
} from './protocol.ts';

const engines = new Map<number, EmbeddedEngine>();
const port = parentPort!;

async function build(req: BuildRequest): Promise<EngineResult> {
  const engine = new EmbeddedEngine(await buildKnowledgeAsync(req.articles, { ...DEFAULT_BUILD, ...req.build }));
  engines.set(req.engine, engine);
  return { defaultThreshold: engine.defaultThreshold() };
}

/** A turn runs synchronously (the embedded engine does no I/O), so its reply can leave at once. */
function turn(req: TurnRequest): EngineResult {
  const engine = engines.get(req.engine);
  if (!engine) throw Object.assign(new Error(`engine ${req.engine} is not built in this thread`), { unknownEngine: true });
  const decision = engine.turnSync(req.input);
  return req.source && decision.action === 'answer' ? { decision, source: engine.answerSource(decision) } : { decision };
}

const failure = (id: number, err: unknown): EngineReply => ({
  id,
  ok: false,
  error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  unknownEngine: (err as { unknownEngine?: boolean })?.unknownEngine,
});

function turnReply(req: TurnRequest): EngineReply {
  try {
    return { id: req.id, ok: true, result: turn(req) };
  } catch (err) {
    return failure(req.id, err);
  }
}

port.on('message', (message: EngineRequest | string) => {
  if (typeof message === 'string') {
    // Turns asked in the same tick come together; each answer leaves as soon as its turn is
    // taken, so the first line of a batch does not wait for the last one's turn.
    const turns = decodeTurns(message);
    for (const req of Array.isArray(turns) ? turns : [turns]) port.postMessage(encodeReplies(turnReply(req)));
  } else if (message.op === 'drop') engines.delete(message.engine);
  else
    void build(message).then(
      (result) => port.postMessage({ id: message.id, ok: true, result } satisfies EngineReply),
      (err: unknown) => port.postMessage(failure(message.id, err)),
    );
});
