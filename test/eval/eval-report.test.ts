import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/db/database.ts';
import { readPolicy } from '../../src/workspaces/policy.ts';
import { confusionByIntent, HANDOFF_EXPECTED } from '../../src/engine/eval/report-confusion.ts';
import { seedWorkspace } from '../support/baton.ts';
import { copyTemplate } from '../support/database.ts';
import { ROOT } from '../support/paths.ts';
import { launchBrowser, shot } from '../browser/browser.ts';

const run = promisify(execFile);
const KB = join(ROOT, 'test/fixtures/clinc150-slice-kb.jsonl');
const TICKETS = join(ROOT, 'test/fixtures/clinc150-slice-tickets.jsonl');

// `baton eval` on a slice of CLINC150: the HTML report in a real browser (the curve chart, the
// confusion view, the numbers), and --apply-to writing the tuned threshold into a workspace.
describe('baton eval report and --apply-to', () => {
  let dir: string;
  let dataDir: string;
  let slug: string;
  let browser: Browser | undefined;
  let summary: Record<string, any>;
  let details: any[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-eval-'));
    dataDir = join(dir, 'data');
    await copyTemplate(dataDir);
    const database = await openDatabase({ dataDir });
    slug = (await seedWorkspace(database.db)).slug;
    await database.close();
    const args = ['bin/baton.js', 'eval', '--kb', KB, '--tickets', TICKETS, '--threshold', 'auto', '--target-precision', '0.9'];
    args.push('--json', join(dir, 'e.json'), '--report', join(dir, 'e.html'), '--details', join(dir, 'e.jsonl'), '--apply-to', slug);
    const out = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, BATON_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    expect(out.stdout).toMatch(new RegExp(`workspace ${slug}: confidenceThreshold [0-9.]+ \\(was the engine default\\)`));
    summary = JSON.parse(await readFile(join(dir, 'e.json'), 'utf8'));
    details = (await readFile(join(dir, 'e.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--apply-to wrote the threshold it evaluated into the workspace policy, with an event', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const ws = await database.db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
      expect(readPolicy(ws.policy).confidenceThreshold).toBe(summary.threshold);
      const events = await database.db
        .selectFrom('events')
        .select('data')
        .where('workspace_id', '=', ws.id)
        .where('type', '=', 'admin.policy.updated')
        .execute();
      expect(events.map((e) => e.data)).toEqual([
        expect.objectContaining({ changed: ['confidenceThreshold'], from: null, to: summary.threshold }),
      ]);
    } finally {
      await database.close();
    }
  });

  it('refuses --apply-to without a threshold to apply', async () => {
    await expect(
      run(process.execPath, ['bin/baton.js', 'eval', '--kb', KB, '--tickets', TICKETS, '--apply-to', slug], {
        cwd: ROOT,
        env: { ...process.env, BATON_DATA_DIR: dataDir },
      }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/--apply-to needs --threshold/),
    });
  });

  it('the report shows the curve chart, the summary numbers and the confusion by intent', { timeout: 120_000 }, async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'e.html')).href);
    const chart = page.locator('svg[aria-label="coverage and precision by threshold"]');
    await expect(chart.count()).resolves.toBe(1);
    expect(await chart.locator('polyline').count()).toBe(4);
    // The summary table carries the JSON's numbers.
    for (const key of ['tickets', 'answered_precision', 'coverage', 'handoff_recall', 'threshold']) {
      const cell = page.locator(`tr:has(th:text-is("${key}")) td`);
      expect(await cell.textContent(), key).toBe(String(summary[key]));
    }
    // The confusion view: a heat map and a row per expected intent, counted as in --details.
    await page.locator('#confusion').scrollIntoViewIfNeeded();
    const heat = page.locator('svg.confusion');
    await expect(heat.count()).resolves.toBe(1);
    const rows = confusionByIntent(details.map((d) => ({ ...d, expected: d.expected, turns: [], decision: { trace: {} }, question: '' })));
    const table = page.locator('table.confusion-table tr[data-intent]');
    expect(await table.count()).toBe(rows.length);
    expect(rows.map((r) => r.intent)).toContain(HANDOFF_EXPECTED);
    for (const r of rows) {
      const cells = await page.locator(`table.confusion-table tr[data-intent="${r.intent}"] td`).allTextContents();
      expect(cells.slice(0, 3), r.intent).toEqual([r.intent, String(r.tickets), String(r.correct)]);
      expect(r.tickets).toBe(
        details.filter((d) => (d.expected.outcome === 'handoff' ? HANDOFF_EXPECTED : d.expected.article) === r.intent).length,
      );
    }
    // Heat map cells hold the same counts as the table (every drawn row sums to its tickets).
    const drawn = await heat
      .locator('rect.cell')
      .evaluateAll((els) => els.map((e) => ({ expected: e.getAttribute('data-expected')!, count: Number(e.getAttribute('data-count')) })));
    for (const intent of new Set(drawn.map((d) => d.expected))) {
      expect(drawn.filter((d) => d.expected === intent).reduce((n, d) => n + d.count, 0)).toBe(
        rows.find((r) => r.intent === intent)!.tickets,
      );
    }
    await shot(page, 'eval-report-confusion');
  });
});
