import { SignatureError, type InboundEvent, type InboundRequest } from '../types.ts';
import { htmlToText } from '../render.ts';
import { header, parseJsonBody, safeEqual } from '../verify.ts';
import { sameId } from './auth.ts';
import type { SfConfig, SfCredentials } from './config.ts';
import { CUSTOMER_MARK } from './text.ts';

// What the org's Apex callout (printed by set-up) posts to Baton: one JSON body per trigger run,
//   {"organization_id":"00D...","events":[
//     {"type":"comment","id":"00a...","case_id":"500...","body":"...","is_published":true,"created_by_id":"005...","created_by_name":"Sam","created_at":"..."},
//     {"type":"email","id":"02s...","case_id":"500...","body":"...","incoming":false,"created_by_id":"005...","created_by_name":"Sam","created_at":"..."},
//     {"type":"case","id":"500...","case_id":"500...","status":"Closed","is_closed":true,"closed_at":"...","changed_by_id":"005..."}]}
// authenticated by the X-Baton-Secret header (a Named Credential custom header) and the org id.

export function verifySalesforce(req: InboundRequest, config: SfConfig, credentials: SfCredentials): void {
  const given = header(req, 'x-baton-secret');
  if (!credentials.webhook_secret || !given || !safeEqual(given, credentials.webhook_secret)) throw new SignatureError('bad shared secret');
  if (config.organization_id) {
    const body = parseJsonBody(req);
    const org = body && typeof body === 'object' && !Array.isArray(body) ? body.organization_id : undefined;
    if (typeof org !== 'string' || !sameId(org, config.organization_id)) throw new SignatureError('callout from another org');
  }
}

const dateOf = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** An agent's e-mail reply quotes the thread below it: keep what the agent wrote. */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const stop = lines.findIndex(
    (l) => /^-{3,}\s*Original Message\s*-{3,}/i.test(l.trim()) || /^On .+ wrote:$/.test(l.trim()) || l.startsWith('>'),
  );
  return (stop === -1 ? lines : lines.slice(0, stop)).join('\n').trim();
}

export function parseSalesforce(req: InboundRequest, config: SfConfig): InboundEvent[] {
  const body = parseJsonBody(req);
  const items: unknown[] = Array.isArray(body?.events) ? body.events : [];
  if (items.length === 0) return [{ id: 'invalid', kind: 'ignored', reason: 'not a Baton Salesforce payload' }];
  const ours = (userId: unknown) => typeof userId === 'string' && sameId(userId, config.integration_user_id);

  return items.map((raw): InboundEvent => {
    const e = raw as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.case_id !== 'string' || typeof e.id !== 'string') {
      return { id: 'invalid', kind: 'ignored', reason: 'event without case_id or id' };
    }
    const caseId = e.case_id;
    if (e.type === 'comment' || e.type === 'email') {
      const id = `${e.type}:${e.id}`;
      if (e.type === 'comment' && e.is_published !== true) return { id, kind: 'ignored', reason: 'internal comment' };
      if (e.type === 'email' && e.incoming !== false) return { id, kind: 'ignored', reason: 'incoming e-mail' };
      if (ours(e.created_by_id)) return { id, kind: 'ignored', reason: 'our own write' };
      const rawText = typeof e.body === 'string' ? e.body : '';
      if (rawText.startsWith(CUSTOMER_MARK)) return { id, kind: 'ignored', reason: 'a customer line we mirrored' };
      const text = e.type === 'email' ? stripQuoted(/<[a-z][\s\S]*>/i.test(rawText) ? htmlToText(rawText) : rawText) : rawText.trim();
      if (!text) return { id, kind: 'ignored', reason: 'empty reply' };
      const agentName = typeof e.created_by_name === 'string' ? e.created_by_name : null;
      return { id, kind: 'agent_message', externalThreadId: caseId, text, agentName, at: dateOf(e.created_at) };
    }
    if (e.type === 'case') {
      const id = `closed:${caseId}:${typeof e.closed_at === 'string' ? e.closed_at : ''}`;
      if (e.is_closed !== true) return { id, kind: 'ignored', reason: 'case not closed' };
      if (ours(e.changed_by_id)) return { id, kind: 'ignored', reason: 'closed by Baton' };
      return { id, kind: 'closed', externalThreadId: caseId, at: dateOf(e.closed_at) };
    }
    return { id: `${String(e.type)}:${e.id}`, kind: 'ignored', reason: `event type ${String(e.type)}` };
  });
}
