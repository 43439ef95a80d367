// The brief test set (bench/data/briefs/set.jsonl, docs/brief.md "Tested like a product claim"):
// scripted conversations driven through the widget HTTP API against a real server (real engine,
// the demo's knowledge), each with what its brief must say, and a provenance check that every
// statement of the brief points to the message or article it came from and is really there.
// Used by test/handoff/brief-set.test.ts and bench/briefs.ts.
import { readJsonl } from '../support/jsonl.ts';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../src/db/database.ts';
import type { Schema } from '../../src/db/schema.ts';
import { setAgentStatus } from '../../src/db/repositories/agents.ts';
import { syncArticles } from '../../src/db/repositories/knowledge.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { Article } from '../../src/engine/types.ts';
import { BriefSchema, type Brief } from '../../src/handoff/brief/schema.ts';
import { sentences } from '../../src/handoff/brief/extract.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../../test/support/baton.ts';

export const BRIEF_SET = new URL('../data/briefs/set.jsonl', import.meta.url);
export const DEMO_KNOWLEDGE = new URL('../../demo/knowledge.jsonl', import.meta.url);

const Step = z.union([
  z.string().describe('A customer message (the first one starts the conversation)'),
  z
    .object({ button: z.literal(true) })
    .strict()
    .describe('The customer presses "Talk to a person"'),
  z
    .object({ agent: z.enum(['online', 'offline']) })
    .strict()
    .describe("The workspace's agent changes status"),
  z
    .object({ accept: z.literal(true) })
    .strict()
    .describe('The agent accepts the conversation'),
]);

const Expect = z
  .object({
    status: z.string().optional(),
    goal: z.string().optional().describe('A part of the goal, case-insensitive'),
    goal_not: z.string().optional(),
    reasons: z.array(z.string()).optional().describe('Reasons the brief must give (others may be there too)'),
    next_step: z.string().optional().describe('The recommended action'),
    next_step_includes: z.array(z.string()).optional(),
    next_step_excludes: z.array(z.string()).optional(),
    summary_includes: z.array(z.string()).optional().describe('Customer words the summary must quote'),
    summary_excludes: z.array(z.string()).optional(),
    fields: z.array(z.string()).optional().describe('Labels of collected details, e.g. "Card number (hidden)"'),
    language: z.string().optional(),
    intent: z.string().optional().describe('The intent title shown'),
    knowledge: z.array(z.string()).optional().describe('Article ids the brief references'),
    priority: z.string().optional(),
    on_shift: z.boolean().optional(),
    evidence: z
      .record(z.string(), z.string())
      .optional()
      .describe('By reason, customer words its evidence must quote (case-insensitive), e.g. {"sensitive_topic": "end my life"}'),
    evidence_excludes: z.record(z.string(), z.string()).optional().describe('By reason, words its evidence must not quote'),
  })
  .strict();

export const BriefCase = z
  .object({
    id: z.string(),
    about: z.string(),
    language: z.string().optional(),
    customer: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
    online: z.boolean().default(false).describe('Whether the agent is online when the conversation starts'),
    script: z.array(Step).min(1),
    expect: Expect,
  })
  .strict();
export type BriefCase = z.infer<typeof BriefCase>;

export const loadBriefSet = (url: URL = BRIEF_SET): BriefCase[] => readJsonl(url).map((c) => BriefCase.parse(c));
export const demoArticles = (): Article[] => readJsonl(DEMO_KNOWLEDGE) as Article[];

type StaffMessage = { id: string; author: string; text: string; citations: { articleId?: string }[] };
export interface CaseRun {
  id: string;
  brief: Brief | null;
  messages: StaffMessage[];
  failures: string[];
}

const has = (hay: string | null | undefined, needle: string) => (hay ?? '').toLowerCase().includes(needle.toLowerCase());

