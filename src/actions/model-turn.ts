// Actions with a model: the workspace's tools are offered as function calls, and the engine
// keeps the guard rails. A read the model asks for runs through guardedCaller and its result
// reaches the model only through the PII shield. A write the model asks for is never run: the
// engine words it as a question, keeps it as the pending write, and runs exactly that write
// itself when the next customer line is a yes; the model then phrases the result. Never throws.
import type { ActionsConfig } from './config.ts';
import { guardedCaller, yesOrNo, type GuardContext, type PendingWrite } from './guard.ts';
import { conversationMessages, GENERAL_QUESTION, systemPrompt, toolsForModel } from './model/prompt.ts';
import { shieldResult, type Redact } from './model/shield.ts';
import { checkArgs } from './tools/call.ts';
import { argsInWords, callSummary, confirmationQuestion, shownArgs, toolInWords } from './model/words.ts';
import type { ActionState, ActionTurnInput, ActionTurnResult, ToolCallRecord, ToolDefinition, VerifiedIdentity } from './types.ts';
import { LlmError, type LlmClient, type LlmMessage, type LlmToolResult } from '../engine/llm/types.ts';

export interface ModelTurnDeps {
  /** The configured model, already counting against the workspace's token budget (withBudget). */
  model: LlmClient;
  /** The conversation's PII shield: text in, redacted text out (the same tokens as the customer's lines). */
  redact: Redact;
  /** Limit for one model call; default 8000 ms. */
  timeoutMs?: number;
  /** Limit for all model calls of the turn; default 30000 ms. */
  turnTimeoutMs?: number;
  maxTokens?: number;
}

/** What this runner keeps in the action state, under `model` (other keys are left as they are). */
interface ModelState {
  pending?: PendingWrite;
  identity?: VerifiedIdentity;
  /** Failed calls per tool since its last success: a second failure hands off. */
  failures?: Record<string, number>;
  /** Turns with a call refused for another person's account: a second one hands off. */
  refusals?: number;
}

const STATE_KEY = 'model';
/** HTTP statuses the customer cannot do anything about (our credentials, their rate limit). */
const NOT_THE_CUSTOMERS = new Set([401, 403, 407, 429]);

type Handoff = NonNullable<ActionTurnResult['handoff']>;
/** What one call gives the model, or the end of the turn. */
type Step = { content: string; ok: boolean } | { handoff: Handoff };

