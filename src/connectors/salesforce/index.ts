import { defineConnector, type HandoffTicket, type ThreadRef } from '../types.ts';
import { OutboundError } from '../../webhooks/safe-http.ts';
import { SalesforceAuth, sfRequest } from './auth.ts';
import { baseUrlOf, Config, Credentials, type SfConfig } from './config.ts';
import { parseSalesforce, verifySalesforce } from './inbound.ts';
import { manualSteps } from './setup.ts';
import { briefComments, caseDescription, caseSubject, customerComments, soqlDateTime, soqlString } from './text.ts';

// Salesforce Service Cloud, the Case path (docs/connectors.md): OAuth 2.0 client
// credentials, a Case per handoff (an upsert on an External ID field when one is configured,
// otherwise a recorded create_started_at and a SOQL lookup before creating again), the brief as
// unpublished CaseComments, later customer lines as published ones, close by Status. Agent
// replies and closes come back from an Apex callout with a shared secret (printed by set-up).
// Bring Your Own Channel for Messaging (§4B) is not built: see docs/connectors.md.

type Progress = {
  create_started_at?: number;
  /** How many brief comments are posted (the brief may take several: 4,000 bytes each). */
  brief_parts?: number;
};

const ownerOf = (config: SfConfig, team: HandoffTicket['team']): string | undefined =>
  (team && (config.queue_map[team.id] ?? config.queue_map[team.name])) ?? config.default_queue_id;

