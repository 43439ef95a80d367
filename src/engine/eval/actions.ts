// `baton eval --tools`: tickets run with a workspace's tools and playbooks against a company's
// API (the retail stand-in in bench/). Each call made is kept; a ticket with `expected.actions`
// is right only when its successful writes are exactly those, with those arguments.
import { isDeepStrictEqual } from 'node:util';
import type { ActionsConfig } from '../../actions/config.ts';
import type { CallTool, ToolKind } from '../../actions/types.ts';

export interface EvalActions {
  config: ActionsConfig;
  call: CallTool;
  /** Before each ticket: puts the API's records back (the stand-in's POST /__reset). */
  reset?: () => Promise<void>;
  /**
   * After each ticket with expected actions: whether the API's records match those the expected
   * writes alone give (the stand-in's GET /__state after replaying them on a reset).
   */
  stateMatches?: (expected: ExpectedAction[]) => Promise<boolean | null>;
}

export interface ExpectedAction {
  name: string;
  args: Record<string, unknown>;
}

/** One call as `--details` reports it. */
export interface ActionCall {
  name: string;
  args: Record<string, unknown>;
  kind: ToolKind;
  turn: number;
  ok: boolean;
}

/** Lists of plain values compare as multisets: the order an API is given ids in changes nothing it stores. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return items.every((x) => x === null || typeof x !== 'object') ? items.map((x) => JSON.stringify(x)).sort() : items;
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}

/** The successful writes are exactly the expected ones (as a multiset, in any order), no others. */
export function writesMatch(calls: ActionCall[], expected: ExpectedAction[]): boolean {
  const writes = calls.filter((c) => c.kind === 'write' && c.ok);
  if (writes.length !== expected.length) return false;
  const left = expected.map((e) => ({ name: e.name, args: canonical(e.args) }));
  for (const w of writes) {
    const i = left.findIndex((e) => e.name === w.name && isDeepStrictEqual(e.args, canonical(w.args)));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

/** The stand-in convention: POST /__reset and GET /__state beside the API's operations (docs/eval.md). */
export function standInHooks(apiBase: string, call: CallTool, config: ActionsConfig): Pick<EvalActions, 'reset' | 'stateMatches'> {
  const base = apiBase.replace(/\/+$/, '');
  const reset = async () => {
    const r = await fetch(`${base}/__reset`, { method: 'POST' });
    if (!r.ok && r.status !== 404) throw new Error(`POST ${base}/__reset answered ${r.status}`);
  };
  const snapshot = async (): Promise<unknown> => {
    const r = await fetch(`${base}/__state`);
    return r.ok ? r.json() : null;
  };
  return {
    reset,
    async stateMatches(expected) {
      const after = await snapshot();
      if (after === null) return null;
      await reset();
      for (const e of expected) {
        const tool = config.tools.find((t) => t.name === e.name);
        if (!tool) return false;
        await call(tool, e.args);
      }
      return isDeepStrictEqual(after, await snapshot());
    },
  };
}
