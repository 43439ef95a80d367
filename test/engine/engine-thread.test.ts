import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotEngine, TurnInput } from '../../src/engine/types.ts';
import { createEngine } from '../../src/engine/index.ts';
import { EngineThread, threadedEngineFactory } from '../../src/engine/thread/engine-thread.ts';
import { demoArticles, OPEN_POLICY } from '../support/demo-knowledge.ts';

const demo = demoArticles();

const policy = OPEN_POLICY;
const turn = (text: string, history: TurnInput['history'] = []): TurnInput => ({ text, history, policy, locale: 'en' });

// The server's engines live in a worker thread (decisions/0005, fourth pass): the same
// decisions as the engine on the calling thread, and a thread that dies costs no workspace its bot.
describe('the engine thread', () => {
  const thread = new EngineThread();
  let here: BotEngine;
  let there: BotEngine;

  beforeAll(async () => {
    [here, there] = await Promise.all([createEngine(demo), threadedEngineFactory(thread)(demo, { workspaceId: 'w1' })]);
  }, 60_000);
  afterAll(() => thread.close());

  const questions = [
    'How do I get a refund?',
    'hi',
    'is there a human I can chat with? my card still hasn’t arrived',
    'what is 2+2',
    "I've lost all my savings and I don't want to live anymore",
    // Read by the signal detector's sentence encoder (the n-grams alone miss it), in the thread too.
    "i'm terrified of my husband",
    'Wie kann ich mein Passwort zurücksetzen?',
  ];

  it('decides as the engine on the calling thread, turns asked in one tick sent together', async () => {
    expect(there.defaultThreshold()).toBe(here.defaultThreshold());
    const [a, b] = await Promise.all([
      Promise.all(questions.map((q) => here.turn(turn(q)))),
      Promise.all(questions.map((q) => there.turn(turn(q)))),
    ]);
    expect(b).toEqual(a);
    // With an earlier exchange as context too.
    const history = [
      { role: 'customer' as const, text: 'How do I get a refund?' },
      { role: 'bot' as const, text: a[0]!.text },
    ];
    expect(await there.turn(turn('and how long does it take?', history))).toEqual(
      await here.turn(turn('and how long does it take?', history)),
    );
  });

  it('builds the engine again in a new thread after the thread stopped', async () => {
    const before = await there.turn(turn('How do I get a refund?'));
    await thread.close();
    expect(await there.turn(turn('How do I get a refund?'))).toEqual(before);
  }, 60_000);

  it('fails a turn in flight when the thread stops, and answers the next', async () => {
    const inFlight = there.turn(turn('How do I get a refund?'));
    await thread.close();
    await expect(inFlight).rejects.toThrow(/engine thread stopped/);
    expect((await there.turn(turn('hi'))).action).toBe((await here.turn(turn('hi'))).action);
  }, 60_000);
});
