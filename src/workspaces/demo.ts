import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Schema, WorkspaceRow } from '../db/schema.ts';
import type { Article } from '../engine/types.ts';
import { hashPassword, newSecret } from '../auth/secrets.ts';
import { findWorkspaceBySlug, insertWorkspace } from '../db/repositories/workspaces.ts';
import { addTeamMember, insertAgent, insertTeam } from '../db/repositories/agents.ts';
import { transaction } from '../db/transaction.ts';
import { syncArticles } from '../db/repositories/knowledge.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'baton-demo';
export const DEMO_LOGINS = [
  { email: 'admin@demo.baton.local', name: 'Ada Admin', role: 'admin' as const, team: 'Support', skills: ['billing', 'account'] },
  { email: 'dana@demo.baton.local', name: 'Dana', role: 'agent' as const, team: 'Billing', skills: ['billing'] },
  { email: 'sam@demo.baton.local', name: 'Sam', role: 'agent' as const, team: 'Support', skills: ['shipping', 'account'] },
];

const DEMO_KNOWLEDGE = new URL('../../demo/knowledge.jsonl', import.meta.url);

/** Seeds the demo workspace once: teams, agents with a known password, demo knowledge. */
export async function ensureDemoWorkspace(db: Kysely<Schema>): Promise<{ workspace: WorkspaceRow; created: boolean }> {
  const existing = await findWorkspaceBySlug(db, DEMO_SLUG);
  if (existing) return { workspace: existing, created: false };
  const articles = (await readFile(DEMO_KNOWLEDGE, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Article);
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
    return ws;
  });
  return { workspace, created: true };
}
