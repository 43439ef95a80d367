// The runner's state between turns (stored by the conversation layer as plain JSON).
import type { PendingWrite } from '../guard.ts';

export interface Active {
  playbook: string;
  /** The customer's lines this playbook reads slots from: the conversation's so far, oldest first. */
  texts: string[];
  slots: Record<string, unknown>;
  /** How a slot's value is shown to the customer ("Gaming Mouse (black, laser, wireless)"). */
  labels: Record<string, string>;
  /** The entries a pick chose, for later recognisers (the items whose variants are chosen). */
  entries: Record<string, unknown[]>;
  /** Read results by tool and arguments: a turn replays the playbook without calling again. */
  cache: Record<string, unknown>;
  pending: (PendingWrite & { step: number }) | null;
  /** The slot asked for last, or "confirm" when a write awaits a yes. */
  asked: string | null;
  /** A check failed last turn: the customer may change what failed (another order) or move on. */
  blocked: boolean;
  /** Write errors so far (a second one hands off). */
  failures: number;
}

/** What an ended request was about (the order looked up), for a next one that points back at it. */
export interface Subject {
  slots: Record<string, unknown>;
  labels: Record<string, string>;
  entries: Record<string, unknown[]>;
}

export interface RunnerState {
  v: 1;
  active: Active | null;
  /** Playbooks asked for in the same breath, taken up in turn. */
  queue: string[];
  identity: { slots: Record<string, unknown>; tried: string[]; failures: number };
  /** Requests about another person's account refused so far. */
  refusals: number;
  /** Customer lines already used by playbooks that ended: a new request reads only the lines after them. */
  since?: number;
  /** The last ended request's subject (carry.ts). */
  subject?: Subject;
}

export function readState(raw: Record<string, unknown> | null): RunnerState {
  if (raw && raw.v === 1) return structuredClone(raw) as unknown as RunnerState;
  return { v: 1, active: null, queue: [], identity: { slots: {}, tried: [], failures: 0 }, refusals: 0 };
}

export function newActive(playbook: string, texts: string[], carry?: Active | null): Active {
  return {
    playbook,
    texts,
    slots: { ...(carry?.slots ?? {}) },
    labels: { ...(carry?.labels ?? {}) },
    entries: { ...(carry?.entries ?? {}) },
    cache: { ...(carry?.cache ?? {}) },
    pending: null,
    asked: null,
    blocked: false,
    failures: 0,
  };
}
