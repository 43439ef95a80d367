// The playbook runner for the embedded engine (no model): one customer turn in, the bot's reply,
// the calls it made and the state for the next turn out. Pure apart from `input.call`.
//
// A playbook starts when the engine's reading of the line is one of its trigger articles (at
// half the threshold or more) or one of its trigger patterns matches; the customer is verified
// first when it needs an account; then its steps are replayed with what is known (replay.ts).
import type { ActionsConfig, Playbook } from '../config.ts';
import { guardedCaller, yesOrNo } from '../guard.ts';
import type { ActionTurnInput, ActionTurnResult, ToolCallRecord, VerifiedIdentity } from '../types.ts';
import { carrySubject, subjectOf } from './carry.ts';
import { readIdentity, verify } from './identity.ts';
import { fromLine, readLine } from './recognise.ts';
import { replay, type ReplayEnd } from './replay.ts';
import { newActive, readState, type Active, type RunnerState, type Subject } from './state.ts';
import { fill } from './template.ts';
import { endsWithOfferOfPerson, runnerText, withoutOfferOfPerson } from './texts.ts';
import { speakingLanguage } from './speaking.ts';
import { ownText, type OwnText } from '../../engine/text/localized.ts';
import { words } from './words.ts';

const NEVER_MIND =
  /\b(?:never ?mind|forget (?:it|about it)|i'?ll (?:just )?keep (?:it|them|everything|all)|(?<!(?:n'?t|not|never) (?:want to |wanna )?)keep (?:it|them|everything|all (?:of )?(?:it|them|the items))(?! else| the same)(?: after all| then)?\b|leave it (?:as it is|be)|(?:don'?t|do not|no longer) (?:want|need) to (?:cancel|return|exchange|change|modify)|(?:not|never) (?:going to|gonna) (?:cancel|return|exchange|change)|decided? (?:not to|to keep))/i;

// A customer asking for a person is the engine's to answer (a hand-off), whatever is under way.
const WANTS_A_PERSON =
  /\b(?:talk|speak|chat|transfer|connect|put)\b.{0,30}\b(?:human|person|agent|supervisor|manager|representative|someone real|real person)\b/i;

// "ok then a gift card", "yes but to my PayPal": a yes that asks for something else is no yes,
// even when the change asked for could not be read.
const YES_BUT = /\b(?:but|then|instead|rather|actually|different|another|except|not)\b/i;

function confirmation(line: string): 'yes' | 'no' | null {
  const a = yesOrNo(line);
  if (a !== 'yes') return a;
  const rest = line.trim().replace(/^\W*\w+/, '');
  return YES_BUT.test(rest) ? null : 'yes';
}

/**
 * Small talk while a request waits on the customer: "thanks" and "hi" are acknowledged before the
 * question is asked again (before, the same question came back word for word); a goodbye or "are
 * you a bot?" is the engine's to answer, the request kept (askedAside).
 */
function acknowledgment(input: ActionTurnInput, language: string): string {
  const social = input.decision?.action === 'social' ? input.decision.social : null;
  return social === 'greeting' || social === 'thanks' ? runnerText(social, language) : '';
}

/** The reply's first part after the acknowledgment of small talk, if any. */
const withAck = (ack: string, parts: string[]): string[] => (ack && parts.length ? [`${ack} ${parts[0]}`, ...parts.slice(1)] : parts);

/** A line that says the bot is not helping: a disagreement, or the engine read repeated failure or anger. */
const pushesBack = (input: ActionTurnInput): boolean =>
  input.decision?.social === 'disagree' ||
  (input.decision?.reasons ?? []).some((r) => r === 'repeated_failure' || r === 'negative_sentiment');

/** "I'd rather not", "I don't want to give that": the offer of a person taken. */
const RATHER_NOT =
  /\b(?:rather not|prefer not|(?:don'?t|do not) want to (?:give|share|say|tell)|not (?:giving|sharing) (?:it|that|you))\b/i;

/**
 * How many times in a row, just before this turn, the bot said `text` (with or without an
 * acknowledgment before it or the offer of a person after it).
 */
function askedInARow(history: ActionTurnInput['history'], text: string): number {
  let n = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i]!;
    if (turn.role === 'customer') continue;
    if (turn.role !== 'bot' || !withoutOfferOfPerson(turn.text).endsWith(text)) break;
    n++;
  }
  return n;
}

/** Customers with several e-mail addresses try them one by one. */
const MAX_VERIFY_TRIES = 5;

interface Stored extends RunnerState {
  verified?: VerifiedIdentity | null;
}

// "instead of cancelling", "rather than a return", "not return": a request named only to be set aside.
const SET_ASIDE = /(?:instead of|rather than|not|n't|no|never|without)\s+(?:\w+\s+)?$/i;

/** Where a pattern asks for its playbook in a line (a match set aside does not count), or -1. */
function askedAt(pattern: string, line: string): number {
  for (const m of line.matchAll(new RegExp(pattern, 'gi'))) {
    if (!SET_ASIDE.test(line.slice(Math.max(0, m.index - 30), m.index))) return m.index;
    if (m[0].length === 0) break;
  }
  return -1;
}

/** Playbooks this line asks for, in the order they are mentioned; while one is under way, only those asked for in words (patterns). */
function triggered(config: ActionsConfig, input: ActionTurnInput, busy: boolean): Playbook[] {
  const hits: { pb: Playbook; at: number }[] = [];
  // Nor does a pattern start one, before any is under way, on a line the engine is sure its
  // knowledge answers on an article no playbook is written for: "can i exchange a gift card for
  // cash?" is the gift-card page's question, not a request to exchange delivered items.
  const patterns = busy || !answeredElsewhere(config, input);
  for (const pb of config.playbooks) {
    let at = Infinity;
    for (const p of patterns ? pb.trigger.patterns : []) {
      const i = askedAt(p, input.text);
      if (i >= 0 && i < at) at = i;
    }
    if (
      at === Infinity &&
      !busy &&
      input.intent &&
      pb.trigger.articles.includes(input.intent.id) &&
      input.intent.confidence >= input.threshold / 2
    )
      at = input.text.length; // asked for, but not in words we can place
    if (at !== Infinity) hits.push({ pb, at });
  }
  // A weak cue ("refund") does not outvote the engine when it is sure the line is a question
  // its knowledge answers and no playbook is written for ("how long does a refund take?").
  if (hits.length === 0 && !busy && !answeredElsewhere(config, input)) {
    for (const pb of config.playbooks) {
      const at = Math.min(...pb.trigger.cues.map((c) => askedAt(c, input.text)).filter((i) => i >= 0));
      if (at !== Infinity) hits.push({ pb, at });
    }
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.pb);
}

/** The engine is sure the line is a question its knowledge answers, on an article no playbook is written for. */
function answeredElsewhere(config: ActionsConfig, input: ActionTurnInput): boolean {
  return (
    !!input.intent &&
    input.intent.confidence >= input.threshold &&
    !config.playbooks.some((pb) => pb.trigger.articles.includes(input.intent!.id))
  );
}

/**
 * A line asked beside the request under way, that gives it nothing: a question the engine answers
 * from its knowledge ("how long does shipping take?" while the bot waits for an e-mail), or a
 * need announced but not said ("I have another question"), with no slot value, no detail of who
 * the customer is, no answer to a pending yes/no and no word of the bot's last question in it.
 * The engine answers it; the request stays as it was, to go on when the customer comes back to
 * it. Before, the bot asked for the e-mail again, whatever the customer asked.
 */
function askedAside(config: ActionsConfig, playbook: Playbook, active: Active, input: ActionTurnInput, answer: string | null): boolean {
  if (answer !== null) return false;
  const social = input.decision?.action === 'social' ? input.decision.social : null;
  const leaving = social === 'bye' || social === 'identity';
  if (!answeredElsewhere(config, input) && input.decision?.clarify !== 'details' && !leaving) return false;
  // A question on what the bot just asked ("where can the refund go?" when it asked where the
  // refund should go) is the request's to answer: it knows the customer's own options.
  const lastAsked = new Set(words([...input.history].reverse().find((h) => h.role === 'bot')?.text ?? '', { content: true }));
  if (words(input.text, { content: true }).some((w) => lastAsked.has(w))) return false;
  const gives = (slots: Playbook['slots']) => slots.some((slot) => fromLine(slot, input.text, active.asked === slot.name));
  return !gives(playbook.slots) && !(config.identity && gives(config.identity.slots));
}

function patternMatches(pb: Playbook, line: string): boolean {
  return pb.trigger.patterns.some((p) => askedAt(p, line) >= 0);
}

export async function runActionTurn(config: ActionsConfig, input: ActionTurnInput): Promise<ActionTurnResult> {
  const state = readState(input.state) as Stored;
  const language = speakingLanguage(config, input.decision?.language);
  const own = (text: OwnText) => fill(ownText(text, language), {});
  let identity: VerifiedIdentity | null = input.identity ?? state.verified ?? null;
  const calls: ToolCallRecord[] = [];
  const customerLines = input.history.filter((h) => h.role === 'customer').map((h) => h.text);
  const answer = state.active?.pending ? confirmation(input.text) : null;
  const say: string[] = [];
  /** "You're welcome!" before the question asked again, when the line was small talk. */
  let ack = '';
  let lastPlaybook: string | undefined;
  const ended = () => {
    lastPlaybook = state.active?.playbook ?? lastPlaybook;
    const pb = state.active && config.playbooks.find((p) => p.id === state.active!.playbook);
    const subject = pb && subjectOf(pb, config.tools, state.active!);
    if (subject) state.subject = subject;
    state.since = customerLines.length + 1;
  };

  const finish = (handled: boolean, extra?: Partial<ActionTurnResult>): ActionTurnResult => {
    const said = say.filter(Boolean).join('\n\n');
    // Counted only on lines that gave nothing to look up: a customer trying e-mail after e-mail is answering.
    const asked = handled && !extra?.handoff && said && calls.length === 0 ? askedInARow(input.history, said) : 0;
    // Asked again, the customer says it does not help or is fed up: a person takes it, rather
    // than the same question a third time. Otherwise the question comes with the way out.
    if (asked >= 1 && pushesBack(input))
      extra = {
        ...extra,
        handoff: { reason: 'repeated_failure', note: `The customer pushed back on being asked again: "${said}"` },
      };
    return {
      handled,
      ...(state.active ? { playbook: state.active.playbook } : lastPlaybook ? { playbook: lastPlaybook } : {}),
      // Not beside a yes-or-no question: there "no" answers the question, not the offer.
      // The way out, after a question asked again in a row.
      reply: extra?.handoff
        ? ''
        : withAck(ack, said ? [said] : []).join('') +
          (asked >= 1 && !state.active?.pending ? ` ${runnerText('offerPerson', language)}` : ''),
      state: { ...state, verified: identity } as unknown as Record<string, unknown>,
      calls,
      identity,
      ...extra,
    };
  };

  if (WANTS_A_PERSON.test(input.text)) return finish(false, { state: input.state });
  // The offer of a person taken: "no" or "I'd rather not" to the question it came with.
  const lastBot = [...input.history].reverse().find((h) => h.role !== 'customer');
  if (lastBot && endsWithOfferOfPerson(lastBot.text) && (yesOrNo(input.text) === 'no' || RATHER_NOT.test(input.text)))
    return finish(true, {
      handoff: { reason: 'customer_requested', note: 'Asked again for what the request needs, the customer chose a person instead.' },
    });

  // Someone else's account: refused, and handed off when the customer insists.
  if (config.otherAccount?.patterns.some((p) => new RegExp(p, 'i').test(input.text))) {
    state.refusals++;
    if (state.refusals >= 2)
      return finish(true, { handoff: { reason: 'policy', note: "The customer insists on help with another person's account." } });
    say.push(own(config.otherAccount.reply));
    return finish(true);
  }

  const asked = triggered(config, input, state.active !== null);
  let active = state.active;
  const current = active ? config.playbooks.find((p) => p.id === active!.playbook) : undefined;
  if (active && !current) active = state.active = null;

  let changed = false;
  // After a failed check, a line that changes nothing the check depends on ends the request.
  let blockedSlots: string | null = null;
  if (active && current) {
    active.texts.push(input.text);
    const other = asked.find((p) => p.id !== current.id && p.trigger.patterns.length > 0 && patternMatches(p, input.text));
    if (other && !patternMatches(current, input.text)) {
      // "Actually I want to return it instead": the new playbook takes what is known.
      active = state.active = newActive(other.id, active.texts, active);
      changed = readLine(other.slots, active, input.text);
      for (const p of asked) if (p.id !== other.id && !state.queue.includes(p.id)) state.queue.push(p.id);
    } else {
      for (const p of asked) if (p.id !== current.id && !state.queue.includes(p.id)) state.queue.push(p.id);
      if (askedAside(config, current, active, input, answer)) return finish(false, { state: input.state });
      ack = acknowledgment(input, language);
      if (NEVER_MIND.test(input.text) && answer !== 'yes') {
        say.push(runnerText('leftAsItIs', language));
        ended();
        active = state.active = null;
      } else {
        changed = readLine(current.slots, active, input.text);
        if (active.blocked && !changed) blockedSlots = JSON.stringify(active.slots);
        active.blocked = false;
      }
    }
  }
  if (!active) {
    // "I'll keep it after all, no return": no request starts on a line that withdraws one.
    const next = (NEVER_MIND.test(input.text) ? undefined : asked[0]) ?? (say.length ? popQueue(config, state) : undefined);
    if (!next) {
      if (say.length) return finish(true);
      return finish(false, { state: input.state });
    }
    for (const p of asked.slice(1)) if (!state.queue.includes(p.id)) state.queue.push(p.id);
    state.queue = state.queue.filter((id) => id !== next.id);
    active = state.active = startActive(next, [...customerLines, input.text].slice(state.since ?? 0), state.subject);
  }

  // Run the playbook, and the next asked for in the same breath when it ends.
  for (let guard = 0; guard < 4 && active; guard++) {
    const pb = config.playbooks.find((p) => p.id === active!.playbook)!;
    if (pb.identity === 'required' && !identity) {
      if (!config.identity)
        return finish(true, { handoff: { reason: 'action_failed', note: 'No way to verify the customer is configured.' } });
      readIdentity(
        config.identity,
        state,
        guard === 0 && active.texts.length > 1 && !state.identity.tried.length ? active.texts : [input.text],
        active.asked === '@identity',
      );
      const caller = guardedCaller(input.call, {
        identity,
        pending: null,
        answer: null,
        turn: input.turn,
        maxCallsPerTurn: config.maxCallsPerTurn,
      });
      const v = await verify(config, state, language, caller, (tool, args, outcome, summary) =>
        record(config, calls, input.turn, tool, args, outcome, summary),
      );
      if (v.broken) return finish(true, { handoff: { reason: 'action_failed', note: v.broken } });
      if (!v.identity) {
        if (state.identity.failures >= MAX_VERIFY_TRIES)
          return finish(true, {
            handoff: { reason: 'action_failed', note: `The customer could not be verified after ${MAX_VERIFY_TRIES} tries.` },
          });
        active.asked = '@identity';
        say.push(v.say ?? '');
        return finish(true);
      }
      identity = v.identity;
    }
    const caller = guardedCaller(input.call, {
      identity,
      pending: active.pending,
      answer,
      turn: input.turn,
      maxCallsPerTurn: config.maxCallsPerTurn,
      tools: config.tools,
    });
    const end: ReplayEnd = await replay({
      config,
      playbook: pb,
      active,
      identity,
      call: caller,
      answer,
      turn: input.turn,
      line: input.text,
      language,
      record: (tool, args, outcome, summary) => record(config, calls, input.turn, tool.name, args, outcome, summary),
    });
    if (end.kind === 'wait' && active.blocked && blockedSlots === JSON.stringify(active.slots)) {
      // The same check failed again on a line that changed nothing: the customer has moved on.
      ended();
      state.active = null;
      return finish(false, { state: { ...state, verified: identity } as unknown as Record<string, unknown> });
    }
    blockedSlots = null;
    say.push(...end.say);
    switch (end.kind) {
      case 'wait':
        return finish(true);
      case 'handoff':
        ended();
        state.active = null;
        return finish(true, { handoff: { reason: end.reason, note: end.note } });
      case 'other_account':
        state.refusals++;
        if (state.refusals >= 2)
          return finish(true, { handoff: { reason: 'policy', note: "The customer insists on help with another person's account." } });
        say.push(config.otherAccount ? own(config.otherAccount.reply) : runnerText('otherAccount', language));
        return finish(true);
      case 'goto': {
        const to = config.playbooks.find((p) => p.id === end.playbook);
        if (!to) throw new Error(`playbook ${pb.id}: goto an unknown playbook "${end.playbook}"`);
        active = state.active = newActive(to.id, active.texts, active);
        continue;
      }
      case 'done': {
        ended();
        const next = popQueue(config, state);
        active = state.active = next ? startActive(next, active.texts.slice(-1), state.subject) : null;
        if (!end.wrote && !next) return finish(true);
        continue;
      }
    }
  }
  return finish(true);
}

function popQueue(config: ActionsConfig, state: RunnerState): Playbook | undefined {
  while (state.queue.length) {
    const id = state.queue.shift()!;
    const pb = config.playbooks.find((p) => p.id === id);
    if (pb) return pb;
  }
  return undefined;
}

/** A new request: its slots from the lines so far, then what it points back at ("cancel it"). */
function startActive(pb: Playbook, texts: string[], subject: Subject | undefined): Active {
  const a = newActive(pb.id, texts);
  for (const t of texts) readLine(pb.slots, a, t);
  if (texts.length) carrySubject(pb, a, subject, texts[texts.length - 1]);
  return a;
}

function record(
  config: ActionsConfig,
  calls: ToolCallRecord[],
  turn: number,
  name: string,
  args: Record<string, unknown>,
  outcome: Awaited<ReturnType<ActionTurnInput['call']>>,
  summary: string,
): ToolCallRecord {
  const tool = config.tools.find((t) => t.name === name);
  const r: ToolCallRecord = {
    name,
    kind: tool?.kind ?? 'read',
    args,
    turn,
    ok: outcome.ok,
    durationMs: outcome.durationMs,
    summary,
    ...(outcome.ok
      ? { status: outcome.status, result: outcome.data }
      : { error: outcome.error, ...(outcome.status ? { status: outcome.status } : {}) }),
  };
  calls.push(r);
  return r;
}