export const salesforce = defineConnector({
  vendor: 'salesforce',
  displayName: 'Salesforce Service Cloud',
  capabilities: {
    internalNotes: true,
    nativePriority: true,
    nativeIdempotency: true,
    webhookSetup: 'manual',
    // The org's 24-hour allocation (Enterprise: 100,000 + 1,000 per licence) is shared with
    // every other integration: a modest share, in bursts of a few calls per handoff.
    rateLimit: { requests: 100, perMs: 60_000 },
  },
  configSchema: Config,
  credentialsSchema: Credentials,
  baseUrl: baseUrlOf,
  // The bearer token is fetched at run time (client credentials) and sent per call.
  authHeaders: () => ({}),
  create: ({ config, credentials, client }) => {
    const auth = new SalesforceAuth({
      baseUrl: baseUrlOf(config),
      clientId: credentials.client_id,
      clientSecret: credentials.client_secret,
      allowPrivate: config.allow_private_network,
    });
    const api = `/services/data/${config.api_version}`;
    const call = (method: string, path: string, body?: unknown, extra?: { headers?: Record<string, string>; accept?: number[] }) =>
      sfRequest(client, auth, method, api + path, body, extra);

    function caseBody(t: HandoffTicket): Record<string, unknown> {
      const owner = ownerOf(config, t.team);
      return {
        Subject: caseSubject(t),
        Description: caseDescription(t, config),
        Origin: config.origin,
        Status: config.new_status,
        Priority: config.priority_map[t.priority],
        ...(t.customer.email ? { SuppliedEmail: t.customer.email } : {}),
        ...(t.customer.name ? { SuppliedName: t.customer.name } : {}),
        ...(owner ? { OwnerId: owner } : {}),
        ...(config.intent_field && t.intent ? { [config.intent_field]: t.intent } : {}),
        ...(config.confidence_field && t.confidence !== null ? { [config.confidence_field]: Number(t.confidence.toFixed(2)) } : {}),
      };
    }
    // With an OwnerId of our own, assignment rules must not run (the header defaults to TRUE).
    const assignHeader = (t: HandoffTicket): Record<string, string> => (ownerOf(config, t.team) ? { 'sforce-auto-assign': 'FALSE' } : {});

    /** Upsert by the External ID field: 201 created, 200 updated (an earlier attempt made it). */
    async function upsertCase(t: HandoffTicket, field: string): Promise<string> {
      const path = `/sobjects/Case/${field}/${encodeURIComponent(t.handoffId)}`;
      const res = await call('PATCH', path, caseBody(t), { headers: assignHeader(t), accept: [300] });
      if (res.status === 300) throw new OutboundError(`salesforce: several Cases share ${field} of this handoff`, 'http', false, 300);
      if (typeof res.json?.id === 'string') return res.json.id;
      // Older API versions answer an update with 204 and no body.
      const found = await call('GET', `${path}?fields=Id`);
      return String(found.json.Id);
    }

    /** A Case an interrupted attempt made: same subject, by us, since the attempt started. */
    async function findStartedCase(t: HandoffTicket, startedAt: number): Promise<string | null> {
      const session = await auth.session();
      const soql = [
        `SELECT Id FROM Case WHERE Subject = ${soqlString(caseSubject(t))}`,
        `AND CreatedDate >= ${soqlDateTime(startedAt - 60)}`,
        ...(session.userId ? [`AND CreatedById = ${soqlString(session.userId)}`] : []),
        'ORDER BY CreatedDate ASC LIMIT 1',
      ].join(' ');
      const res = await call('GET', `/query?q=${encodeURIComponent(soql)}`);
      const id = res.json?.records?.[0]?.Id;
      return typeof id === 'string' ? id : null;
    }

    async function postComments(caseId: string, bodies: string[], published: boolean, from = 0, after?: (n: number) => Promise<void>) {
      for (let i = from; i < bodies.length; i++) {
        await call('POST', '/sobjects/CaseComment', { ParentId: caseId, CommentBody: bodies[i], IsPublished: published });
        await after?.(i + 1);
      }
    }

    return {
      async handoff(t, progress, save): Promise<ThreadRef> {
        const data = { ...(progress.data as Progress) };
        let externalId = progress.externalId;
        if (!externalId && config.handoff_field) {
          externalId = await upsertCase(t, config.handoff_field);
          await save({ externalId, data });
        }
        if (!externalId) {
          // No External ID field: an earlier attempt that may have created the Case left
          // create_started_at; look for its Case before creating another.
          if (data.create_started_at) externalId = await findStartedCase(t, data.create_started_at);
          if (!externalId) {
            data.create_started_at = Math.floor(Date.now() / 1000);
            await save({ externalId: null, data });
            const created = await call('POST', '/sobjects/Case', caseBody(t), { headers: assignHeader(t) });
            externalId = String(created.json.id);
          }
          await save({ externalId, data });
        }
        const caseId = externalId;
        const brief = briefComments(t.briefText);
        await postComments(caseId, brief, false, data.brief_parts ?? 0, async (n) => {
          data.brief_parts = n;
          await save({ externalId: caseId, data });
        });
        return { externalId, data };
      },

      async appendCustomerMessage(ref, line) {
        await postComments(String(ref.externalId), customerComments(line.text), true);
      },

      async close(ref) {
        await call('PATCH', `/sobjects/Case/${ref.externalId}`, { Status: config.closed_status });
      },

      verify: (req) => verifySalesforce(req, config, credentials),
      parse: (req) => parseSalesforce(req, config),

      async testConnection() {
        const session = await auth.session();
        const limits = await call('GET', '/limits');
        const daily = limits.json?.DailyApiRequests;
        const left = daily ? `; API requests left today: ${daily.Remaining} of ${daily.Max}` : '';
        return {
          ok: true,
          detail: `authenticated to Salesforce org ${session.organizationId ?? '?'} as user ${session.userId ?? '?'}${left}`,
        };
      },

      async setup(webhookUrl) {
        const session = await auth.session();
        await call('GET', '/limits');
        const learned = {
          ...(session.organizationId ? { organization_id: session.organizationId } : {}),
          ...(session.userId ? { integration_user_id: session.userId } : {}),
        };
        return { registered: [], manualSteps: manualSteps({ ...config, ...learned }, webhookUrl), config: learned };
      },
    };
  },
});
