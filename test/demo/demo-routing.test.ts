import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, startTestBaton, TestSocket, wsUrl } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SLUG, ensureDemoWorkspace } from '../../src/workspaces/demo.ts';
import { ensureDemoRouting } from '../../src/workspaces/demo-routing.ts';
import { ensureDemoMacros } from '../../src/workspaces/demo-macros.ts';

// The demo as a new user meets it: the seeded workspace on a real server, the printed admin
// logged in with the workspace open (a real socket makes them online), a customer on the widget
// API asking for a person. Whoever logs in first gets the handoff.
describe('demo routing', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let api: ReturnType<typeof apiClient>;
  let workspaceId: string;
  const sockets: TestSocket[] = [];
  const [ada, dana] = [DEMO_LOGINS[0]!, DEMO_LOGINS[1]!];

  const agentId = async (email: string) =>
    (await tdb.database.db.selectFrom('agents').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const statusOf = async (email: string) =>
    (await tdb.database.db.selectFrom('agents').select('status').where('email', '=', email).executeTakeFirstOrThrow()).status;
  /** Logs in and keeps the workspace's socket open, as the app does. */
  async function goOnline(email: string): Promise<string> {
    const token = await login(baton.url, email, DEMO_PASSWORD);
    sockets.push(await TestSocket.open(wsUrl(baton.url, '/api/v1/ws', token)));
    await expect.poll(() => statusOf(email)).toBe('online');
    return token;
  }
  /** A customer's conversation: each line in turn, the last asking for a person. */
  async function customer(lines: string[]) {
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: DEMO_SLUG, message: lines[0] } });
    expect(start.status).toBe(201);
    const { token, conversation } = start.body as { token: string; conversation: { id: string } };
    for (const text of lines.slice(1)) {
      const res = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } });
      expect(res.status).toBeLessThan(300);
    }
    return conversation.id;
  }
  const viewAs = async (token: string, id: string) => (await api('GET', `/api/v1/conversations/${id}`, { token })).body;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    workspaceId = (await ensureDemoWorkspace(tdb.database.db)).workspace.id;
    api = apiClient(baton.url);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await baton?.stop();
    await tdb?.dispose();
  });

  it('offers a billing handoff to the printed admin (Support) when nobody in Billing is online', async () => {
    const token = await goOnline(ada.email);
    const id = await customer(['How do I get a refund?', 'That did not help, I want a person']);
    const detail = await viewAs(token, id);
    expect(detail.conversation.status).toBe('queued');
    expect(detail.conversation.assignee_id).toBe(await agentId(ada.email));
    const routing = detail.handoffs.at(-1).routing;
    expect(routing.rule?.name).toBe('Billing questions to Billing');
    expect(routing.team_name).toBe('Support');
    expect(routing.why).toMatch(/overflow to Support/);
    // The admin can take it.
    const accepted = await api('POST', `/api/v1/conversations/${id}/accept`, { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation.status).toBe('with_agent');
  });

  it('sends everything else to Support, where the admin is', async () => {
    const token = await login(baton.url, ada.email, DEMO_PASSWORD);
    const id = await customer(['Can I talk to a person about my parcel?']);
    const detail = await viewAs(token, id);
    expect(detail.conversation.assignee_id).toBe(await agentId(ada.email));
    expect(detail.handoffs.at(-1).routing.rule?.name).toBe('Everything else to Support');
    expect(detail.handoffs.at(-1).routing.team_name).toBe('Support');
  });

  it('gives billing handoffs to Billing once someone there is online', async () => {
    await goOnline(dana.email);
    const id = await customer(['How do I get a refund?', 'I want a person']);
    const token = await login(baton.url, ada.email, DEMO_PASSWORD);
    const detail = await viewAs(token, id);
    expect(detail.conversation.assignee_id).toBe(await agentId(dana.email));
    expect(detail.handoffs.at(-1).routing.team_name).toBe('Billing');
  });

  it('seeds its routing once and keeps what an admin set', async () => {
    expect(await ensureDemoRouting(tdb.database.db, workspaceId)).toBe(false);
    const token = await login(baton.url, ada.email, DEMO_PASSWORD);
    const rules = (await api('GET', '/api/v1/admin/routing-rules', { token })).body.rules as { name: string }[];
    expect(rules.map((r) => r.name)).toEqual(['Billing questions to Billing', 'Everything else to Support']);
    // A restart of `baton serve --demo` runs the seed again: nothing changes.
    expect((await ensureDemoWorkspace(tdb.database.db)).created).toBe(false);
    expect((await api('GET', '/api/v1/admin/routing-rules', { token })).body.rules).toHaveLength(2);
  });

  it("seeds its macros once, with a safety check-in, and never over an admin's own", async () => {
    const token = await login(baton.url, ada.email, DEMO_PASSWORD);
    const titles = async () => ((await api('GET', '/api/v1/macros', { token })).body.macros as { title: string }[]).map((m) => m.title);
    const seeded = await titles();
    expect(seeded).toContain('Are you safe right now?');
    expect(seeded.length).toBeGreaterThanOrEqual(3);
    expect((await ensureDemoWorkspace(tdb.database.db)).created).toBe(false);
    expect((await titles()).sort()).toEqual([...seeded].sort());
    expect(await ensureDemoMacros(tdb.database.db, workspaceId)).toBe(false);
  });

  it('seeds the safety check-in in each language the bot answers in', async () => {
    const token = await login(baton.url, ada.email, DEMO_PASSWORD);
    const macros = (await api('GET', '/api/v1/macros', { token })).body.macros as {
      title: string;
      tags: string[];
      language: string | null;
    }[];
    const checkIns = macros.filter((m) => m.tags.includes('safety'));
    expect(checkIns.map((m) => m.language).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']);
    expect(checkIns.find((m) => m.language === 'pt')?.title).toBe('Está em segurança agora?');
  });
});
