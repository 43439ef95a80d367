import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { briefSetServer, loadBriefSet, provenance, type BriefSetServer, type CaseRun } from '../../bench/briefs/runner.ts';

// The brief tested like a product claim (issue 18): every scripted conversation of the brief set
// (bench/data/briefs/set.jsonl) through the widget API on one real server, each brief checked
// against what it must say and against its sources. `npx tsx bench/briefs.ts` prints the rate.

const cases = loadBriefSet();

describe('the brief set', () => {
  let tdb: TestDatabase;
  let server: BriefSetServer;
  const runs: CaseRun[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase();
    server = await briefSetServer(tdb.database);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.dispose();
  });

  it('has at least 40 scripted conversations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: the brief says what it must', async (_id, c) => {
    const run = await server.run(c);
    runs.push(run);
    expect(run.failures).toEqual([]);
  });

  it('the provenance check catches a quote that is not in its message, and an unsourced sentence', () => {
    const run = runs.find((r) => r.brief && r.brief.summary_sources.length > 0 && r.brief.goal)!;
    const brief = structuredClone(run.brief!);
    expect(provenance(brief, run.messages, server.articles)).toEqual([]);
    brief.goal = { ...brief.goal!, text: 'I want a pony.' };
    brief.summary += ' The customer is furious.';
    brief.knowledge.push({ id: 'made-up', title: 'Made up', url: null });
    const problems = provenance(brief, run.messages, server.articles);
    expect(problems.some((p) => p.startsWith('goal: "I want a pony."'))).toBe(true);
    expect(problems.some((p) => p.includes('unsourced text: "The customer is furious."'))).toBe(true);
    expect(problems.some((p) => p.startsWith('knowledge made-up'))).toBe(true);
  });
});
