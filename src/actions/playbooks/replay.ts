// One pass over a playbook's steps with what is known so far. Every turn replays the playbook
// from its first step: slots the customer gave (now or earlier) are not asked again, reads made
// on an earlier turn come from the cache, and a change of mind (another order, another item)
// simply flows through to the confirmation. A write runs only at the step after a confirmation
// the customer said yes to on this very turn, through the guarded caller.
import { isDeepStrictEqual } from 'node:util';
import type { ActionsConfig, Playbook, Step } from '../config.ts';
import type { CallTool, ToolCallRecord, ToolDefinition, ToolOutcome, VerifiedIdentity } from '../types.ts';
import { holds } from './conditions.ts';
import { readLazy } from './recognise.ts';
import type { Active } from './state.ts';
import { fill, fillValue, resolvePath, rootsOf, text, type Scope } from './template.ts';
import { runnerText } from './texts.ts';
import { ownText } from '../../engine/text/localized.ts';

export type Record_ = (tool: ToolDefinition, args: Record<string, unknown>, outcome: ToolOutcome, summary: string) => ToolCallRecord;

export interface ReplayInput {
  config: ActionsConfig;
  playbook: Playbook;
  active: Active;
  identity: VerifiedIdentity | null;
  call: CallTool;
  answer: 'yes' | 'no' | null;
  turn: number;
  line: string;
  /** The conversation's language: which of the workspace's texts to say, and the runner's own words. */
  language: string | null;
  record: Record_;
}

export type ReplayEnd =
  | { kind: 'wait'; say: string[] }
  | { kind: 'done'; say: string[]; wrote: boolean }
  | { kind: 'goto'; playbook: string; say: string[] }
  | { kind: 'handoff'; reason: 'action_failed' | 'policy'; note: string; say: string[] }
  | { kind: 'other_account'; say: string[] };

/** Whether an error is the customer's to fix (a wrong order number, an order in the wrong state) rather than ours. */
function customersToFix(o: Extract<ToolOutcome, { ok: false }>): boolean {
  return o.error === 'http' && o.status !== undefined && o.status >= 400 && o.status < 500;
}

function argsFor(step: Extract<Step, { do: 'call' }>, scope: Scope): Record<string, unknown> {
  return Object.fromEntries(Object.entries(step.args).map(([k, t]) => [k, fillValue(t, scope)]));
}

