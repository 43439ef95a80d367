// What a new request takes from the one before it. "Where is my order #W5442520?" answered, then
// "cancel it": the order the customer just talked about is the one meant, so it is not asked for
// again. Only the request's subject is kept (the slots its look-ups were made with, such as the
// order), never the choices of a finished change (a reason, a payment method), and only when the
// new line points back at it; a line naming another order takes that one (it is read first).
import type { Playbook } from '../config.ts';
import type { ToolDefinition } from '../types.ts';
import type { Active, Subject } from './state.ts';
import { rootsOf } from './template.ts';

// "it", "that", "this order", "the same one", "them": the thing just talked about.
const POINTS_BACK = /\b(?:it|them|that(?: one| order)?|this(?: one| order)?|the same(?: one| order)?|the order)\b/i;
// "is it possible", "it's ok": an "it" that points at nothing.
const EMPTY_IT = /\b(?:is it|it'?s|it is|was it|it was) (?:possible|ok(?:ay)?|fine|too late|allowed)\b/gi;
// "my other order", "a different one": a line about something else.
const SOMETHING_ELSE = /\b(?:other|another|different|second|new|next)\b(?: \w+)? (?:one|order|purchase)s?\b/i;

export function pointsBack(line: string): boolean {
  const l = line.replace(EMPTY_IT, ' ');
  return POINTS_BACK.test(l) && !SOMETHING_ELSE.test(l);
}

/** The slots a playbook's look-ups were made with (the order looked up): what its request was about. */
export function subjectSlots(pb: Playbook, tools: ToolDefinition[]): string[] {
  const names = new Set(pb.slots.map((s) => s.name));
  const out = new Set<string>();
  for (const step of pb.steps) {
    if (step.do !== 'call' || tools.find((t) => t.name === step.tool)?.kind !== 'read') continue;
    for (const t of Object.values(step.args)) for (const r of rootsOf(t)) if (names.has(r)) out.add(r);
  }
  return [...out];
}

/** The subject of a request that is ending, to hand to the next one. */
export function subjectOf(pb: Playbook, tools: ToolDefinition[], active: Active): Subject | undefined {
  const subject: Subject = { slots: {}, labels: {}, entries: {} };
  for (const name of subjectSlots(pb, tools)) {
    if (active.slots[name] === undefined) continue;
    subject.slots[name] = active.slots[name];
    if (active.labels[name] !== undefined) subject.labels[name] = active.labels[name];
    if (active.entries[name] !== undefined) subject.entries[name] = active.entries[name];
  }
  return Object.keys(subject.slots).length ? subject : undefined;
}

/** Fills the new request's empty slots from the last subject when its line points back at it; true if any was. */
export function carrySubject(pb: Playbook, active: Active, subject: Subject | undefined, line: string): boolean {
  if (!subject || !pointsBack(line)) return false;
  let carried = false;
  for (const slot of pb.slots) {
    const v = subject.slots[slot.name];
    if (v === undefined || active.slots[slot.name] !== undefined) continue;
    active.slots[slot.name] = v;
    if (subject.labels[slot.name] !== undefined) active.labels[slot.name] = subject.labels[slot.name];
    if (subject.entries[slot.name] !== undefined) active.entries[slot.name] = subject.entries[slot.name];
    carried = true;
  }
  return carried;
}
