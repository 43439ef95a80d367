import { describe, expect, it } from 'vitest';
import { guardedCaller, yesOrNo, type GuardContext } from './guard.ts';
import { toolDefinitionSchema, type CallTool, type ToolDefinition } from './types.ts';

const tool = (t: Partial<ToolDefinition> & Pick<ToolDefinition, 'name' | 'kind'>): ToolDefinition =>
  toolDefinitionSchema.parse({ method: 'POST', path: `/${t.name}`, input: { type: 'object', properties: {} }, ...t });

const cancel = tool({ name: 'cancel_pending_order', kind: 'write' });
const order = tool({ name: 'get_order_details', kind: 'read', ownerField: 'user_id' });
const user = tool({ name: 'get_user_details', kind: 'read', identityArg: 'user_id' });

/** Records what reached the "API" and answers with the given data. */
function api(data: unknown = { user_id: 'olivia' }) {
  const reached: string[] = [];
  const call: CallTool = async (t) => {
    reached.push(t.name);
    return { ok: true, status: 200, data, durationMs: 1 };
  };
  return { reached, call };
}

const ctx = (over: Partial<GuardContext> = {}): GuardContext => ({
  identity: { id: 'olivia', via: 'tool' },
  pending: null,
  answer: null,
  turn: 3,
  maxCallsPerTurn: 8,
  ...over,
});

describe('guard rails', () => {
  it('reads yes and no, and neither in a question or a change of subject', () => {
    expect(['yes', 'Yes please', 'ok, go ahead', 'sure!', 'Sí'].map(yesOrNo)).toEqual(['yes', 'yes', 'yes', 'yes', 'yes']);
    expect(['no', "No, don't", 'wait', 'not yet'].map(yesOrNo)).toEqual(['no', 'no', 'no', 'no']);
    expect(['where is my order?', 'yesterday I ordered a lamp'].map(yesOrNo)).toEqual([null, null]);
  });

  it('runs a write only on a yes to exactly that write, in the next turn, once', async () => {
    const args = { order_id: '#W1', reason: 'no longer needed' };
    const pending = { tool: 'cancel_pending_order', args, askedAtTurn: 2 };
    const none = api();
    expect(await guardedCaller(none.call, ctx())(cancel, args)).toMatchObject({ ok: false, error: 'refused' });
    expect(await guardedCaller(none.call, ctx({ pending, answer: 'no' }))(cancel, args)).toMatchObject({ ok: false });
    expect(await guardedCaller(none.call, ctx({ pending, answer: 'yes', turn: 4 }))(cancel, args)).toMatchObject({ ok: false });
    expect(
      await guardedCaller(none.call, ctx({ pending, answer: 'yes' }))(cancel, { ...args, reason: 'ordered by mistake' }),
    ).toMatchObject({
      ok: false,
    });
    expect(none.reached).toEqual([]);
    const yes = api();
    const guarded = guardedCaller(yes.call, ctx({ pending, answer: 'yes' }));
    expect(await guarded(cancel, args)).toMatchObject({ ok: true });
    expect(await guarded(cancel, args)).toMatchObject({ ok: false, message: 'one write per confirmation' });
    expect(yes.reached).toEqual(['cancel_pending_order']);
  });

  it("refuses another customer's account, before the call or by the record's owner", async () => {
    const a = api({ user_id: 'someone_else' });
    expect(await guardedCaller(a.call, ctx())(user, { user_id: 'someone_else' })).toMatchObject({ message: "another customer's account" });
    expect(a.reached).toEqual([]);
    expect(await guardedCaller(a.call, ctx())(order, { order_id: '#W2' })).toMatchObject({
      ok: false,
      message: "another customer's account",
    });
    expect(await guardedCaller(a.call, ctx({ identity: null }))(order, { order_id: '#W2' })).toMatchObject({ ok: false });
    expect(await guardedCaller(api().call, ctx())(order, { order_id: '#W3' })).toMatchObject({ ok: true });
  });

  it("looks up a write's record first and refuses a change to another customer's", async () => {
    const guarded = tool({ name: 'cancel_pending_order', kind: 'write', ownerLookup: 'get_order_details' });
    const orderLookup = tool({
      name: 'get_order_details',
      kind: 'read',
      ownerField: 'user_id',
      input: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
    });
    const args = { order_id: '#W9', reason: 'no longer needed' };
    const pending = { tool: 'cancel_pending_order', args, askedAtTurn: 2 };
    const theirs = api({ user_id: 'someone_else' });
    const refusedOutcome = await guardedCaller(theirs.call, ctx({ pending, answer: 'yes', tools: [orderLookup] }))(guarded, args);
    expect(refusedOutcome).toMatchObject({ ok: false, message: "another customer's account" });
    expect(theirs.reached).toEqual(['get_order_details']);
    // Without its lookup tool declared, the write does not run at all.
    const missing = api();
    expect(await guardedCaller(missing.call, ctx({ pending, answer: 'yes', tools: [] }))(guarded, args)).toMatchObject({ ok: false });
    expect(missing.reached).toEqual([]);
    const mine = api({ user_id: 'olivia' });
    expect(await guardedCaller(mine.call, ctx({ pending, answer: 'yes', tools: [orderLookup] }))(guarded, args)).toMatchObject({
      ok: true,
    });
    expect(mine.reached).toEqual(['get_order_details', 'cancel_pending_order']);
  });

  it('stops after the per-turn budget', async () => {
    const guarded = guardedCaller(api().call, ctx({ maxCallsPerTurn: 2 }));
    expect((await guarded(order, {})).ok).toBe(true);
    expect((await guarded(order, {})).ok).toBe(true);
    expect(await guarded(order, {})).toMatchObject({ ok: false, error: 'refused' });
  });
});
