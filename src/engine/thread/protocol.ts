// Messages between the server and its engine thread (engine-thread.ts, worker.ts).
import type { Article, Decision, TurnInput } from '../types.ts';
import type { BuildOptions } from '../knowledge-model.ts';
import type { AnswerSource } from '../index.ts';

/** `source`: also send the cited source back, for a model to rewrite the answer from. */
export type TurnRequest = { op: 'turn'; id: number; engine: number; input: TurnInput; source: boolean };

export type BuildRequest = { op: 'build'; id: number; engine: number; articles: Article[]; build?: Partial<BuildOptions> };

/** What the server posts besides turns (those go as JSON text, below). */
export type EngineRequest = BuildRequest | { op: 'drop'; engine: number };

export type EngineResult = { defaultThreshold: number } | { decision: Decision; source?: AnswerSource };

export type EngineReply =
  { id: number; ok: true; result: EngineResult } | { id: number; ok: false; error: string; unknownEngine?: boolean };

/**
 * Turns and their replies cross as JSON text: a turn carries the conversation's context (a dozen
 * messages) and a decision its trace, and V8's JSON with one flat string copied across costs both
 * threads less than the structured clone of the same objects (decisions/0005, tenth pass). Both
 * are plain data (no dates, maps or undefined that a reader relies on), so nothing is lost.
 */
/** Turns asked for in the same tick go in one message (each message costs both threads a wake-up), answered by one array. */
export const encodeTurns = (turns: TurnRequest | TurnRequest[]): string => JSON.stringify(turns);
export const decodeTurns = (text: string): TurnRequest | TurnRequest[] => JSON.parse(text) as TurnRequest | TurnRequest[];
export const encodeReplies = (replies: EngineReply | EngineReply[]): string => JSON.stringify(replies);
export const decodeReplies = (text: string): EngineReply | EngineReply[] => JSON.parse(text) as EngineReply | EngineReply[];
