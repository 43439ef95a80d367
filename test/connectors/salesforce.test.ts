import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/standin.ts';
import { customerAsksForHuman, startHarness, threadOf, type Harness } from './support/setup.ts';
import {
  calloutBody,
  closedEvent,
  commentEvent,
  emailEvent,
  SalesforceStandIn,
  SF_API,
  SF_CLIENT_ID,
  SF_CLIENT_SECRET,
  SF_ORG_ID,
  SF_USER_ID,
  type SfCase,
} from './support/salesforce-standin.ts';

// Salesforce Service Cloud, the Case path (developer.salesforce.com; docs/connectors.md): client credentials
// token from the My Domain, a Case per handoff (upsert by External ID, or create + SOQL lookup),
// the brief as unpublished CaseComments, customer lines as published ones, Status to close; the
// printed Apex callout brings agent comments, e-mails and closes back with a shared secret.
const SECRET = 'sf-callout-secret-0123456789';
const QUEUE = '00G5g000004SupQEAS';
const HANDOFF_FIELD = 'Baton_Handoff_Id__c';

describe('Salesforce connector', () => {
  let h: Harness;
  const sf = new SalesforceStandIn({
    customFields: [HANDOFF_FIELD, 'Baton_Intent__c', 'Baton_Confidence__c'],
    externalIdFields: [HANDOFF_FIELD],
  });
  let webhookPath = '';

  const configure = async (extra: Record<string, unknown>) => {
    const put = await h.api('PUT', '/api/v1/connectors/salesforce', {
      token: h.adminToken,
      body: {
        config: { base_url: sf.url, allow_private_network: true, queue_map: { [h.ws.teamId]: QUEUE }, ...extra },
        credentials: { client_id: SF_CLIENT_ID, client_secret: SF_CLIENT_SECRET, webhook_secret: SECRET },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  };
  const handoffOf = async (conversationId: string) =>
    (await h.tdb.database.db.selectFrom('handoffs').select('id').where('conversation_id', '=', conversationId).executeTakeFirstOrThrow())
      .id;
  const casesFor = async (conversationId: string) => sf.byHandoff(HANDOFF_FIELD, await handoffOf(conversationId));
  const caseFor = (conversationId: string) => waitFor(async () => (await casesFor(conversationId))[0], 15_000, 'case');
  const callout = (body: string, headers: Record<string, string> = { 'x-baton-secret': SECRET }) =>
    h.api('POST', webhookPath, { rawBody: body, headers: { 'content-type': 'application/json', ...headers } });
  const conversation = async (c: { id: string; token: string }) =>
    (await h.api('GET', `/api/v1/widget/conversations/${c.id}`, { token: c.token })).body;
  const agentLines = async (c: { id: string; token: string }) =>
    (await conversation(c)).messages.filter((m: any) => m.author === 'agent').map((m: any) => m.text);

  beforeAll(async () => {
    await sf.start();
    h = await startHarness();
    webhookPath = `/api/v1/connectors/salesforce/webhook/${h.ws.id}`;
    await configure({ handoff_field: HANDOFF_FIELD, intent_field: 'Baton_Intent__c', confidence_field: 'Baton_Confidence__c' });
  });
  afterAll(async () => {
    await h?.stop();
    await sf.stop();
  });
  // On failure, what the stand-in saw (paths and statuses only).
  afterEach((ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    console.error(
      'violations',
      sf.violations,
      'last calls',
      sf.requests.slice(-12).map((r) => `${r.method} ${r.path}`),
    );
  });

  it('tests the connection and prints the set-up; learns the org and the integration user', async () => {
    const test = await h.api('POST', '/api/v1/connectors/salesforce/test', { token: h.adminToken });
    expect(test.body).toMatchObject({ ok: true });
    expect(test.body.detail).toContain(SF_ORG_ID);
    const token = sf.calls('POST', '/services/oauth2/token')[0]!;
    expect(new URLSearchParams(token.raw).get('grant_type')).toBe('client_credentials');

    const setup = await h.api('POST', '/api/v1/connectors/salesforce/setup', { token: h.adminToken, body: { public_url: h.baton.url } });
    expect(setup.status).toBe(200);
    expect(setup.body.webhook_url.replace(h.baton.url, '')).toBe(`/api/v1/connectors/salesforce/webhook/${h.ws.id}`);
    expect(setup.body.registered).toEqual([]);
    const steps = setup.body.manual_steps.join('\n');
    for (const needle of [
      'Enable Client Credentials Flow',
      'X-Baton-Secret',
      '{!$Credential.Baton.secret}',
      setup.body.webhook_url,
      'trigger BatonCaseComment',
      'trigger BatonCaseClosed',
      `${HANDOFF_FIELD} != null`,
      SF_USER_ID,
    ]) {
      expect(steps).toContain(needle);
    }
    const list = await h.api('GET', '/api/v1/connectors', { token: h.adminToken });
    expect(list.body.vendors.map((v: any) => v.vendor)).toContain('salesforce');
    const mine = list.body.connectors.find((x: any) => x.vendor === 'salesforce');
    expect(mine.config).toMatchObject({ organization_id: SF_ORG_ID, integration_user_id: SF_USER_ID });
    expect(JSON.stringify(list.body)).not.toContain(SF_CLIENT_SECRET);
    expect(sf.violations).toEqual([]);
  });

  it('hands off as a Case (upsert by External ID, queue owner, brief unpublished), mirrors, and takes agent replies and the close back', async () => {
    // Set-up records the org (callouts from another org are refused) and the integration user (echoes).
    expect(
      (await h.api('POST', '/api/v1/connectors/salesforce/setup', { token: h.adminToken, body: { public_url: h.baton.url } })).status,
    ).toBe(200);
    const tokensBefore = sf.tokensIssued.length;
    const c = await customerAsksForHuman(h);
    const handoffId = await handoffOf(c.id);
    const kase: SfCase = await caseFor(c.id);
    await waitFor(() => kase.comments.length > 0, 15_000, 'brief');
    const upsert = sf.calls('PATCH', `${SF_API}/sobjects/Case/${HANDOFF_FIELD}/`).at(-1)!;
    expect(upsert.path).toBe(`${SF_API}/sobjects/Case/${HANDOFF_FIELD}/${handoffId}`);
    expect(upsert.headers['sforce-auto-assign']).toBe('FALSE');
    expect(upsert.headers.authorization).toMatch(/^Bearer /);
    expect(kase.fields).toMatchObject({
      [HANDOFF_FIELD]: handoffId,
      OwnerId: QUEUE,
      Origin: 'Web',
      Status: 'New',
      Baton_Intent__c: 'refunds',
      Baton_Confidence__c: 1,
    });
    expect(upsert.body[HANDOFF_FIELD]).toBeUndefined();
    // With the custom fields configured, intent and confidence are not repeated in the tag line.
    expect(String(kase.fields.Description).split('\n')[0]).not.toContain('intent:');
    expect(['High', 'Medium', 'Low']).toContain(kase.fields.Priority);
    expect(String(kase.fields.Description)).toContain(`Baton handoff ${handoffId}`);
    expect(String(kase.fields.Description)).toContain('baton_handoff');
    expect(kase.comments[0]).toMatchObject({ IsPublished: false });
    expect(kase.comments[0]!.CommentBody).toContain('Baton handoff brief');
    // One token for all of it: cached, not fetched per call.
    expect(sf.tokensIssued.length - tokensBefore).toBeLessThanOrEqual(1);

    await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'my order is 4411' } });
    const mirrored = await waitFor(() => kase.comments.find((x) => x.CommentBody.includes('4411')), 15_000, 'mirrored line');
    expect(mirrored.IsPublished).toBe(true);

    // Forged: wrong secret, no secret, another org. 401 and nothing changes.
    const reply = commentEvent(kase, 'Hi Ann, I am on your refund.');
    expect((await callout(calloutBody([reply]), { 'x-baton-secret': 'not-the-secret-at-all' })).status).toBe(401);
    expect((await callout(calloutBody([reply]), {})).status).toBe(401);
    expect((await callout(calloutBody([reply], '00D000000000001AAA'))).status).toBe(401);
    expect(await agentLines(c)).toEqual([]);

    // One batch: our mirrored line echoed (by the integration user), a private comment, an
    // incoming e-mail, and the agent's public reply. Only the reply is applied.
    const batch = [
      commentEvent(kase, mirrored.CommentBody, { by: SF_USER_ID }),
      commentEvent(kase, 'internal: check the refund', { published: false }),
      emailEvent(kase, 'customer wrote by mail', { incoming: true }),
      reply,
    ];
    const first = await callout(calloutBody(batch));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 4, applied: 1, ignored: 3, duplicates: 0 });
    expect(await agentLines(c)).toEqual(['Hi Ann, I am on your refund.']);
    expect((await conversation(c)).conversation.status).toBe('with_agent');

    // Delivered again (the Apex retries on 5xx): nothing new.
    expect((await callout(calloutBody([reply]))).body).toMatchObject({ applied: 0, duplicates: 1 });

    // An agent's e-mail from the Case: the quoted thread below it is not repeated in the chat.
    const mail = emailEvent(kase, 'Refund sent.\n\n--------------- Original Message ---------------\nFrom: Ann\nmy order is 4411');
    const mailed = await callout(calloutBody([mail]));
    expect(mailed.body, JSON.stringify(mailed.body)).toMatchObject({ applied: 1 });

    // Out of order: the close arrives, then a reply written before it. The close gives the chat
    // back to the bot; the late reply is still delivered; neither applies twice.
    const closed = closedEvent(kase);
    const late = { ...commentEvent(kase, 'One more thing: 3-5 days.'), created_at: new Date(Date.now() - 5000).toISOString() };
    expect((await callout(calloutBody([closed]))).body.applied).toBe(1);
    expect((await conversation(c)).conversation.status).toBe('bot');
    expect((await callout(calloutBody([late, closed]))).body).toMatchObject({ applied: 1, duplicates: 1 });
    expect(await agentLines(c)).toEqual(['Hi Ann, I am on your refund.', 'Refund sent.', 'One more thing: 3-5 days.']);
    expect(sf.violations).toEqual([]);
  });

  it('closes the Case when Baton resolves the conversation, and drops the echo of that close', async () => {
    const c = await customerAsksForHuman(h);
    const kase = await caseFor(c.id);
    await waitFor(() => kase.comments.length > 0, 15_000, 'brief');
    const res = await h.api('POST', `/api/v1/conversations/${c.id}/resolve`, { token: h.adminToken });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    await waitFor(() => kase.fields.Status === 'Closed', 15_000, 'case closed');
    const update = sf.calls('PATCH', `${SF_API}/sobjects/Case/${kase.Id}`).at(-1)!;
    expect(update.body).toEqual({ Status: 'Closed' });
    expect((await callout(calloutBody([closedEvent(kase, { by: SF_USER_ID })]))).body).toMatchObject({ applied: 0, ignored: 1 });
    expect(sf.violations).toEqual([]);
  });

  it('refreshes an expired token once (401 INVALID_SESSION_ID) and carries on', async () => {
    const c = await customerAsksForHuman(h);
    const kase = await caseFor(c.id);
    await waitFor(() => kase.comments.length > 0, 15_000, 'brief');
    sf.expireTokens();
    const before = sf.tokensIssued.length;
    await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'still there?' } });
    await waitFor(() => kase.comments.find((x) => x.CommentBody.includes('still there?')), 15_000, 'mirrored after refresh');
    expect(sf.tokensIssued.length).toBe(before + 1);
    const tries = sf.calls('POST', `${SF_API}/sobjects/CaseComment`).slice(-2);
    expect(tries[0]!.headers.authorization).not.toBe(tries[1]!.headers.authorization);
    expect(sf.violations).toEqual([]);
  });

  it('waits out a token endpoint outage (503) and then mirrors the line', async () => {
    const c = await customerAsksForHuman(h);
    const kase = await caseFor(c.id);
    await waitFor(() => kase.comments.length > 0, 15_000, 'brief');
    sf.expireTokens();
    sf.tokenDown = true;
    const tokenCalls = () => sf.calls('POST', '/services/oauth2/token').length;
    const before = tokenCalls();
    try {
      await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'hello again' } });
      await waitFor(() => tokenCalls() >= before + 2, 15_000, 'token retried');
      expect(kase.comments.some((x) => x.CommentBody.includes('hello again'))).toBe(false);
    } finally {
      sf.tokenDown = false;
    }
    await waitFor(() => kase.comments.find((x) => x.CommentBody.includes('hello again')), 15_000, 'mirrored after the outage');
    const dead = await h.api('GET', '/api/v1/connectors/dead-letters', { token: h.adminToken });
    expect(dead.body.dead_letters.filter((x: any) => x.conversation_id === c.id)).toEqual([]);
    expect(sf.violations).toEqual([]);
  });

  it("honours 429 Retry-After, and retries when the org's API allocation is spent (403 REQUEST_LIMIT_EXCEEDED)", async () => {
    sf.throttle = { count: 1, status: 429, retryAfter: '2', match: (r) => r.method === 'PATCH' && r.path.includes(HANDOFF_FIELD) };
    const c = await customerAsksForHuman(h);
    await caseFor(c.id);
    const tries = sf.calls('PATCH', `${SF_API}/sobjects/Case/${HANDOFF_FIELD}/`).slice(-2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1900);

    sf.throttle = { count: 1, status: 403, retryAfter: '1', match: (r) => r.method === 'PATCH' && r.path.includes(HANDOFF_FIELD) };
    const d = await customerAsksForHuman(h);
    await caseFor(d.id);
    const dead = await h.api('GET', '/api/v1/connectors/dead-letters', { token: h.adminToken });
    expect(dead.body.dead_letters.filter((x: any) => x.conversation_id === d.id)).toEqual([]);
    expect(sf.violations).toEqual([]);
  });

  it('says why when the connected app refuses the client credentials, and calls nothing else', async () => {
    // The tests before hand off conversations whose briefs may still be on their way (a CaseComment
    // after the Case): count the REST calls from a moment when no connector op is left to run
    // (every delivery recorded as done) and none has come for half a second.
    const restCalls = () => sf.requests.filter((r) => r.path.startsWith(SF_API)).length;
    const { n: restBefore } = await waitFor(
      async () => {
        const n = restCalls();
        const pending = await h.tdb.database.db.selectFrom('connector_ops').select('id').where('state', '=', 'pending').executeTakeFirst();
        if (pending) return null;
        await new Promise((r) => setTimeout(r, 500));
        return restCalls() === n ? { n } : null;
      },
      15_000,
      'no REST call for half a second',
    );
    const put = await h.api('PUT', '/api/v1/connectors/salesforce', {
      token: h.adminToken,
      body: {
        config: { base_url: sf.url, allow_private_network: true },
        credentials: { client_id: SF_CLIENT_ID, client_secret: 'wrong-secret', webhook_secret: SECRET },
      },
    });
    expect(put.status).toBe(200);
    try {
      const test = await h.api('POST', '/api/v1/connectors/salesforce/test', { token: h.adminToken });
      expect(test.body).toMatchObject({ ok: false });
      expect(test.body.detail).toContain('invalid_client');
      expect(test.body.detail).not.toContain('wrong-secret');
      expect(restCalls()).toBe(restBefore);
    } finally {
      await configure({ handoff_field: HANDOFF_FIELD, intent_field: 'Baton_Intent__c', confidence_field: 'Baton_Confidence__c' });
    }
  });

  describe('without an External ID field (create, then SOQL before creating again)', () => {
    beforeAll(async () => {
      await configure({ organization_id: SF_ORG_ID, integration_user_id: SF_USER_ID });
    });

    it('creates the Case with POST and, without custom fields, puts intent and confidence in the tag line', async () => {
      const c = await customerAsksForHuman(h);
      const kase = await caseFor(c.id);
      const post = sf
        .calls('POST', `${SF_API}/sobjects/Case`)
        .filter((r) => r.path === `${SF_API}/sobjects/Case`)
        .at(-1)!;
      expect(post.headers['sforce-auto-assign']).toBe('FALSE');
      expect(Object.keys(post.body).filter((k) => k.endsWith('__c'))).toEqual([]);
      const tagLine = String(kase.fields.Description).split('\n')[0];
      expect(tagLine).toBe(
        `Baton handoff ${await handoffOf(c.id)} | intent: refunds | confidence: 1.00 | tags: baton baton_handoff intent_refunds confidence_high reason_customer_requested`,
      );
      expect(sf.violations).toEqual([]);
    });

    it('Salesforce down for a while during a handoff, then back: one Case, no lost lines, in order', async () => {
      sf.down = true;
      const c = await customerAsksForHuman(h);
      for (const text of ['line one', 'line two', 'line three']) {
        await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text } });
      }
      // The first attempt records create_started_at; later ones look (SOQL) before creating.
      const attempts = () =>
        sf.requests.filter((r) => (r.method === 'POST' && r.path === `${SF_API}/sobjects/Case`) || r.path === `${SF_API}/query`).length;
      const before = attempts();
      try {
        await waitFor(() => attempts() >= before + 3, 15_000, 'retries while down');
        expect(await casesFor(c.id)).toHaveLength(0);
      } finally {
        sf.down = false;
      }
      const kase = await caseFor(c.id);
      await waitFor(() => kase.comments.some((x) => x.IsPublished && x.CommentBody.includes('line three')), 15_000, 'mirrored lines');
      expect(await casesFor(c.id)).toHaveLength(1);
      expect(kase.fields[HANDOFF_FIELD]).toBeUndefined();
      const text = kase.comments
        .filter((x) => x.IsPublished)
        .map((x) => x.CommentBody)
        .join('\n');
      expect(text.indexOf('line one')).toBeLessThan(text.indexOf('line two'));
      expect(text.indexOf('line two')).toBeLessThan(text.indexOf('line three'));
      for (const line of ['line one', 'line two', 'line three']) expect(text.split(line), text).toHaveLength(2);
      expect(sf.violations).toEqual([]);
    });

    it('a Case created but never heard of (connection lost) is found by SOQL: exactly one Case', async () => {
      sf.dropAfterHandling = (r) => r.method === 'POST' && r.path === `${SF_API}/sobjects/Case`;
      const queriesBefore = sf.calls('GET', `${SF_API}/query`).length;
      const c = await customerAsksForHuman(h);
      await waitFor(async () => (await threadOf(h, c.id))?.external_id, 15_000, 'thread linked');
      const kases = await casesFor(c.id);
      expect(kases).toHaveLength(1);
      expect(sf.calls('GET', `${SF_API}/query`).length).toBeGreaterThan(queriesBefore);
      const q = sf.calls('GET', `${SF_API}/query`).at(-1)!.query.get('q')!;
      expect(q).toContain(`CreatedById = '${SF_USER_ID}'`);
      await waitFor(() => kases[0]!.comments.some((x) => !x.IsPublished), 15_000, 'brief on the found case');
      expect(sf.violations).toEqual([]);
    });

    it('a brief longer than a CaseComment takes several unpublished comments, each within 4,000 bytes', async () => {
      const long = 'ü'.repeat(2500); // 5,000 bytes in one line
      const c = await customerAsksForHuman(h, `refund please ${long}`);
      const kase = await caseFor(c.id);
      // Every part posted: as many as the first one announces, "(1/N) ".
      const parts = await waitFor(
        () => {
          const brief = kase.comments.filter((x) => !x.IsPublished);
          const total = Number(/^\(1\/(\d+)\) /.exec(brief[0]?.CommentBody ?? '')?.[1] ?? 0);
          return total >= 2 && brief.length === total ? brief : null;
        },
        15_000,
        'all brief parts',
      );
      parts.forEach((p, i) => expect(p.CommentBody.startsWith(`(${i + 1}/${parts.length}) `)).toBe(true));
      for (const p of parts) expect(Buffer.byteLength(p.CommentBody)).toBeLessThanOrEqual(4000);
      expect(parts.map((p) => p.CommentBody).join('')).toContain('ü'.repeat(1000));
      expect(sf.violations).toEqual([]);
    });
  });
});