export async function replay(inp: ReplayInput): Promise<ReplayEnd> {
  const { config, playbook, active, identity } = inp;
  const results: Record<string, unknown> = {};
  const say: string[] = [];
  let wrote = false;
  const scope = (): Scope => ({
    ...active.slots,
    ...results,
    labels: active.labels,
    entries: active.entries,
    identity: identity ? { id: identity.id } : null,
    user_id: identity?.id,
  });
  const steps = playbook.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    switch (step.do) {
      case 'ask': {
        const slot = playbook.slots.find((s) => s.name === step.slot);
        if (!slot) throw new Error(`playbook ${playbook.id}: no slot "${step.slot}"`);
        const lazy = readLazy(slot, active, scope(), inp.line);
        if (active.slots[slot.name] === undefined && slot.default) {
          const v = fillValue(slot.default, scope());
          if (v !== undefined && v !== null && v !== '') {
            active.slots[slot.name] = v;
            // Shown as a pick would show it, when a pick can.
            readLazy(slot, active, scope(), '');
            active.labels[slot.name] ??= text(v);
          }
        }
        if (active.slots[slot.name] !== undefined || slot.optional) continue;
        const choices = lazy.choices ?? [];
        const ask = ownText(slot.ask, inp.language);
        let q = fill(ask, { ...scope(), choices });
        if (lazy.unavailable) q = `${runnerText('optionUnavailable', inp.language)} ${q}`;
        if (choices.length > 0 && !ask.includes('{choices')) q += '\n' + choices.map((c) => `- ${c}`).join('\n');
        active.asked = slot.name;
        return { kind: 'wait', say: [...say, q] };
      }
      case 'call': {
        if (step.when && !holds(step.when, scope())) continue;
        const tool = config.tools.find((t) => t.name === step.tool);
        if (!tool) throw new Error(`playbook ${playbook.id}: no tool "${step.tool}"`);
        const list = step.each ? resolvePath(scope(), step.each) : [undefined];
        const outs: unknown[] = [];
        for (const each of Array.isArray(list) ? list : []) {
          const s = step.each ? { ...scope(), each } : scope();
          const args = argsFor(step, s);
          const key = `${tool.name}:${JSON.stringify(args)}`;
          if (tool.kind === 'read' && key in active.cache) {
            outs.push(active.cache[key]);
            continue;
          }
          const outcome = await inp.call(tool, args);
          const summary = outcome.ok
            ? step.summary
              ? fill(step.summary, { ...s, result: outcome.data, args })
              : `Called ${tool.name}`
            : `${tool.name} failed (${outcome.error}${outcome.status ? ` ${outcome.status}` : ''}): ${outcome.message}`;
          inp.record(tool, args, outcome, summary);
          if (!outcome.ok) return failure(inp, tool, args, outcome, say);
          if (tool.kind === 'read') active.cache[key] = outcome.data;
          else {
            wrote = true;
            active.pending = null;
          }
          outs.push(outcome.data);
        }
        if (step.as) results[step.as] = step.each ? outs : outs[0];
        continue;
      }
      case 'check': {
        if (holds(step.when, scope())) continue;
        if (step.goto) return { kind: 'goto', playbook: step.goto, say };
        const why = step.else ? fill(ownText(step.else, inp.language), scope()) : runnerText('notHere', inp.language);
        if (step.handoff) return { kind: 'handoff', reason: 'policy', note: why, say };
        active.blocked = true;
        return { kind: 'wait', say: [...say, why] };
      }
      case 'confirm': {
        const j = steps.findIndex((s, k) => k > i && s.do === 'call' && config.tools.find((t) => t.name === s.tool)?.kind === 'write');
        const write = steps[j] as Extract<Step, { do: 'call' }> | undefined;
        if (!write) throw new Error(`playbook ${playbook.id}: a confirm step with no write after it`);
        const args = argsFor(write, scope());
        const p = active.pending;
        if (p && p.tool === write.tool && isDeepStrictEqual(p.args, args) && inp.answer === 'yes' && inp.turn === p.askedAtTurn + 1)
          continue;
        const same = p && p.tool === write.tool && isDeepStrictEqual(p.args, args);
        active.pending = { tool: write.tool, args, askedAtTurn: inp.turn, step: j };
        active.asked = 'confirm';
        if (same && inp.answer === 'no') return { kind: 'done', say: [...say, runnerText('nothingChanged', inp.language)], wrote: false };
        const again = same && inp.answer === null ? `${runnerText('needYesOrNo', inp.language)} ` : '';
        return { kind: 'wait', say: [...say, again + fill(ownText(step.text, inp.language), scope())] };
      }
      case 'reply':
        say.push(fill(ownText(step.text, inp.language), scope()));
        continue;
    }
  }
  return { kind: 'done', say, wrote };
}

function failure(
  inp: ReplayInput,
  tool: ToolDefinition,
  args: Record<string, unknown>,
  o: Extract<ToolOutcome, { ok: false }>,
  say: string[],
): ReplayEnd {
  const { active } = inp;
  if (o.error === 'refused' && /another customer/.test(o.message)) {
    // Forget the value that pointed at someone else's account, so the customer can give their own.
    for (const [k, v] of Object.entries(active.slots)) if (Object.values(args).some((a) => isDeepStrictEqual(a, v))) delete active.slots[k];
    active.pending = null;
    return { kind: 'other_account', say };
  }
  if (!customersToFix(o)) {
    return {
      kind: 'handoff',
      reason: 'action_failed',
      note: `${tool.name} failed (${o.error}${o.status ? ` ${o.status}` : ''}): ${o.message}`,
      say,
    };
  }
  active.failures++;
  active.pending = null;
  if (active.failures >= 2) return { kind: 'handoff', reason: 'action_failed', note: `${tool.name} failed twice: ${o.message}`, say };
  if (tool.kind === 'read') {
    // A wrong number or name: forget the slots this call was built from and ask again.
    const step = inp.playbook.steps.find((s) => s.do === 'call' && s.tool === tool.name) as Extract<Step, { do: 'call' }> | undefined;
    const roots = new Set(Object.values(step?.args ?? {}).flatMap(rootsOf));
    for (const k of Object.keys(active.slots)) if (roots.has(k)) delete active.slots[k];
    return { kind: 'wait', say: [...say, runnerText('notFound', inp.language, o.message)] };
  }
  active.blocked = true;
  return { kind: 'wait', say: [...say, runnerText('notChanged', inp.language, o.message)] };
}