export async function runModelActionTurn(deps: ModelTurnDeps, config: ActionsConfig, input: ActionTurnInput): Promise<ActionTurnResult> {
  const saved = readState(input.state);
  const failures = { ...saved.failures };
  let refusals = saved.refusals ?? 0;
  let refusedThisTurn = false;
  /** Asking about another person's account once is refused; insisting in a later turn hands off. */
  const insists = (): boolean => {
    if (!refusedThisTurn) refusals++;
    refusedThisTurn = true;
    return refusals >= 2;
  };
  let identity = input.identity ?? saved.identity ?? null;
  const calls: ToolCallRecord[] = [];
  const tools = new Map(config.tools.map((t) => [t.name, t]));

  // A pending write is answered in the very next turn or not at all.
  const pending = saved.pending && saved.pending.askedAtTurn === input.turn - 1 ? saved.pending : null;
  const answer = pending ? yesOrNo(input.text) : null;
  const ctx: GuardContext = { identity, pending, answer, turn: input.turn, maxCallsPerTurn: config.maxCallsPerTurn, tools: config.tools };
  const call = guardedCaller(input.call, ctx);

  const finish = (over: Partial<ActionTurnResult>, nextPending?: PendingWrite): ActionTurnResult => {
    const model: ModelState = { ...(nextPending ? { pending: nextPending } : {}), failures, refusals };
    if (identity && identity.via === 'tool') model.identity = identity;
    const state: ActionState = { ...(input.state ?? {}), [STATE_KEY]: model };
    return { handled: true, reply: '', state, calls, identity, ...over };
  };
  const handOff = (handoff: Handoff) => finish({ handoff });

  /** One call through the guard rails; its record, its shielded result for the model, or a handoff. */
  async function run(tool: ToolDefinition, args: Record<string, unknown>): Promise<Step> {
    const outcome = await call(tool, args);
    const record = { name: tool.name, kind: tool.kind, args, turn: input.turn, durationMs: outcome.durationMs };
    if (outcome.ok) {
      const data = shieldResult(outcome.data, deps.redact);
      calls.push({ ...record, ok: true, status: outcome.status, result: data, summary: callSummary(tool, args, outcome, data) });
      failures[tool.name] = 0;
      const verified = tool.verifies ? verifiedBy(tool, args, outcome.data) : null;
      if (verified) identity = ctx.identity = verified;
      // The account id is the engine's to use, not the model's to see.
      if (verified) return { ok: true, content: 'The customer is verified; the system selects their account for the other tools.' };
      return { ok: true, content: JSON.stringify(data ?? null) };
    }
    // The API's message may quote what it was sent: through the shield as well.
    const shown = { ...outcome, message: deps.redact(outcome.message) };
    const summary = callSummary(tool, args, shown);
    calls.push({
      ...record,
      ok: false,
      ...(shown.status ? { status: shown.status } : {}),
      error: `${shown.error}: ${shown.message}`,
      summary,
    });
    if (shown.error === 'refused') {
      if (shown.message.startsWith('more than'))
        return { handoff: { reason: 'action_failed', note: `${summary}: the bot stopped there.` } };
      if (shown.message === "another customer's account") {
        if (insists())
          return { handoff: { reason: 'policy', note: `The customer asked again about another person's account. ${summary}.` } };
        return { ok: false, content: `Refused: another customer's account. Tell the customer you can only help with their own account.` };
      }
      return { ok: false, content: `Refused: ${shown.message}.` };
    }
    failures[tool.name] = (failures[tool.name] ?? 0) + 1;
    const fixable =
      shown.error === 'invalid' || (shown.error === 'http' && !!shown.status && shown.status < 500 && !NOT_THE_CUSTOMERS.has(shown.status));
    if (!fixable || failures[tool.name] >= 2) return { handoff: { reason: 'action_failed', note: `${summary}.` } };
    return {
      ok: false,
      content: `Error: ${shown.message}. Explain this to the customer; ask them to correct what they gave if that can help.`,
    };
  }

  const messages: LlmMessage[] = conversationMessages(input.history, input.text);
  let done: PendingWrite | null = null;
  if (pending && answer === 'yes') {
    const tool = tools.get(pending.tool);
    if (tool) {
      const step = await run(tool, pending.args);
      if ('handoff' in step) return handOff(step.handoff);
      // As if the model had made the call itself: it then phrases the result.
      messages.push({
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'confirmed_1', name: tool.name, arguments: shownArgs(tool, pending.args) }],
      });
      messages.push({ role: 'user', content: '', toolResults: [{ callId: 'confirmed_1', content: step.content, isError: !step.ok }] });
      done = pending;
    }
  }
  const declined = pending && !done ? pending : null;

  const system = systemPrompt(config, identity, declined);
  const offered = toolsForModel(config.tools, !done);
  const perCall = deps.timeoutMs ?? 8_000;
  const deadline = Date.now() + (deps.turnTimeoutMs ?? 30_000);
  // Each round makes at least one call or ends the turn; the guard's budget ends it sooner.
  const maxRounds = config.maxCallsPerTurn + 2;

  /** The model failed: what was done is said in the engine's words; with nothing done, the engine's decision stands. */
  const modelFailed = (): ActionTurnResult => {
    if (!calls.length) return finish({ handled: false });
    return finish({ reply: calls.map((c) => c.summary).join('\n') });
  };

  for (let round = 0; round < maxRounds; round++) {
    const timeoutMs = Math.min(perCall, deadline - Date.now());
    if (timeoutMs <= 0) return modelFailed();
    let res;
    try {
      res = await deps.model.complete({ system, messages, tools: offered, maxTokens: deps.maxTokens ?? 500, timeoutMs });
    } catch (err) {
      if (err instanceof LlmError) return modelFailed();
      throw err;
    }
    if (!res.toolCalls?.length) {
      const text = res.text.trim();
      return text ? finish({ reply: text }) : modelFailed();
    }
    messages.push({ role: 'assistant', content: res.text, toolCalls: res.toolCalls });
    const results: LlmToolResult[] = [];
    const reply = (callId: string, content: string, isError = true) => results.push({ callId, content, isError });
    for (const c of res.toolCalls) {
      if (c.name === GENERAL_QUESTION) {
        if (!calls.length && !done) return finish({ handled: false });
        reply(c.id, 'Not available now: reply to the customer.');
        continue;
      }
      const tool = tools.get(c.name);
      const given = argsObject(c.arguments);
      if (!tool) reply(c.id, `Error: there is no tool named ${c.name}.`);
      else if (!given) reply(c.id, 'Error: the arguments must be a JSON object.');
      else {
        const args = withAccount(tool, given, identity);
        if (tool.kind === 'read') {
          const step = await run(tool, args);
          if ('handoff' in step) return handOff(step.handoff);
          reply(c.id, step.content, !step.ok);
          continue;
        }
        const problem = writeProblem(tool, args, identity, done);
        if (problem === "another customer's account" && insists()) {
          return handOff({
            reason: 'policy',
            note: `The customer asked again to change another person's account (${toolInWords(tool)}: ${argsInWords(args)}).`,
          });
        }
        if (problem) reply(c.id, `Refused: ${problem}.`);
        // The turn ends on the question; the write waits for the customer's yes.
        else return finish({ reply: confirmationQuestion(tool, args) }, { tool: tool.name, args, askedAtTurn: input.turn });
      }
    }
    messages.push({ role: 'user', content: '', toolResults: results });
  }
  return handOff({ reason: 'action_failed', note: `The model kept calling tools for ${maxRounds} rounds without replying.` });
}

