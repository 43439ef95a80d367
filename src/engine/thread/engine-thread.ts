// The server's engine thread (worker.ts): the bot's turns run beside the event loop, not on it.
// A turn is a millisecond of scoring and a knowledge build seconds of training; on the event
// loop, every other customer's line waits behind them (decisions/0005, "Fourth pass").
import { Worker } from 'node:worker_threads';
import type { Article, BotEngine, Decision, EngineFactory, TurnInput } from '../types.ts';
import type { BuildOptions } from '../knowledge-model.ts';
import { createEngine, rewrite, type AnswerSource } from '../index.ts';
import { createAnswerWriter, type LlmAnswerWriter, type LlmConfigInput, type TokenBudget } from '../llm/index.ts';
import type { EngineReply, EngineRequest, EngineResult, TurnRequest } from './protocol.ts';

/** The worker's entry (it registers tsx, then loads worker.ts). */
const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** An engine's state in the thread: its threshold, and which worker holds it. */
type Built = { defaultThreshold: number; generation: number };

type Pending = { resolve: (r: EngineResult) => void; reject: (e: Error) => void };

/** A request the thread refused because it does not hold the engine (it was restarted since the build). */
class UnknownEngine extends Error {}

/**
 * One worker thread holding every workspace's engine. A thread that dies fails the turns in
 * flight (the seat hands those conversations off, engine_error) and the next call starts a new
 * one, where each engine is built again from its articles before its next turn.
 */
export class EngineThread {
  private worker: Worker | null = null;
  /** Which worker an engine was built in: a new one knows none of the old one's. */
  private generation = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Turns asked for in this tick, sent together once it ends. */
  private turns: TurnRequest[] = [];
  /** An engine the server let go of (knowledge changed, workspace rebuilt) is dropped in the thread too. */
  private readonly released = new FinalizationRegistry<{ engine: number; built: Built }>((h) => {
    if (h.built.generation === this.generation) this.worker?.postMessage({ op: 'drop', engine: h.engine } satisfies EngineRequest);
  });

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(ENTRY);
    // An idle thread does not keep the process alive; calls in flight hold it through their promises.
    worker.unref();
    worker.on('message', (message: EngineReply | EngineReply[]) => {
      for (const reply of Array.isArray(message) ? message : [message]) {
        const p = this.pending.get(reply.id);
        if (!p) continue;
        this.pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.result);
        else p.reject(reply.unknownEngine ? new UnknownEngine(reply.error) : new Error(reply.error));
      }
    });
    const failed = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`the engine thread stopped (exit code ${code})`)));
    this.worker = worker;
    this.generation += 1;
    return worker;
  }

  private call(req: Exclude<EngineRequest, { op: 'drop' } | { op: 'turns' }>): Promise<EngineResult> {
    const worker = this.ensure();
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      if (req.op !== 'turn') worker.postMessage(req);
      // Lines that came in one statement's result ask in the same tick: one message for all of them.
      else if (this.turns.push(req) === 1) setImmediate(() => this.sendTurns());
    });
  }

  private sendTurns(): void {
    // A turn whose thread stopped meanwhile has already failed.
    const turns = this.turns.filter((t) => this.pending.has(t.id));
    this.turns = [];
    if (turns.length === 0) return;
    this.ensure().postMessage(turns.length === 1 ? turns[0] : ({ op: 'turns', turns } satisfies EngineRequest));
  }

  /** Builds an engine from `articles` in the thread; its turns then run there. */
  async build(articles: Article[], opts: { build?: Partial<BuildOptions>; writer?: LlmAnswerWriter | null } = {}): Promise<BotEngine> {
    const engine = this.nextId++;
    const built = await this.buildIn(engine, articles, opts.build);
    const handle = new ThreadedEngine(this, engine, built, () => this.buildIn(engine, articles, opts.build), opts.writer ?? null);
    this.released.register(handle, { engine, built });
    return handle;
  }

  private async buildIn(engine: number, articles: Article[], build?: Partial<BuildOptions>): Promise<Built> {
    const result = (await this.call({ op: 'build', id: this.nextId++, engine, articles, build })) as { defaultThreshold: number };
    return { defaultThreshold: result.defaultThreshold, generation: this.generation };
  }

  /** @internal */
  async turnIn(engine: number, generation: number, input: TurnInput, source: boolean) {
    if (generation !== this.generation) throw new UnknownEngine(`engine ${engine} was built in a thread that stopped`);
    return (await this.call({ op: 'turn', id: this.nextId++, engine, input, source })) as { decision: Decision; source?: AnswerSource };
  }

  /** Stops the thread; turns in flight fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }
}

/** The server's side of an engine built in the thread. */
class ThreadedEngine implements BotEngine {
  constructor(
    private readonly thread: EngineThread,
    private readonly engine: number,
    /** Shared with the thread's drop bookkeeping: updated in place when rebuilt. */
    private readonly built: Built,
    private readonly rebuild: () => Promise<Built>,
    private readonly writer: LlmAnswerWriter | null,
  ) {}

  defaultThreshold(): number {
    return this.built.defaultThreshold;
  }

  async turn(input: TurnInput): Promise<Decision> {
    const out = await this.turnInThread(input);
    if (!this.writer || out.decision.action !== 'answer') return out.decision;
    return rewrite(this.writer, out.decision, input, out.source ?? { passages: [] });
  }

  private async turnInThread(input: TurnInput) {
    try {
      return await this.thread.turnIn(this.engine, this.built.generation, input, this.writer !== null);
    } catch (err) {
      if (!(err instanceof UnknownEngine)) throw err;
      // The thread was restarted since this engine was built: build it there again, once.
      Object.assign(this.built, await this.rebuild());
      return this.thread.turnIn(this.engine, this.built.generation, input, this.writer !== null);
    }
  }
}

export interface ThreadedEngineOptions {
  /** Optional model that writes answers (docs/llm.md); it is called from the server's thread. */
  llm?: LlmConfigInput | null;
  tokenBudget?: TokenBudget;
  build?: Partial<BuildOptions>;
}

/** An EngineFactory whose engines live in `thread`: what `baton serve` uses. */
export function threadedEngineFactory(thread: EngineThread, opts: ThreadedEngineOptions = {}): EngineFactory {
  return (articles, o) =>
    thread.build(articles, {
      build: opts.build,
      writer: opts.llm ? createAnswerWriter(opts.llm, { workspaceId: o?.workspaceId, tokenBudget: opts.tokenBudget }) : null,
    });
}

/**
 * The engines a server uses: in the engine thread (`thread`), or on the event loop (one thread
 * to profile or debug). `close` stops the thread.
 */
export function serverEngines(opts: { thread: boolean; llm?: LlmConfigInput | null }): { factory: EngineFactory; close(): Promise<void> } {
  if (!opts.thread)
    return { factory: (articles, o) => createEngine(articles, { llm: opts.llm, workspaceId: o?.workspaceId }), close: async () => {} };
  const thread = new EngineThread();
  return { factory: threadedEngineFactory(thread, { llm: opts.llm }), close: () => thread.close() };
}
