import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient, login } from '../support/baton.ts';
import { agentLogin, shot, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// The admin in a real browser against a real server: a team, a routing rule to it, a knowledge
// upload listed; personal data revealed in a conversation (and recorded), refused clearly to a
// role that may not, and absent for a viewer; admin screens without horizontal scrolling.
describe('admin and personal data in the browser', () => {
  const env = useBrowserBaton({ workspace: 'globex' });
  let conversationId: string;
  const PLANTED = 'pia.planted@example.org';
  const api = () => apiClient(env.baton.url);

  beforeAll(async () => {
    // A customer writes their e-mail address: staff see it only as a token until revealed.
    const started = await api()('POST', '/api/v1/widget/conversations', {
      body: { workspace: env.ws.slug, customer: { name: 'Pia' }, message: `Please send the invoice to ${PLANTED} today` },
    });
    expect(started.status).toBe(201);
    conversationId = started.body.conversation.id;
  });

  async function page(email: string, password: string, width = 1280): Promise<Page> {
    const ctx = await env.browser.newContext({ viewport: { width, height: 800 } });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const p = await ctx.newPage();
    p.on('dialog', (d) => void d.dismiss());
    await agentLogin(p, env.baton.url, email, password);
    return p;
  }

  it('creates a team and a rule, uploads knowledge, reveals personal data on record', { timeout: 90_000 }, async () => {
    const admin = await page(env.ws.admin.email, env.ws.admin.password);

    // Teams: the server's validation message appears next to the field, then the team is created.
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Teams' }).click();
    await admin.getByRole('button', { name: 'Add team' }).click();
    const teamForm = admin.getByRole('form', { name: 'New team' });
    await teamForm.getByLabel('Team name').fill('Billing');
    await teamForm.getByLabel('Skills').fill('invoices, refunds');
    await teamForm.getByLabel('SLA (minutes)').fill('0');
    await teamForm.getByRole('checkbox', { name: /agent of globex/ }).check();
    await teamForm.getByRole('button', { name: 'Create team' }).click();
    const slaField = teamForm.getByLabel('SLA (minutes)');
    await teamForm
      .locator('.field', { has: admin.getByLabel('SLA (minutes)') })
      .locator('.field-error')
      .waitFor();
    expect(await slaField.getAttribute('aria-invalid')).toBe('true');
    await slaField.fill('10');
    await teamForm.getByRole('button', { name: 'Create team' }).click();
    const row = admin.getByRole('row', { name: /Billing/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('10 min');
    expect(await row.textContent()).toContain('agent of globex');

    // Routing rules: a rule sending billing intents to the new team.
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Routing rules' }).click();
    await admin.getByRole('button', { name: 'Add rule' }).click();
    const ruleForm = admin.getByRole('form', { name: 'New routing rule' });
    await ruleForm.getByLabel('Rule name').fill('Billing questions');
    await ruleForm.getByLabel('Team', { exact: true }).selectOption({ label: 'Billing' });
    await ruleForm.getByLabel('Intents').fill('billing, invoice');
    await ruleForm.getByRole('checkbox', { name: 'Customer asked for a person' }).check();
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    const rule = admin.locator('.rule-list li', { hasText: 'Billing questions' });
    await rule.waitFor();
    expect(await rule.textContent()).toContain('Team Billing');
    await shot(admin, 'admin-routing-rules');

    // Knowledge: a small JSONL file, uploaded and listed.
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Knowledge' }).click();
    const jsonl = [
      { id: 'gift-cards', title: 'Gift cards', body: 'Gift cards never expire.' },
      {
        id: 'invoices',
        title: 'Invoices',
        body: 'Invoices are sent by e-mail on the first of the month.',
        url: 'https://help.example.test/invoices',
      },
    ]
      .map((a) => JSON.stringify(a))
      .join('\n');
    await admin
      .getByLabel('Knowledge files')
      .setInputFiles({ name: 'faq.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) });
    await admin.getByRole('button', { name: 'Upload', exact: true }).click();
    await admin.getByText('Upload done: 2 added').waitFor();
    const articles = admin.getByRole('table', { name: 'Knowledge articles' });
    await articles.getByRole('link', { name: 'Gift cards', exact: true }).waitFor();
    await articles.getByRole('link', { name: 'Invoices', exact: true }).waitFor();
    // A bad line is refused with its line number.
    await admin
      .getByLabel('Knowledge files')
      .setInputFiles({ name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"id":"x","title":"X"}\n') });
    await admin.getByRole('button', { name: 'Upload', exact: true }).click();
    await admin.getByRole('alert').filter({ hasText: 'bad.jsonl, line 1' }).waitFor();
    await shot(admin, 'admin-knowledge');

    // Personal data: a token in the transcript until revealed, then the value, on record.
    await admin.goto(`${env.baton.url}/app/c/${conversationId}`);
    const customerMsg = admin.locator('.msg-customer .msg-text').first();
    await customerMsg.getByText('<EMAIL_1>').waitFor();
    expect(await admin.locator('main').textContent()).not.toContain(PLANTED);
    await admin.getByRole('button', { name: 'Reveal personal data' }).click();
    await customerMsg.locator('mark.revealed', { hasText: PLANTED }).waitFor();
    await admin.getByText('This reveal is recorded in the audit trail').waitFor();
    await shot(admin, 'workspace-reveal');
    const events = await env.tdb.database.db
      .selectFrom('events')
      .select(['type', 'actor_type', 'actor_id'])
      .where('conversation_id', '=', conversationId)
      .where('type', '=', 'pii.revealed')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_type: 'agent', actor_id: env.ws.admin.id });
    await admin.getByRole('button', { name: 'Hide personal data' }).click();
    await customerMsg.getByText('<EMAIL_1>').waitFor();
    await admin.context().close();
  });

  it('subscribes a webhook to event types the server lists, and shows its secret once', { timeout: 60_000 }, async () => {
    const admin = await page(env.ws.admin.email, env.ws.admin.password);
    await admin.goto(`${env.baton.url}/app/admin/webhooks`);
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    const form = admin.getByRole('form', { name: 'New webhook' });
    // Every type the API accepts is offered, none more.
    const offered = await form
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((b) => (b.closest('label')?.textContent ?? '').trim()));
    const listed = (
      await api()('GET', '/api/v1/webhooks', { token: await login(env.baton.url, env.ws.admin.email, env.ws.admin.password) })
    ).body.event_types as string[];
    expect(offered.filter((t) => !t.startsWith('Allow private'))).toEqual(listed.map((t) => (t === '*' ? 'Every event' : t)));
    await form.getByLabel('URL').fill('http://127.0.0.1:9/hook');
    await form.getByRole('checkbox', { name: 'message.created' }).check();
    await form.getByRole('checkbox', { name: /Allow private/ }).check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = admin.getByLabel('Signing secret for the new webhook.');
    expect(await secret.inputValue()).toMatch(/\S{20,}/);
    await admin.getByRole('heading', { name: 'http://127.0.0.1:9/hook' }).waitFor();
    await admin.getByText(/conversation\.handoff, message\.created/).waitFor();
    await admin.context().close();
  });

  it('refuses the reveal clearly to a role the policy leaves out, and shows a viewer no button', { timeout: 60_000 }, async () => {
    const adminToken = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
    const set = await api()('PUT', '/api/v1/admin/policy', { token: adminToken, body: { revealRoles: ['admin'] } });
    expect(set.status).toBe(200);
    try {
      const agent = await page(env.ws.agent.email, env.ws.agent.password);
      await agent.goto(`${env.baton.url}/app/c/${conversationId}`);
      await agent.getByRole('button', { name: 'Reveal personal data' }).click();
      const refusal = agent.getByRole('alert').filter({ hasText: 'You may not reveal personal data here' });
      await refusal.waitFor();
      expect(await agent.locator('main').textContent()).not.toContain(PLANTED);
      await agent.context().close();

      const viewer = await page(env.ws.viewer.email, env.ws.viewer.password);
      await viewer.goto(`${env.baton.url}/app/c/${conversationId}`);
      await viewer.locator('.msg-customer .msg-text').first().getByText('<EMAIL_1>').waitFor();
      expect(await viewer.getByRole('button', { name: 'Reveal personal data' }).count()).toBe(0);
      await viewer.context().close();
    } finally {
      await api()('PUT', '/api/v1/admin/policy', { token: adminToken, body: {} });
    }
  });

  it(
    'shows the default safety replies, and keeps the workspace’s own text until the default is chosen again',
    { timeout: 60_000 },
    async () => {
      // A workspace in English and German: the reply is written in each.
      await api()('PUT', '/api/v1/admin/policy', { token: env.ws.adminKey, body: { languages: ['en', 'de'] } });
      const admin = await page(env.ws.admin.email, env.ws.admin.password, 1440);
      await admin.goto(`${env.baton.url}/app/admin/policy`);
      const danger = admin.getByRole('group', { name: 'Danger' });
      await danger.getByText('Default', { exact: true }).waitFor();
      expect(await danger.locator('blockquote').textContent()).toMatch(/911 in the US and Canada, 999 in the UK, 112 in the EU/);
      await danger.getByText(/Sent in the customer’s language/).click();
      expect(await danger.getByRole('definition').count()).toBeGreaterThanOrEqual(6);
      await shot(admin, 'policy-safety-1440');

      // The form starts from the default in each of the workspace's languages; blank, it is refused where it is written.
      await danger.getByRole('button', { name: 'Write your own' }).click();
      const [english, german] = [danger.getByLabel('Danger reply in English'), danger.getByLabel('Danger reply in German')];
      expect(await german.inputValue()).toMatch(/^Ich gebe dieses Gespräch/);
      await english.fill('   ');
      await german.fill('');
      await danger.getByRole('button', { name: 'Save' }).click();
      await danger.getByRole('alert').getByText('Write the text in at least one language, or use the default.').waitFor();
      expect((await api()('GET', '/api/v1/admin/policy', { token: env.ws.adminKey })).body.policy.dangerMessage).toBeNull();
      const own = {
        en: 'If you are in danger now, call 000 (Australia) or 111 (New Zealand).',
        de: 'Wenn Sie jetzt in Gefahr sind, rufen Sie 110 an.',
      };
      await english.fill(own.en);
      await german.fill(own.de);
      await shot(admin, 'policy-safety-form-1440');
      await danger.getByRole('button', { name: 'Save' }).click();
      await danger.getByText('Your text', { exact: true }).waitFor();
      expect(await danger.getByRole('definition').allTextContents()).toEqual([own.en, own.de]);
      const stored = await api()('GET', '/api/v1/admin/policy', { token: env.ws.adminKey });
      expect(stored.body.policy).toMatchObject({ dangerMessage: own, crisisMessage: null });
      await admin.setViewportSize({ width: 1280, height: 800 });
      expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot(admin, 'policy-safety-1280');

      await danger.getByRole('button', { name: 'Use the default' }).click();
      await danger.getByText('Default', { exact: true }).waitFor();
      expect((await api()('GET', '/api/v1/admin/policy', { token: env.ws.adminKey })).body.policy.dangerMessage).toBeNull();
      await api()('PUT', '/api/v1/admin/policy', { token: env.ws.adminKey, body: {} });
      await admin.context().close();
    },
  );

  it(
    'reads the threshold off a tickets file, refuses a bad one line by line, and uses the one suggested',
    { timeout: 60_000 },
    async () => {
      // The scripted engine answers an article whose title the message names, at 0.9, and hands off
      // the rest at 0.1: one ticket gets the wrong article, so 2 of 3 answers are right.
      const ticket = (id: string, text: string, expected: object) =>
        JSON.stringify({ id, messages: [{ role: 'customer', text }], expected });
      const good = [
        ticket('a', 'how do refunds work', { outcome: 'answer', article: 'refunds' }),
        ticket('b', 'shipping to mars?', { outcome: 'answer', article: 'shipping' }),
        ticket('c', 'refunds on shipping costs', { outcome: 'answer', article: 'shipping' }),
        ticket('d', 'is there a warranty', { outcome: 'handoff' }),
      ].join('\n');
      const admin = await page(env.ws.admin.email, env.ws.admin.password, 1280);
      await admin.goto(`${env.baton.url}/app/admin/policy`);
      const form = admin.getByRole('form', { name: 'Threshold from your tickets' });
      const file = form.getByLabel('Tickets file (JSONL)');
      await file.setInputFiles({ name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${good}\n{"id": "e"}\n`) });
      await form.getByRole('button', { name: 'Check' }).click();
      const alert = form.getByRole('alert');
      await alert.getByText(/^1 ticket line is not valid/).waitFor();
      expect(await alert.getByRole('table', { name: 'Upload problems' }).locator('tbody tr td').allTextContents()).toEqual([
        'bad.jsonl, line 5',
        expect.stringMatching(/^messages: /),
      ]);

      await file.setInputFiles({ name: 'tickets.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(good) });
      await form.getByLabel('Target answered precision (%)').fill('60');
      const table = form.getByRole('table', { name: 'Threshold figures' });
      // Checked again, the table is replaced: read it once the threshold in force shows its new value.
      const rows = async (inForce: string) => {
        await form.getByRole('button', { name: 'Check' }).click();
        await table.locator('tbody tr').first().locator('td').first().getByText(inForce, { exact: true }).waitFor();
        return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
      };
      // The engine's default reaches the target: nothing to change.
      expect(await rows('0.5')).toEqual([
        ['In force now (the engine’s default)', '0.5', '3', '2', '67%', '100%'],
        ['Lowest for 60% precision', '0.9', '3', '2', '67%', '100%'],
      ]);
      await form.getByText('The threshold in force already reaches 60% answered precision on these tickets.').waitFor();
      expect(await form.getByRole('button', { name: /^Use / }).count()).toBe(0);
      // A workspace threshold so high that the bot answers nothing: the suggestion is offered.
      await api()('PUT', '/api/v1/admin/policy', { token: env.ws.adminKey, body: { confidenceThreshold: 0.95 } });
      expect(await rows('0.95')).toEqual([
        ['In force now (the workspace’s)', '0.95', '0', '0', '—', '100%'],
        ['Lowest for 60% precision', '0.9', '3', '2', '67%', '100%'],
      ]);
      await shot(admin, 'policy-threshold-1280');
      await form.getByRole('button', { name: 'Use 0.9 as the workspace threshold' }).click();
      await form.getByRole('status').getByText('The workspace threshold is now 0.9').waitFor();
      expect((await api()('GET', '/api/v1/admin/policy', { token: env.ws.adminKey })).body.policy.confidenceThreshold).toBe(0.9);
      await api()('PUT', '/api/v1/admin/policy', { token: env.ws.adminKey, body: {} });
      await admin.context().close();
    },
  );

  it('lays the admin screens out without horizontal scrolling at 375 and 1280 px', { timeout: 60_000 }, async () => {
    const admin = await page(env.ws.admin.email, env.ws.admin.password, 375);
    for (const width of [375, 1280]) {
      await admin.setViewportSize({ width, height: 800 });
      // Phones get every screen; the wide layout, which has room to spare, the table-heavy ones.
      // In-app navigation (the links), as people move around: no full reload per screen.
      const screens =
        width === 375
          ? ['Routing rules', 'Teams', 'Agents', 'Knowledge', 'API keys', 'Webhooks', 'Connectors', 'Analytics']
          : ['Teams', 'Knowledge', 'Analytics'];
      await admin.goto(`${env.baton.url}/app/admin/policy`);
      for (const screen of screens) {
        const nav =
          screen === 'Analytics' ? admin.getByRole('navigation', { name: 'Sections' }) : admin.getByRole('navigation', { name: 'Admin' });
        await nav.getByRole('link', { name: screen, exact: true }).click();
        await admin.getByRole('heading', { level: 1, name: screen, exact: true }).waitFor();
        // Every loader gone (a screen may show two at once: one locator would be ambiguous).
        await admin.waitForFunction(
          () => !Array.from(document.querySelectorAll('[role=status]')).some((e) => e.textContent?.includes('Loading…')),
        );
        // Analytics: the figures and charts when the server has the routes, "not available" otherwise.
        if (screen === 'Analytics') await admin.locator('.kpis, .not-available, [role=alert]').first().waitFor();
        const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${screen} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await admin.goto(`${env.baton.url}/app/admin/routing`);
      await admin.locator('.rule-list li').first().waitFor();
      await admin.getByRole('button', { name: 'Add rule' }).click();
      const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `rule form at ${width}px`).toBeLessThanOrEqual(0);
      await shot(admin, `admin-rule-form-${width}`);
    }
    await admin.context().close();
  });
});
