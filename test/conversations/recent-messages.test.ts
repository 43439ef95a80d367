import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RecentMessages } from '../../src/conversations/recent-messages.ts';
import type { MessageRow } from '../../src/db/schema.ts';

// A line's statement sends its own notice (decisions/0005), which may reach the hub before the
// statement's result: the hub then waits for the write in flight instead of reading the row back.
const row = (conversationId: string): MessageRow =>
  ({ id: randomUUID(), conversation_id: conversationId, workspace_id: randomUUID(), seq: 1, author: 'customer' }) as MessageRow;

describe('messages written here', () => {
  it('waits for a write in flight in the conversation before answering', async () => {
    const written = new RecentMessages();
    const message = row('c1');
    let finish!: () => void;
    const write = written.during(
      'c1',
      new Promise<void>((resolve) => (finish = resolve)).then(() => written.remember(message, 'sealed')),
    );
    const asked = written.settled('c1', message.id);
    finish();
    await write;
    expect(await asked).toEqual({ message, piiState: 'sealed' });
  });

  it('answers at once when nothing is in flight, and a failed write does not stop the wait', async () => {
    const written = new RecentMessages();
    expect(await written.settled('c2', randomUUID())).toBeUndefined();
    const failed = written.during('c2', Promise.reject(new Error('guard failed')));
    const asked = written.settled('c2', randomUUID());
    await expect(failed).rejects.toThrow('guard failed');
    expect(await asked).toBeUndefined();
  });
});
