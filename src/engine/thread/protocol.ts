// Messages between the server and its engine thread (engine-thread.ts, worker.ts).
import type { Article, Decision, TurnInput } from '../types.ts';
import type { BuildOptions } from '../knowledge-model.ts';
import type { AnswerSource } from '../index.ts';

export type EngineRequest =
  | { op: 'build'; id: number; engine: number; articles: Article[]; build?: Partial<BuildOptions> }
  /** `source`: also send the cited source back, for a model to rewrite the answer from. */
  | { op: 'turn'; id: number; engine: number; input: TurnInput; source: boolean }
  | { op: 'drop'; engine: number };

export type EngineResult = { defaultThreshold: number } | { decision: Decision; source?: AnswerSource };

export type EngineReply =
  { id: number; ok: true; result: EngineResult } | { id: number; ok: false; error: string; unknownEngine?: boolean };
