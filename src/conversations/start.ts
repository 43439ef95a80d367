import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { checkIdentity, hashToken, newToken } from '../auth/secrets.ts';
import type { ConversationRow, CustomerRow, Schema, WorkspaceRow } from '../db/schema.ts';
import * as repo from '../db/repositories/conversations.ts';
import { transaction } from '../db/transaction.ts';
import { appendEvent } from '../db/repositories/events.ts';

export interface StartInput {
  channel: string;
  language?: string | null;
  customer?: {
    userId?: string;
    userHash?: string;
    /** When the host page's signature stops counting (unix seconds), signed along with the user id. */
    expires?: number;
    name?: string;
    email?: string;
    attributes?: Record<string, unknown>;
  };
}

export interface Started {
  conversation: ConversationRow;
  customer: CustomerRow;
  /** The customer's bearer secret for this conversation; only its hash is stored. */
  token: string;
}

/**
 * Opens a conversation for a customer. A user id counts only when the site signed it
 * (user_hash): then the customer is verified and their record is reused; an unsigned id
 * is kept as a claim in the attributes and never links to another customer's history.
 */
export async function startConversation(db: Kysely<Schema>, workspace: WorkspaceRow, input: StartInput): Promise<Started> {
  const c = input.customer ?? {};
  let verified = false;
  if (c.userId && c.userHash) {
    const refused = checkIdentity(workspace.identity_secret, c.userId, c.userHash, c.expires);
    if (refused === 'expired')
      throw new AppError('invalid_identity', 'The signed identity has expired: sign it again with a later expires.');
    if (refused) throw new AppError('invalid_identity');
    verified = true;
  }
  const token = newToken('ct');
  return transaction(db, async (tx) => {
    let customer = verified ? await repo.findCustomerByExternalId(tx, workspace.id, c.userId!) : undefined;
    if (customer) {
      await repo.updateCustomer(tx, customer.id, {
        name: c.name ?? customer.name,
        email: c.email ?? customer.email,
        attributes: { ...customer.attributes, ...(c.attributes ?? {}) },
      });
    } else {
      customer = await repo.insertCustomer(tx, {
        id: randomUUID(),
        workspaceId: workspace.id,
        externalId: verified ? c.userId! : null,
        name: c.name ?? null,
        email: c.email ?? null,
        verified,
        attributes: { ...(c.attributes ?? {}), ...(c.userId && !verified ? { claimed_user_id: c.userId } : {}) },
      });
    }
    const conversation = await repo.insertConversation(tx, {
      id: randomUUID(),
      workspaceId: workspace.id,
      customerId: customer.id,
      tokenHash: hashToken(token),
      channel: input.channel,
      language: input.language ?? null,
    });
    await appendEvent(tx, {
      workspaceId: workspace.id,
      conversationId: conversation.id,
      type: 'conversation.created',
      actor: { type: 'customer', id: customer.id },
      data: { channel: input.channel, verified },
    });
    return { conversation, customer, token };
  });
}
