import type { ConnectorRow, ConnectorThreadRow } from '../../../db/schema.ts';
import { connectorDefinition } from '../../../connectors/registry.ts';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** A connector as the admin API shows it: never the credentials, only whether they are set. */
export function presentConnector(c: ConnectorRow) {
  return {
    id: c.id,
    vendor: c.vendor,
    display_name: connectorDefinition(c.vendor)?.displayName ?? c.vendor,
    enabled: c.enabled,
    config: c.config,
    has_credentials: c.credentials_enc !== null,
    allow_clear_text: c.allow_clear_text,
    webhook_path: `/api/v1/connectors/${c.vendor}/webhook/${c.workspace_id}`,
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
  };
}

export function presentThread(t: ConnectorThreadRow, ops: { kind: string; state: string; attempts: number; last_error: string | null }[]) {
  return {
    id: t.id,
    conversation_id: t.conversation_id,
    handoff_id: t.handoff_id,
    external_id: t.external_id,
    status: t.status,
    created_at: iso(t.created_at),
    ops: ops.map((o) => ({ kind: o.kind, state: o.state, attempts: o.attempts, last_error: o.last_error })),
  };
}