/** What the brief must say, checked: the list of what it got wrong (empty: it passed). */
export function judge(c: BriefCase, brief: Brief | null, status: string): string[] {
  const e = c.expect;
  const out: string[] = [];
  if (e.status && status !== e.status) out.push(`status ${status}, expected ${e.status}`);
  if (!brief) return [...out, 'no brief'];
  const want = (ok: boolean, what: string) => !ok && out.push(what);
  if (e.goal) want(has(brief.goal?.text, e.goal), `goal "${brief.goal?.text}" lacks "${e.goal}"`);
  if (e.goal_not) want(!has(brief.goal?.text, e.goal_not), `goal "${brief.goal?.text}" is "${e.goal_not}", already answered`);
  for (const r of e.reasons ?? []) want(brief.reasons.includes(r as Brief['reasons'][number]), `reasons ${brief.reasons} lack ${r}`);
  if (e.next_step)
    want(brief.recommended_next_step.action === e.next_step, `next step ${brief.recommended_next_step.action}, expected ${e.next_step}`);
  for (const s of e.next_step_includes ?? []) want(has(brief.recommended_next_step.text, s), `next step lacks "${s}"`);
  for (const s of e.next_step_excludes ?? [])
    want(!has(brief.recommended_next_step.text, s), `next step says "${s}": ${brief.recommended_next_step.text}`);
  for (const s of e.summary_includes ?? []) want(has(brief.summary, s), `summary lacks "${s}": ${JSON.stringify(brief.summary)}`);
  for (const s of e.summary_excludes ?? []) want(!has(brief.summary, s), `summary has "${s}"`);
  for (const l of e.fields ?? [])
    want(
      brief.fields.some((f) => f.label === l),
      `fields ${brief.fields.map((f) => f.label)} lack "${l}"`,
    );
  if (e.language) want(brief.language === e.language, `language ${brief.language}, expected ${e.language}`);
  if (e.intent) want(brief.intent?.title === e.intent, `intent "${brief.intent?.title}", expected "${e.intent}"`);
  if (brief.intent)
    want(brief.intent.title !== brief.intent.id || !/[-_]/.test(brief.intent.id), `intent shown as a slug: ${brief.intent.title}`);
  for (const k of e.knowledge ?? [])
    want(
      brief.knowledge.some((a) => a.id === k),
      `knowledge lacks ${k}`,
    );
  if (e.priority) want(brief.priority === e.priority, `priority ${brief.priority}, expected ${e.priority}`);
  const evidenceOf = (reason: string) => brief.escalation.reasons.find((r) => r.reason === reason)?.evidence;
  for (const [reason, part] of Object.entries(e.evidence ?? {}))
    want(has(evidenceOf(reason), part), `evidence for ${reason} "${evidenceOf(reason)}" lacks "${part}"`);
  for (const [reason, part] of Object.entries(e.evidence_excludes ?? {}))
    want(!has(evidenceOf(reason), part), `evidence for ${reason} quotes "${part}"`);
  if (e.on_shift !== undefined) want(brief.state?.on_shift === e.on_shift, `on shift ${brief.state?.on_shift}, expected ${e.on_shift}`);
  for (const f of brief.fields)
    want(!/pii token/i.test(f.label ?? f.kind) && f.label !== undefined, `field labelled "${f.label ?? f.kind}"`);
  return out;
}

/**
 * Provenance: every statement of the brief names its message or article, and the quoted text
 * is in it. Returns what does not hold (empty: every statement checks out).
 */
export function provenance(brief: Brief, messages: StaffMessage[], articles: Map<string, { title: string }>): string[] {
  const out: string[] = [];
  const byId = new Map(messages.map((m) => [m.id, m]));
  const quoted = (text: string | null | undefined, id: string | null | undefined, what: string, author?: string) => {
    if (!text) return;
    const m = id ? byId.get(id) : undefined;
    if (!m) return void out.push(`${what}: names no message of the conversation (${id})`);
    if (author && m.author !== author) out.push(`${what}: message ${id} is by ${m.author}, not ${author}`);
    if (!m.text.includes(text)) out.push(`${what}: "${text}" is not in message ${id}`);
  };
  const sources = brief.summary_sources;
  for (const [i, s] of sources.entries()) {
    if (s.text === undefined) out.push(`summary sentence ${i}: no quoted text`);
    quoted(s.text, s.message_id, `summary sentence ${i}`, 'customer');
    if (s.text && !brief.summary.includes(s.text)) out.push(`summary sentence ${i} is not in the summary`);
  }
  // Nothing in the summary that no source accounts for.
  let rest = brief.summary;
  for (const s of sources) if (s.text) rest = rest.replace(s.text, '');
  if (rest.trim()) out.push(`summary has unsourced text: "${rest.trim()}"`);
  quoted(brief.goal?.text, brief.goal?.message_id, 'goal', 'customer');
  quoted(brief.last_customer_message, brief.last_customer_message_id, 'last customer message', 'customer');
  for (const r of brief.escalation.reasons) if (r.message_id) quoted(r.evidence, r.message_id, `evidence for ${r.reason}`, 'customer');
  for (const a of brief.bot_attempts) {
    const m = byId.get(a.message_id);
    if (!m || m.text !== a.text) out.push(`bot attempt ${a.message_id}: text is not that message`);
    if (a.reaction.text) quoted(a.reaction.text, a.reaction.message_id, `reaction to ${a.message_id}`, 'customer');
    for (const art of a.articles) {
      if (!m?.citations.some((c) => c.articleId === art.id)) out.push(`bot attempt ${a.message_id}: does not cite ${art.id}`);
      if (articles.get(art.id)?.title !== art.title) out.push(`article ${art.id}: title "${art.title}" is not the knowledge base's`);
    }
  }
  for (const k of brief.knowledge)
    if (articles.get(k.id)?.title !== k.title) out.push(`knowledge ${k.id}: not in the knowledge base as "${k.title}"`);
  for (const f of brief.fields) quoted(f.value, f.message_id, `field ${f.label ?? f.kind}`, 'customer');
  // The next step names only details that are in the brief.
  for (const t of brief.recommended_next_step.text.match(/<[A-Z_]+_\d+>/g) ?? [])
    if (!brief.fields.some((f) => f.value === t)) out.push(`next step names ${t}, which the brief does not hold`);
  for (const s of sentences(brief.summary))
    if (!messages.some((m) => m.author === 'customer' && m.text.includes(s))) out.push(`summary "${s}" quotes no customer`);
  return out;
}

