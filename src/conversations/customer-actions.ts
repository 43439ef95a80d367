import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { ConversationRow, MessageRow, Schema } from '../db/schema.ts';
import { findWorkspaceBySlug } from '../db/repositories/workspaces.ts';
import { listMessages } from '../db/repositories/messages.ts';
import { updateConversation } from '../db/repositories/conversations.ts';
import { appendEvent } from '../db/repositories/events.ts';
import type { Actor } from './actor.ts';
import type { ConversationKernel } from './kernel.ts';
import { startConversation, type StartInput, type Started } from './start.ts';

// What a customer does besides writing (customer-messages.ts): open a conversation, read it
// back, rate it.

type CustomerActor = Actor & { type: 'customer' };

/** Opens a conversation in the workspace with this slug. */
export async function startInWorkspace(db: Kysely<Schema>, slug: string, input: StartInput): Promise<Started & { workspaceId: string }> {
  const workspace = await findWorkspaceBySlug(db, slug);
  if (!workspace) throw new AppError('not_found', 'No such workspace.');
  return { ...(await startConversation(db, workspace, input)), workspaceId: workspace.id };
}

/** The conversation as its customer sees it: no internal notes. */
export async function readBack(
  kernel: ConversationKernel,
  db: Kysely<Schema>,
  actor: CustomerActor,
  conversationId: string,
): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
  const conversation = await kernel.getForActor(actor, conversationId);
  const messages = await listMessages(db, actor.workspaceId, conversation.id, { includeInternal: false, limit: 1000 });
  return { conversation, messages };
}

/** The customer's rating (1-5), once the conversation is resolved; recorded as an event. */
export function rate(kernel: ConversationKernel, actor: CustomerActor, conversationId: string, score: number): Promise<ConversationRow> {
  return kernel.run(actor, conversationId, async (tx, c) => {
    if (c.status !== 'resolved' && c.status !== 'closed') {
      throw new AppError('illegal_transition', 'A conversation can be rated once it is resolved.', { status: c.status });
    }
    const updated = await updateConversation(tx, c.id, { csat: score });
    await appendEvent(tx, {
      workspaceId: c.workspace_id,
      conversationId: c.id,
      type: 'conversation.rated',
      actor: { type: 'customer', id: actor.id },
      data: { score },
    });
    return updated;
  });
}
