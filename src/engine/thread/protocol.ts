// Messages between the server and its engine thread (engine-thread.ts, worker.ts).
import type { Article, Decision, TurnInput } from '../types.ts';
import type { BuildOptions } from '../knowledge-model.ts';
import type { AnswerSource } from '../index.ts';

/** `source`: also send the cited source back, for a model to rewrite the answer from. */
export type TurnRequest = { op: 'turn'; id: number; engine: number; input: TurnInput; source: boolean };

export type EngineRequest =
  | { op: 'build'; id: number; engine: number; articles: Article[]; build?: Partial<BuildOptions> }
  | TurnRequest
  /** Turns asked for in the same tick, in one message (each message costs both threads a wake-up); answered by one array. */
  | { op: 'turns'; turns: TurnRequest[] }
  | { op: 'drop'; engine: number };

export type EngineResult = { defaultThreshold: number } | { decision: Decision; source?: AnswerSource };

export type EngineReply =
  { id: number; ok: true; result: EngineResult } | { id: number; ok: false; error: string; unknownEngine?: boolean };
