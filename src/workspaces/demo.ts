import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Schema, WorkspaceRow } from '../db/schema.ts';
import type { Article } from '../engine/types.ts';
import { hashPassword, newSecret } from '../auth/secrets.ts';
import { findWorkspaceBySlug, insertWorkspace } from '../db/repositories/workspaces.ts';
import { addTeamMember, insertAgent, insertTeam } from '../db/repositories/agents.ts';
import { transaction } from '../db/transaction.ts';
import { deleteArticleRow, listArticles, syncArticles } from '../db/repositories/knowledge.ts';
import { demoActions, isCoveredShopPage, ownPagesServed, shopPagesServed } from './demo-knowledge.ts';
import { saveActionsConfig } from '../db/repositories/actions.ts';
import { actionsConfigSchema } from '../actions/config.ts';
import { ensureDemoRouting } from './demo-routing.ts';
import { ensureDemoMacros } from './demo-macros.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'baton-demo';
export const DEMO_LOGINS = [
  { email: 'admin@demo.baton.local', name: 'Ada Admin', role: 'admin' as const, team: 'Support', skills: ['billing', 'account'] },
  { email: 'dana@demo.baton.local', name: 'Dana', role: 'agent' as const, team: 'Billing', skills: ['billing'] },
  { email: 'sam@demo.baton.local', name: 'Sam', role: 'agent' as const, team: 'Support', skills: ['shipping', 'account'] },
];

const DEMO_KNOWLEDGE = new URL('../../demo/knowledge.jsonl', import.meta.url);
// The shop's actions and help articles (bench/retail, docs/retail-demo.md): the demo bot looks up
// and cancels orders at the retail stand-in the demo starts on loopback.
const RETAIL_ACTIONS = new URL('../../bench/retail/workspace.json', import.meta.url);
const RETAIL_KNOWLEDGE = new URL('../../bench/retail/kb.jsonl', import.meta.url);

const readJsonl = async (url: URL): Promise<Article[]> =>
  (await readFile(url, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Article);

/** Seeds the demo workspace once: teams, agents with a known password, demo knowledge, routing (demo-routing.ts), macros (demo-macros.ts). */
export async function ensureDemoWorkspace(db: Kysely<Schema>): Promise<{ workspace: WorkspaceRow; created: boolean }> {
  const existing = await findWorkspaceBySlug(db, DEMO_SLUG);
  if (existing) {
    // A demo seeded before it had routing gets it now (never over an admin's own rules).
    await ensureDemoRouting(db, existing.id);
    await ensureDemoMacros(db, existing.id);
    return { workspace: existing, created: false };
  }
  const articles = await readJsonl(DEMO_KNOWLEDGE);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const workspace = await transaction(db, async (tx) => {
    const ws = await insertWorkspace(tx, { id: randomUUID(), slug: DEMO_SLUG, name: 'Demo Shop', identitySecret: newSecret() });
    const teams = new Map<string, string>();
    for (const name of ['Support', 'Billing']) {
      const team = await insertTeam(tx, { id: randomUUID(), workspaceId: ws.id, name, skills: name === 'Billing' ? ['billing'] : [] });
      teams.set(name, team.id);
    }
    for (const login of DEMO_LOGINS) {
      const agent = await insertAgent(tx, {
        id: randomUUID(),
        workspaceId: ws.id,
        email: login.email,
        name: login.name,
        passwordHash,
        role: login.role,
        skills: login.skills,
        languages: ['en'],
      });
      await addTeamMember(tx, teams.get(login.team)!, agent.id);
    }
    await syncArticles(tx, ws.id, articles, { prune: false });
    await ensureDemoRouting(tx, ws.id);
    await ensureDemoMacros(tx, ws.id);
    return ws;
  });
  return { workspace, created: true };
}

/**
 * Gives the demo workspace the shop's actions, pointed at the retail stand-in's address of this
 * run (loopback, so private addresses are allowed), and the shop's help articles it does not
 * have yet on topics its own pages do not cover (demo-knowledge.ts; its own keep their ids), and
 * the demo's pages for covered topics the example questions of the shop pages they replace. A
 * shop page on a covered topic, left by an earlier version of the demo, is removed. Returns
 * whether the knowledge changed.
 */
export async function ensureDemoActions(db: Kysely<Schema>, workspaceId: string, apiBase: string): Promise<{ knowledgeChanged: boolean }> {
  const document = JSON.parse(await readFile(RETAIL_ACTIONS, 'utf8')) as Record<string, unknown>;
  delete document.$comment;
  const config = demoActions(actionsConfigSchema.parse({ ...document, apiBase }));
  const shop = await readJsonl(RETAIL_KNOWLEDGE);
  return transaction(db, async (tx) => {
    await saveActionsConfig(tx, { workspaceId, config, allowPrivateNetwork: true, updatedBy: 'system:demo' });
    const have = await listArticles(tx, workspaceId);
    const stale = have.filter((a) => isCoveredShopPage(a.id));
    for (const a of stale) await deleteArticleRow(tx, workspaceId, a.id);
    const missing = shopPagesServed(have, shop);
    // The covering pages' example questions from the shop pages they replace (once: then present).
    const own = have.filter((a) => !isCoveredShopPage(a.id));
    const grown = ownPagesServed(own, shop).filter((a, i) => a !== own[i]);
    const changed = [...missing, ...grown];
    if (changed.length > 0) await syncArticles(tx, workspaceId, changed, { prune: false });
    return { knowledgeChanged: changed.length + stale.length > 0 };
  });
}
