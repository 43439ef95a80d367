// `baton audit` without the CLI: the bad-handoff rate over conversations that reached a human,
// with one evidence record per such conversation.
import { detectReexplain, type AuditMessage, type Evidence } from './reexplain.ts';

export interface AuditRecord {
  id: string;
  reexplained: boolean;
  handoff_message: number;
  evidence: Evidence[];
}

export interface AuditSummary {
  conversations: number;
  reached_human: number;
  reexplained: number;
  /** reexplained / reached_human */
  bad_handoff_rate: number;
  /** Conversations with at least one piece of evidence of each kind. */
  by_kind: { restated: number; asked_again: number; complained: number };
  /** asked_again, by what was asked for. */
  asked_for: Record<string, number>;
}

export class HandoffAudit {
  private s: AuditSummary = {
    conversations: 0,
    reached_human: 0,
    reexplained: 0,
    bad_handoff_rate: 0,
    by_kind: { restated: 0, asked_again: 0, complained: 0 },
    asked_for: {},
  };

  /** Audits one conversation; returns its record when it reached a human (null otherwise). */
  add(id: string, messages: AuditMessage[]): AuditRecord | null {
    this.s.conversations++;
    const r = detectReexplain(messages);
    if (!r.reached_human || r.handoff_message === 0) return null;
    this.s.reached_human++;
    if (r.reexplained) this.s.reexplained++;
    for (const kind of ['restated', 'asked_again', 'complained'] as const)
      if (r.evidence.some((e) => e.kind === kind)) this.s.by_kind[kind]++;
    for (const info of new Set(r.evidence.filter((e) => e.kind === 'asked_again').map((e) => e.info!)))
      this.s.asked_for[info] = (this.s.asked_for[info] ?? 0) + 1;
    return { id, reexplained: r.reexplained, handoff_message: r.handoff_message, evidence: r.evidence };
  }

  summary(): AuditSummary {
    const rate = this.s.reached_human ? this.s.reexplained / this.s.reached_human : 0;
    return { ...this.s, bad_handoff_rate: Number(rate.toFixed(4)) };
  }
}