function readState(state: ActionState | null): ModelState {
  const s = state?.[STATE_KEY];
  return s && typeof s === 'object' ? (s as ModelState) : {};
}

function argsObject(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The account argument is the verified customer's unless the model named one (the guard then checks it). */
function withAccount(tool: ToolDefinition, args: Record<string, unknown>, identity: VerifiedIdentity | null): Record<string, unknown> {
  const key = tool.identityArg;
  if (!key || !identity || (args[key] !== undefined && args[key] !== null && args[key] !== '')) return args;
  return { ...args, [key]: identity.id };
}

/** Why a write cannot even be asked about (the guard checks again when it runs). */
function writeProblem(
  tool: ToolDefinition,
  args: Record<string, unknown>,
  identity: VerifiedIdentity | null,
  done: PendingWrite | null,
): string | null {
  const problems = checkArgs(tool, args);
  if (problems.length) return problems.join('; ');
  if (tool.identityArg) {
    if (!identity) return 'the customer is not verified';
    if (String(args[tool.identityArg]) !== identity.id) return "another customer's account";
  }
  if (done && done.tool === tool.name && JSON.stringify(done.args) === JSON.stringify(args)) return 'this change was just made';
  return null;
}

function verifiedBy(tool: ToolDefinition, args: Record<string, unknown>, data: unknown): VerifiedIdentity | null {
  const field = tool.verifies!.resultField;
  const v = field === '' ? data : argsObject(data)?.[field];
  if ((typeof v !== 'string' && typeof v !== 'number') || String(v) === '') return null;
  return { id: String(v), via: 'tool', tool: tool.name, using: Object.keys(args) };
}
