import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/db/database.ts';
import { listArticles } from '../../src/db/repositories/knowledge.ts';
import { seedWorkspace } from '../support/baton.ts';
import { ROOT } from '../support/paths.ts';
import { copyTemplate } from '../support/database.ts';

const run = promisify(execFile);

// `baton ingest --workspace` stores articles in the embedded database, versioned, all or
// nothing (a bad line stores nothing), and refuses to open a data folder another process holds.
describe('baton ingest into a workspace', () => {
  let dir: string;
  let dataDir: string;
  let slug: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-ingest-'));
    dataDir = join(dir, 'data');
    await copyTemplate(dataDir);
    const database = await openDatabase({ dataDir });
    slug = (await seedWorkspace(database.db)).slug;
    await database.close();
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const baton = (args: string[]) =>
    run(process.execPath, ['bin/baton.js', ...args], { cwd: ROOT, env: { ...process.env, BATON_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });

  it('adds, updates, prunes, and reports bad lines', { timeout: 400_000 }, async () => {
    const kb = join(dir, 'kb.jsonl');
    await writeFile(
      kb,
      [
        JSON.stringify({ id: 'returns', title: 'Returns', body: 'Send items back within 30 days.' }),
        '{"id": "broken", ',
        JSON.stringify({ id: 'refunds', title: 'Refunds', body: 'Refunds now take 3 to 5 business days.' }),
      ].join('\n'),
    );
    // A bad line: reported with its number, and nothing stored (as the Knowledge page's upload).
    const refused = baton(['ingest', kb, '--workspace', slug, '--prune']);
    await expect(refused).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/2 articles .*1 problem/),
      stderr: expect.stringMatching(/kb\.jsonl:2: not valid JSON[\s\S]*nothing stored/),
    });
    await writeFile(
      kb,
      [
        JSON.stringify({ id: 'returns', title: 'Returns', body: 'Send items back within 30 days.' }),
        JSON.stringify({ id: 'refunds', title: 'Refunds', body: 'Refunds now take 3 to 5 business days.' }),
      ].join('\n'),
    );
    const first = await baton(['ingest', kb, '--workspace', slug, '--prune']);
    expect(first.stdout).toMatch(/2 articles/);
    expect(first.stdout).toMatch(/1 added, 1 updated, 0 unchanged, 1 deleted/);

    const database = await openDatabase({ dataDir });
    const articles = await listArticles(
      database.db,
      (await database.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id,
    );
    expect(articles.map((a) => a.id)).toEqual(['refunds', 'returns']);
    expect(articles[0]!.body).toContain('3 to 5');

    // While this process holds the folder, another is refused and nothing changes.
    await expect(baton(['ingest', kb, '--workspace', slug])).rejects.toMatchObject({ stderr: expect.stringMatching(/in use by process/) });
    await database.close();
  });
});