export interface BriefSetServer {
  run(c: BriefCase): Promise<CaseRun>;
  articles: Map<string, { title: string }>;
  stop(): Promise<void>;
}

/** A real server (the embedded engine) with a workspace on the demo's knowledge and one agent. */
export async function briefSetServer(database: Database): Promise<BriefSetServer> {
  const baton = await startTestBaton(database, (articles, opts) => createEngine(articles, opts));
  const db: Kysely<Schema> = database.db;
  const ws: SeededWorkspace = await seedWorkspace(db, 'briefs');
  const kb = demoArticles();
  await syncArticles(db, ws.id, kb, { prune: true });
  const api = apiClient(baton.url);
  const admin = await login(baton.url, ws.admin.email, ws.admin.password);
  const agent = await login(baton.url, ws.agent.email, ws.agent.password);
  const articles = new Map(kb.map((a) => [a.id, { title: a.title }]));
  // Only the agent takes handoffs: the admin and the viewer stay offline.
  const setAgent = (status: 'online' | 'offline') => setAgentStatus(db, ws.id, ws.agent.id, status);

  async function run(c: BriefCase): Promise<CaseRun> {
    try {
      return await play(c);
    } catch (err) {
      return { id: c.id, brief: null, messages: [], failures: [(err as Error).message] };
    }
  }

  async function play(c: BriefCase): Promise<CaseRun> {
    await setAgent(c.online ? 'online' : 'offline');
    let id = '';
    let token = '';
    for (const step of c.script) {
      if (typeof step === 'string' && !id) {
        const s = await api('POST', '/api/v1/widget/conversations', {
          body: { workspace: ws.slug, message: step, language: c.language, customer: c.customer },
        });
        if (s.status !== 201) throw new Error(`${c.id}: start ${s.status} ${JSON.stringify(s.body)}`);
        id = s.body.conversation.id;
        token = s.body.token;
      } else if (typeof step === 'string') {
        const r = await api('POST', `/api/v1/widget/conversations/${id}/messages`, { token, body: { text: step } });
        if (r.status >= 300) throw new Error(`${c.id}: message ${r.status} ${JSON.stringify(r.body)}`);
      } else if ('button' in step) {
        const r = await api('POST', `/api/v1/widget/conversations/${id}/handoff`, { token, body: {} });
        if (r.status >= 300) throw new Error(`${c.id}: handoff ${r.status} ${JSON.stringify(r.body)}`);
      } else if ('agent' in step) await setAgent(step.agent);
      else {
        const r = await api('POST', `/api/v1/conversations/${id}/accept`, { token: agent });
        if (r.status !== 200) throw new Error(`${c.id}: accept ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
    // Read as the workspace shows it to an agent.
    const detail = await api('GET', `/api/v1/conversations/${id}`, { token: admin });
    const parsed = BriefSchema.safeParse(detail.body.handoffs?.at(-1)?.brief);
    const brief = parsed.success ? parsed.data : null;
    const messages = (detail.body.messages as (StaffMessage & { internal: boolean })[]).filter((m) => !m.internal);
    const failures = judge(c, brief, detail.body.conversation.status);
    if (brief) failures.push(...provenance(brief, messages, articles).map((p) => `provenance: ${p}`));
    return { id: c.id, brief, messages, failures };
  }
  return { run, articles, stop: () => baton.stop() };
}
