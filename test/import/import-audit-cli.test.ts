import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/db/database.ts';
import { seedWorkspace } from '../support/baton.ts';
import { copyTemplate } from '../support/database.ts';
import { ROOT } from '../support/paths.ts';

const run = promisify(execFile);

// The CLI end to end: an Intercom export imported into a workspace (and to JSONL), then
// `baton audit` on the file and on the workspace, with the same verdicts and evidence.
describe('baton import and baton audit', () => {
  let dir: string;
  let dataDir: string;
  let slug: string;
  const baton = (args: string[]) =>
    run(process.execPath, ['bin/baton.js', ...args], { cwd: ROOT, env: { ...process.env, BATON_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-import-cli-'));
    dataDir = join(dir, 'data');
    await copyTemplate(dataDir);
    const database = await openDatabase({ dataDir });
    slug = (await seedWorkspace(database.db)).slug;
    await database.close();
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('imports, audits the file and the workspace alike, and writes evidence', { timeout: 300_000 }, async () => {
    const part = (type: string, body: string, t: number) => ({ part_type: 'comment', body, created_at: t, author: { type, id: type } });
    const conversations = [
      {
        id: 1,
        created_at: 1735725600,
        source: { type: 'conversation', body: '<p>My order 55120 never arrived.</p>', author: { type: 'user', id: 'u1' } },
        conversation_parts: {
          conversation_parts: [
            part('bot', 'Sorry! Let me find someone.', 1735725605),
            part('admin', 'Hi! What is your order number?', 1735725900),
            part('user', '55120', 1735725960),
          ],
        },
      },
      {
        id: 2,
        created_at: 1735729200,
        source: { type: 'conversation', body: 'I want to talk to a person', author: { type: 'user', id: 'u2' } },
        conversation_parts: {
          conversation_parts: [
            part('admin', 'Hi, how can I help?', 1735729300),
            part('user', 'I need a copy of my invoice from March.', 1735729360),
          ],
        },
      },
      {
        id: 3,
        created_at: 1735732800,
        source: { type: 'conversation', body: 'What are your opening hours?', author: { type: 'user', id: 'u3' } },
        conversation_parts: { conversation_parts: [part('bot', 'We are open 9 to 5.', 1735732802)] },
      },
      { id: 4, source: null, conversation_parts: { conversation_parts: [] } },
    ];
    const file = join(dir, 'intercom.json');
    await writeFile(file, JSON.stringify({ type: 'conversation.list', conversations }));

    const imported = await baton(['import', file, '--format', 'intercom', '--workspace', slug, '--out', join(dir, 'norm.jsonl')]);
    expect(imported.stdout).toMatch(`workspace ${slug}: 3 stored, 0 already there, 2 reached a human`);
    expect(imported.stdout).toMatch('3 conversations (2 reached a human), 1 problems');
    expect(imported.stderr).toMatch(/intercom\.json:4: a conversation without messages/);

    const fromFile = await baton([
      'audit',
      join(dir, 'norm.jsonl'),
      '--evidence',
      join(dir, 'ev-file.jsonl'),
      '--json',
      join(dir, 'a.json'),
    ]);
    expect(fromFile.stdout).toMatch(/reached a human\s+2/);
    expect(fromFile.stdout).toMatch(/customer re-explained\s+1 \(bad-handoff rate 50\.0%\)/);
    expect(JSON.parse(await readFile(join(dir, 'a.json'), 'utf8'))).toMatchObject({
      reached_human: 2,
      reexplained: 1,
      bad_handoff_rate: 0.5,
      asked_for: { order: 1 },
    });

    const fromWorkspace = await baton(['audit', '--workspace', slug, '--evidence', join(dir, 'ev-ws.jsonl')]);
    expect(fromWorkspace.stdout).toMatch(/customer re-explained\s+1 \(bad-handoff rate 50\.0%\)/);
    const lines = (p: string) =>
      readFile(p, 'utf8').then((t) =>
        t
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      );
    const [fileEv, wsEv] = [await lines(join(dir, 'ev-file.jsonl')), await lines(join(dir, 'ev-ws.jsonl'))];
    expect(fileEv.map((e) => e.reexplained).sort()).toEqual(wsEv.map((e) => e.reexplained).sort());
    const bad = fileEv.find((e) => e.reexplained);
    expect(bad.id).toBe('intercom-1');
    expect(bad.evidence[0]).toMatchObject({
      kind: 'asked_again',
      info: 'order',
      after: { text: 'What is your order number?' },
      before: { text: '55120' },
    });

    await expect(baton(['audit'])).rejects.toMatchObject({ stderr: expect.stringMatching(/either a <file> or --workspace/) });
  });
});
