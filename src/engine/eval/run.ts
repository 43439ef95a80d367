// Runs labelled tickets through an engine exactly as live traffic would flow: each customer
// message is a turn with the conversation so far as history; a handoff ends the bot's part.
import { runActionTurn } from '../../actions/playbooks/runner.ts';
import { yesOrNo } from '../understand/yes-no.ts';
import type { ActionState } from '../../actions/types.ts';
import { clarifyOf, decisionForActions, type BotEngine, type Decision, type HandoffReason, type HistoryTurn } from '../types.ts';
import { writesMatch, type ActionCall, type EvalActions } from './actions.ts';
import { expectedArticles, type Ticket } from './tickets.ts';

/** What each bot turn said, enough to re-score the run at another threshold. */
export interface TurnRecord {
  confidence: number;
  article: string | null;
  /** Reasons that hand off whatever the threshold. */
  blocking: HandoffReason[];
  verified: boolean;
  /**
   * A turn whose outcome no threshold changes: small talk got a social reply (`social`), a
   * message that was not a question was asked to be rephrased (`rephrase`).
   */
  fixed?: 'social' | 'rephrase';
  ms: number;
}

export interface TicketResult {
  id: string;
  outcome: Decision['action'];
  reasons: HandoffReason[];
  confidence: number;
  article: string | null;
  turn: number;
  correct: boolean;
  expected: Ticket['expected'];
  turns: TurnRecord[];
  /** The deciding turn's decision (text and trace), for reports. */
  decision: Decision;
  question: string;
  /** With `--tools`: every call the bot made, and whether the writes were the expected ones. */
  actions?: ActionCall[];
  actions_ok?: boolean;
  /** Writes made on a turn whose line is not a yes (the guard should make this 0). */
  unconfirmed_writes?: number;
  /** With a stand-in that shows its records: whether they match what the expected writes alone give. */
  state_match?: boolean | null;
}

export function isCorrect(t: Ticket, outcome: Decision['action'], article: string | null, reasons: HandoffReason[]): boolean {
  // An account request names no article: answered (by a playbook) is the outcome asked for.
  if (t.expected.actions && t.expected.outcome === 'answer' && expectedArticles(t).length === 0) return outcome === 'answer';
  if (t.expected.outcome === 'handoff') return outcome === 'handoff' && (!t.expected.reason || reasons.includes(t.expected.reason));
  if (t.expected.outcome === 'social') return outcome === 'social';
  return outcome === 'answer' && article !== null && expectedArticles(t).includes(article);
}

/** A turn a playbook took, as the engine would have decided it: an answer (or the runner's handoff). */
function playbookDecision(d: Decision, r: Awaited<ReturnType<typeof runActionTurn>>, article: string | null): Decision {
  return {
    ...d,
    action: r.handoff ? 'handoff' : 'answer',
    text: r.reply,
    confidence: 1,
    reasons: r.handoff ? [r.handoff.reason] : [],
    citations: article ? [{ articleId: article, title: article, passage: '' }] : [],
    trace: {
      ...d.trace,
      decision: { action: r.handoff ? 'handoff' : 'answer', blocking: r.handoff ? [r.handoff.reason] : [], verified: true, article },
      playbook: r.playbook ?? null,
      calls: r.calls.map((c) => c.summary),
    },
  };
}

