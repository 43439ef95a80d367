// Stores normalized conversations in a workspace: closed historical conversations with their
// messages (redacted by the PII shield, like live traffic), and a handoff record for those that
// reached a human, so the bad-handoff audit and the analytics read them like live ones.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { transaction } from '../db/transaction.ts';
import { existingConversationIds, insertImported, type ImportRow } from '../db/repositories/imports.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { emptyState, redact, sealState, type Keyring, type PiiSettingsInput } from '../pii/index.ts';
import { newToken, hashToken } from '../auth/secrets.ts';
import { handoffIndex, type ImportedConversation } from './types.ts';

/** A stable UUID (v5 layout over SHA-1) for a name: re-importing a file finds the same rows. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export interface StoreOptions {
  keyring: Keyring;
  pii: PiiSettingsInput;
  batchSize?: number;
}

export interface StoreSummary {
  stored: number;
  skipped: number;
  handoffs: number;
}

export function toImportRow(workspaceId: string, c: ImportedConversation, opts: StoreOptions): ImportRow {
  const conversationId = stableUuid(workspaceId, 'conversation', c.source, c.id);
  const fallback = new Date(c.created_at ?? c.messages.find((m) => m.at)?.at ?? Date.now());
  let state = emptyState();
  let tokens = 0;
  let lastAt = fallback;
  const messages = c.messages.map((m, i) => {
    const r = redact(m.text, { ...opts.pii, locale: c.language ?? 'en' }, state);
    state = r.state;
    tokens += Object.keys(r.tokens).length;
    // A message without a time takes its predecessor's, so order and durations stay sane.
    const at = m.at ? new Date(m.at) : lastAt;
    lastAt = at;
    return { id: stableUuid(conversationId, 'message', String(i)), seq: i + 1, author: m.role, text: r.redacted, createdAt: at };
  });
  const h = handoffIndex(c);
  const first = messages[h];
  const handoff =
    h >= 0 && first
      ? {
          id: stableUuid(conversationId, 'handoff'),
          // History has no request time: the last message before the agent's first reply stands in.
          requestedAt: (messages[h - 1] ?? first).createdAt,
          firstAgentReplyAt: first.createdAt,
          resolvedAt: messages.at(-1)!.createdAt,
          brief: { imported: true, source: c.source, source_id: c.id },
        }
      : null;
  return {
    conversationId,
    customerId: stableUuid(workspaceId, 'customer', c.source, c.id),
    externalId: `import:${c.source}:${c.id}`,
    tokenHash: hashToken(newToken('ct')),
    channel: `import:${c.source}`,
    language: c.language,
    tags: ['imported', ...c.tags],
    csat: c.csat,
    piiState: tokens > 0 ? sealState(state, opts.keyring) : null,
    createdAt: messages[0]!.createdAt,
    updatedAt: lastAt,
    messages,
    handoff,
  };
}

/** Consumes conversations and stores them in batches, one transaction each. */
export class WorkspaceImporter {
  private batch: ImportedConversation[] = [];
  readonly summary: StoreSummary = { stored: 0, skipped: 0, handoffs: 0 };

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly workspaceId: string,
    private readonly opts: StoreOptions,
  ) {}

  async add(c: ImportedConversation): Promise<void> {
    this.batch.push(c);
    if (this.batch.length >= (this.opts.batchSize ?? 200)) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    const rows = batch.map((c) => toImportRow(this.workspaceId, c, this.opts));
    await transaction(this.db, async (tx) => {
      const seen = await existingConversationIds(
        tx,
        this.workspaceId,
        rows.map((r) => r.conversationId),
      );
      // A file may hold the same conversation twice: the first one wins.
      const fresh: ImportRow[] = [];
      for (const r of rows) {
        if (seen.has(r.conversationId)) continue;
        seen.add(r.conversationId);
        fresh.push(r);
      }
      await insertImported(tx, this.workspaceId, fresh);
      this.summary.stored += fresh.length;
      this.summary.skipped += rows.length - fresh.length;
      this.summary.handoffs += fresh.filter((r) => r.handoff).length;
    });
  }

  /** Flushes the rest and records the import as a workspace event. */
  async finish(source: string): Promise<StoreSummary> {
    await this.flush();
    await transaction(this.db, (tx) =>
      appendEvent(tx, {
        workspaceId: this.workspaceId,
        conversationId: null,
        type: 'import.completed',
        actor: { type: 'system', id: null },
        data: { source, ...this.summary },
      }),
    );
    return this.summary;
  }
}
