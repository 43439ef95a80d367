import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.ts';
import { copyTemplate, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace } from '../support/baton.ts';
import { spawnServer } from '../support/processes.ts';

// SIGKILL in the middle of a busy conversation: every acknowledged message survives, in order.
describe('crash and restart', () => {
  let dataDir: string;
  let pgTest: TestDatabase | null = null;
  let env: Record<string, string>;
  let slug: string;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      pgTest = await openTestDatabase();
      slug = (await seedWorkspace(pgTest.database.db)).slug;
      env = { DATABASE_URL: pgTest.url! };
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'baton-restart-'));
      await copyTemplate(dataDir);
      const database = await openDatabase({ dataDir });
      slug = (await seedWorkspace(database.db)).slug;
      await database.close();
      env = { BATON_DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await pgTest?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message', { timeout: 400_000 }, async () => {
    const first = await spawnServer(env);
    const api = apiClient(first.url);
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: slug } });
    const { token, conversation } = started.body;
    const acknowledged: string[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending; i++) {
        try {
          const res = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
            token,
            body: { text: `message ${i}` },
          });
          if (res.status === 201) acknowledged.push(`message ${i}`);
        } catch {
          return; // the server is gone
        }
      }
    })();
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    await first.kill('SIGKILL');
    sending = false;
    await sender;

    const second = await spawnServer(env);
    const back = await apiClient(second.url)('GET', `/api/v1/widget/conversations/${conversation.id}`, { token });
    expect(back.status).toBe(200);
    const customerTexts = back.body.messages.filter((m: any) => m.author === 'customer').map((m: any) => m.text);
    // Everything acknowledged is there, in order; at most the one in flight may be there too.
    expect(customerTexts.slice(0, acknowledged.length)).toEqual(acknowledged);
    expect(customerTexts.length - acknowledged.length).toBeLessThanOrEqual(1);
    const seqs = back.body.messages.map((m: any) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    await second.kill();
  });
});
