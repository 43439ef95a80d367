import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { recordAudit } from '../../src/audit/log.ts';
import { ROOT } from '../support/paths.ts';
import { copyTemplate } from '../support/database.ts';

const run = promisify(execFile);

// `baton audit-log verify` on the embedded database: exit 0 on an intact chain; exit 1 naming
// the first broken entry once someone deleted one behind the database's back.
describe('baton audit-log verify', () => {
  let dir: string;
  let dataDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-audit-'));
    dataDir = join(dir, 'data');
    await copyTemplate(dataDir);
    const database = await openDatabase({ dataDir });
    await migrateToLatest(database);
    for (let i = 0; i < 5; i++)
      await recordAudit(database.db, { workspaceId: null, type: 'auth.login.failed', actor: { type: 'system', id: null }, data: { n: i } });
    await database.close();
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const verify = () =>
    run(process.execPath, ['bin/baton.js', 'audit-log', 'verify'], {
      cwd: ROOT,
      env: { ...process.env, BATON_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('passes an intact chain and names the first deleted entry', { timeout: 300_000 }, async () => {
    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Audit log intact: 5 entries; head [0-9a-f]{64}/);

    const database = await openDatabase({ dataDir });
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database.db);
    await sql`delete from audit_log where id = 3`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(database.db);
    await database.close();

    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN at entry 3: entry 3 is missing \(deleted\)/);
  });
});
