import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { BotEngine, Decision, EngineFactory, TurnInput } from '../engine/types.ts';
import { engineError } from '../engine/decide/engine-error.ts';
import type { Schema } from '../db/schema.ts';
import { listArticles } from '../db/repositories/knowledge.ts';
import type { BotSeat } from './ports.ts';

/**
 * The default seat: one engine per workspace, built from its knowledge on first use and
 * rebuilt after the knowledge changes. A failing engine never leaves the customer hanging:
 * the turn becomes a handoff with reason engine_error.
 */
export class EngineBotSeat implements BotSeat {
  private readonly engines = new Map<string, Promise<BotEngine>>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly factory: EngineFactory,
    private readonly log: Logger,
  ) {}

  engineFor(workspaceId: string): Promise<BotEngine> {
    let engine = this.engines.get(workspaceId);
    if (!engine) {
      engine = listArticles(this.db, workspaceId).then((articles) => this.factory(articles, { workspaceId }));
      this.engines.set(workspaceId, engine);
      engine.catch(() => this.engines.delete(workspaceId));
    }
    return engine;
  }

  invalidate(workspaceId: string): void {
    this.engines.delete(workspaceId);
  }

  async decide(workspaceId: string, input: TurnInput): Promise<Decision> {
    try {
      const engine = await this.engineFor(workspaceId);
      return await engine.turn(input);
    } catch (err) {
      this.log.error({ err, workspaceId }, 'bot turn failed; handing off');
      return engineError(input.policy.confidenceThreshold ?? 0.5, err);
    }
  }
}
