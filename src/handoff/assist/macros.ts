import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import type { MacroRow, Schema } from '../../db/schema.ts';
import { transaction } from '../../db/transaction.ts';
import { appendEvent } from '../../db/repositories/events.ts';
import { findTeam } from '../../db/repositories/agents.ts';
import { deleteMacro as deleteMacroRow, findMacro, insertMacro, listMacros, updateMacro } from '../../db/repositories/routing.ts';
import { actorRef, type Actor } from '../../conversations/actor.ts';

// Macros (saved replies): each change in one transaction with its event.

export interface MacroFields {
  title: string;
  body: string;
  tags: string[];
  language: string | null;
  team_id: string | null;
}

export const macrosPage = (db: Kysely<Schema>, workspaceId: string, p: { afterId?: string; limit: number }): Promise<MacroRow[]> =>
  listMacros(db, workspaceId, p);

const checkTeam = async (db: Kysely<Schema>, workspaceId: string, teamId: string | null | undefined) => {
  if (teamId && !(await findTeam(db, workspaceId, teamId))) throw new AppError('invalid_request', 'team_id: no such team');
};

export async function createMacro(db: Kysely<Schema>, actor: Actor, b: MacroFields): Promise<MacroRow> {
  await checkTeam(db, actor.workspaceId, b.team_id);
  return transaction(db, async (tx) => {
    const m = await insertMacro(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      title: b.title,
      body: b.body,
      tags: b.tags,
      language: b.language,
      teamId: b.team_id,
      createdBy: actor.type === 'agent' ? actor.id : null,
    });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: null,
      type: 'macro.created',
      actor: actorRef(actor),
      data: { macro_id: m.id, title: m.title },
    });
    return m;
  });
}

export function changeMacro(db: Kysely<Schema>, actor: Actor, id: string, b: Partial<MacroFields>): Promise<MacroRow> {
  return transaction(db, async (tx) => {
    if (!(await findMacro(tx, actor.workspaceId, id))) throw new AppError('not_found');
    await checkTeam(db, actor.workspaceId, b.team_id);
    const m = await updateMacro(tx, actor.workspaceId, id, {
      title: b.title,
      body: b.body,
      tags: b.tags,
      language: b.language,
      teamId: b.team_id,
    });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: null,
      type: 'macro.updated',
      actor: actorRef(actor),
      data: { macro_id: m!.id, changed: Object.keys(b) },
    });
    return m!;
  });
}

export function deleteMacro(db: Kysely<Schema>, actor: Actor, id: string): Promise<void> {
  return transaction(db, async (tx) => {
    const m = await findMacro(tx, actor.workspaceId, id);
    if (!m || !(await deleteMacroRow(tx, actor.workspaceId, m.id))) throw new AppError('not_found');
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: null,
      type: 'macro.deleted',
      actor: actorRef(actor),
      data: { macro_id: m.id, title: m.title },
    });
  });
}
