import { randomUUID } from 'node:crypto';
import type { ConnectorRow, EventRow } from '../db/schema.ts';
import {
  conversationsWithOpenThreads,
  insertOp,
  insertThread,
  listEnabledConnectors,
  openThreadsOf,
  orphanedThreads,
  releaseThread,
  updateThread,
} from '../db/repositories/connectors.ts';
import { findMessage } from '../db/repositories/messages.ts';
import { seqBefore } from '../db/repositories/outbox.ts';
import { workspacesOf, type Reactor } from './dispatcher.ts';
import type { Outbound } from './outbound.ts';
import { connectorSyncJob } from './sync-job.ts';

const ENDS_HUMAN_PART = new Set(['resolve', 'close', 'return_to_bot']);

/**
 * Connector side of the outbox: a handoff opens a thread per enabled connector (with its
 * create op), a later customer line becomes a mirror op, and Baton ending the human part
 * becomes a close op. Each new op enqueues the thread's sync job in the same transaction.
 */
export function connectorReactor(out: Outbound): Reactor {
  return {
    name: 'connectors',
    // A worker that died mid-call leaves its lease set and expired (a finished or dead-lettered
    // job always clears it): hand the thread to a new job.
    async sweep(tx) {
      for (const id of await orphanedThreads(tx)) {
        await releaseThread(tx, id);
        await out.jobs.enqueue(connectorSyncJob, { threadId: id, attempt: 1 }, { tx });
      }
    },
    async prepare(tx, events) {
      const byWorkspace = new Map<string, ConnectorRow[]>();
      for (const c of await listEnabledConnectors(tx, workspacesOf(events)))
        byWorkspace.set(c.workspace_id, [...(byWorkspace.get(c.workspace_id) ?? []), c]);
      // Conversations a helpdesk follows, read once for the batch (most events concern none);
      // a handoff in this batch adds its conversation.
      const followed = new Set(
        await conversationsWithOpenThreads(tx, [...new Set(events.flatMap((e) => (e.conversation_id ? [e.conversation_id] : [])))]),
      );
      const enqueue = (threadId: string) => out.jobs.enqueue(connectorSyncJob, { threadId, attempt: 1 }, { tx });

      return async (e: EventRow) => {
        if (!e.conversation_id) return;
        if (e.type === 'conversation.handoff') {
          const connectors = byWorkspace.get(e.workspace_id) ?? [];
          if (connectors.length === 0) return;
          const handoffId = String(e.data.handoff_id ?? '');
          if (!handoffId) return;
          const transcriptSeq = await seqBefore(tx, e.conversation_id, e.id);
          for (const c of connectors) {
            const thread = await insertThread(tx, {
              id: randomUUID(),
              workspaceId: e.workspace_id,
              connectorId: c.id,
              conversationId: e.conversation_id,
              handoffId,
              transcriptSeq,
            });
            if (thread) followed.add(e.conversation_id);
            if (thread && (await insertOp(tx, { threadId: thread.id, kind: 'create', dedupeKey: 'create' }))) await enqueue(thread.id);
          }
          return;
        }
        if (!followed.has(e.conversation_id)) return;
        if (e.type === 'message.created') {
          if (e.data.internal === true) return;
          const threads = await openThreadsOf(tx, e.conversation_id);
          if (threads.length === 0) return;
          const messageId = String(e.data.message_id ?? '');
          const message = await findMessage(tx, e.workspace_id, messageId);
          // Only the customer's lines are mirrored: agents write in the helpdesk already, and
          // the bot is silent while humans hold the conversation.
          if (!message || message.author !== 'customer') return;
          for (const t of threads) {
            if (message.seq <= t.transcript_seq) continue; // already in the ticket's transcript
            if (await insertOp(tx, { threadId: t.id, kind: 'message', dedupeKey: `msg:${messageId}`, payload: { message_id: messageId } }))
              await enqueue(t.id);
          }
          return;
        }
        if (e.type === 'conversation.updated' && ENDS_HUMAN_PART.has(String(e.data.action))) {
          const threads = await openThreadsOf(tx, e.conversation_id);
          for (const t of threads) {
            await updateThread(tx, t.id, { status: 'closed' });
            // The helpdesk closed it itself (inbound): nothing to tell it.
            if (typeof e.data.via === 'string' && e.data.via.startsWith('connector:')) continue;
            if (await insertOp(tx, { threadId: t.id, kind: 'close', dedupeKey: 'close' })) await enqueue(t.id);
          }
        }
      };
    },
  };
}
