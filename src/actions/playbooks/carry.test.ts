import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionsConfigSchema } from '../config.ts';
import { carrySubject, pointsBack, subjectOf, subjectSlots } from './carry.ts';
import { newActive } from './state.ts';

const config = actionsConfigSchema.parse(
  JSON.parse(readFileSync(new URL('../../../bench/retail/workspace.json', import.meta.url), 'utf8')),
);
const playbook = (id: string) => config.playbooks.find((p) => p.id === id)!;

describe('carrying the subject of a request into the next', () => {
  it('reads a line that points back at what was just talked about', () => {
    for (const l of ['cancel it', 'Please cancel that order', 'can I return it?', 'the same one please', 'cancel this order too'])
      expect(pointsBack(l), l).toBe(true);
    for (const l of ['I want to cancel an order', 'cancel my other order', 'Is it possible to cancel an order?', 'a different order'])
      expect(pointsBack(l), l).toBe(false);
  });

  it("takes a playbook's subject from the slots its look-ups use, never a change's choices", () => {
    expect(subjectSlots(playbook('cancel-order'), config.tools)).toEqual(['order_id']);
    expect(subjectSlots(playbook('change-user-address'), config.tools)).toEqual([]);
    const ended = newActive('cancel-order', []);
    Object.assign(ended.slots, { order_id: '#W5442520', reason: 'no longer needed' });
    ended.labels.order_id = '#W5442520';
    expect(subjectOf(playbook('cancel-order'), config.tools, ended)).toEqual({
      slots: { order_id: '#W5442520' },
      labels: { order_id: '#W5442520' },
      entries: {},
    });
  });

  it('fills only empty slots, and only when the line points back', () => {
    const subject = { slots: { order_id: '#W5442520' }, labels: { order_id: '#W5442520' }, entries: {} };
    const a = newActive('return-items', ['can I return it?']);
    expect(carrySubject(playbook('return-items'), a, subject, 'can I return it?')).toBe(true);
    expect(a.slots).toEqual({ order_id: '#W5442520' });

    const named = newActive('return-items', []);
    named.slots.order_id = '#W7941031';
    expect(carrySubject(playbook('return-items'), named, subject, 'return that one, #W7941031')).toBe(false);
    expect(named.slots.order_id).toBe('#W7941031');

    const fresh = newActive('cancel-order', []);
    expect(carrySubject(playbook('cancel-order'), fresh, subject, 'I want to cancel an order')).toBe(false);
    expect(fresh.slots).toEqual({});
  });
});