export async function runTicket(engine: BotEngine, t: Ticket, threshold: number | null, actions?: EvalActions): Promise<TicketResult> {
  if (actions?.reset) await actions.reset();
  let actionState: ActionState | null = null;
  const calls: ActionCall[] = [];
  const history: HistoryTurn[] = (t.context ?? []).map((m) => ({ role: m.role, text: m.text }));
  const policy = { confidenceThreshold: threshold, alwaysHumanIntents: [], alwaysHumanTopics: [] };
  const turns: TurnRecord[] = [];
  let last: Decision | null = null;
  let turn = 0;
  let question = '';
  for (const m of t.messages) {
    if (m.role === 'agent') {
      history.push({ role: 'agent', text: m.text });
      continue;
    }
    turn++;
    question = m.text;
    const start = performance.now();
    let d = await engine.turn({ text: m.text, history: history.slice(), policy });
    if (actions) {
      const r = await runActionTurn(actions.config, {
        text: m.text,
        history: history.map((h) => ({ role: h.role, text: h.text })),
        intent: d.intent ? { id: d.intent.id, confidence: d.intent.confidence } : null,
        threshold: d.threshold,
        decision: decisionForActions(d),
        state: actionState,
        identity: null,
        turn,
        call: actions.call,
      });
      actionState = r.state;
      calls.push(...r.calls.map((c) => ({ name: c.name, args: c.args, kind: c.kind, turn: c.turn, ok: c.ok })));
      if (r.handled) d = playbookDecision(d, r, actions.config.playbooks.find((p) => p.id === r.playbook)?.trigger.articles[0] ?? null);
    }
    const ms = performance.now() - start;
    const tr = d.trace.decision as { blocking?: HandoffReason[]; verified?: boolean; article?: string | null } | undefined;
    const clarify = clarifyOf(d);
    // Asking to rephrase or offering a person is the same at any threshold.
    const fixed = d.action === 'social' ? 'social' : clarify === 'rephrase' || clarify === 'offer_person' ? 'rephrase' : undefined;
    turns.push({
      confidence: d.confidence,
      article: d.citations[0]?.articleId ?? tr?.article ?? null,
      blocking: tr?.blocking ?? d.reasons.filter((r) => r !== 'low_confidence'),
      verified: tr?.verified ?? d.action === 'answer',
      ...(fixed ? { fixed } : {}),
      ms,
    });
    history.push({ role: 'customer', text: m.text });
    history.push({
      role: 'bot',
      text: d.text,
      action: d.action,
      articleIds: d.citations.map((c) => c.articleId),
      ...(clarify ? { clarify } : {}),
    });
    last = d;
    if (d.action === 'handoff') break;
  }
  const d = last!;
  const article = d.action === 'answer' ? (d.citations[0]?.articleId ?? null) : null;
  const expectedActions = t.expected.actions;
  const actionsOk = actions && expectedActions ? writesMatch(calls, expectedActions) : undefined;
  // Checked from the outside too: every write that went through followed a customer line that says yes.
  const lines = t.messages.filter((m) => m.role === 'customer').map((m) => m.text);
  const unconfirmed = calls.filter((c) => c.kind === 'write' && c.ok && yesOrNo(lines[c.turn - 1] ?? '') !== 'yes').length;
  const stateMatch = actions?.stateMatches && expectedActions ? await actions.stateMatches(expectedActions) : undefined;
  return {
    ...(actions ? { actions: calls } : {}),
    ...(actionsOk !== undefined ? { actions_ok: actionsOk } : {}),
    ...(actions ? { unconfirmed_writes: unconfirmed } : {}),
    ...(stateMatch !== undefined ? { state_match: stateMatch } : {}),
    id: t.id,
    outcome: d.action,
    reasons: d.action === 'handoff' ? d.reasons : [],
    confidence: d.confidence,
    article,
    turn,
    correct: isCorrect(t, d.action, article, d.reasons) && actionsOk !== false,
    expected: t.expected,
    turns,
    decision: d,
    question,
  };
}

/**
 * The run's outcome had every turn been decided at `threshold` (clarifications count as
 * hand-offs; a social reply is the same at any threshold and ends nothing).
 */
export function rescore(r: TicketResult, threshold: number): { outcome: 'answer' | 'handoff' | 'social'; article: string | null } {
  for (const t of r.turns) {
    if (t.fixed === 'social') continue;
    if (t.fixed === 'rephrase' || t.blocking.length > 0 || t.confidence < threshold || !t.verified)
      return { outcome: 'handoff', article: null };
  }
  const last = r.turns.at(-1);
  return last?.fixed === 'social' ? { outcome: 'social', article: null } : { outcome: 'answer', article: last?.article ?? null };
}
