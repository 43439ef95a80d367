import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Kysely's view of the tables in migrations/. jsonb columns are written as JSON strings
// (see repositories/json.ts) and read back parsed.
type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Role = 'admin' | 'agent' | 'viewer';
export type ConversationStatus = 'bot' | 'queued' | 'with_agent' | 'awaiting_customer' | 'resolved' | 'closed';
export type Controller = 'bot' | 'human' | 'none';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Author = 'customer' | 'bot' | 'agent' | 'system';
export type ActorType = 'customer' | 'bot' | 'agent' | 'api_key' | 'system';
export type AgentStatus = 'online' | 'away' | 'offline';

export interface WorkspacesTable {
  id: string;
  slug: string;
  name: string;
  identity_secret: string;
  policy: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface AgentsTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  skills: Json<string[]>;
  languages: Json<string[]>;
  capacity: ColumnType<number, number | undefined, number>;
  status: ColumnType<AgentStatus, AgentStatus | undefined, AgentStatus>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  agent_id: string;
  workspace_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  key_hash: string;
  scopes: Json<string[]>;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  name: string;
  skills: Json<string[]>;
  sla_seconds: ColumnType<number, number | undefined, number>;
  fallback_team_id: string | null;
  created_at: CreatedAt;
}

export interface TeamMembersTable {
  team_id: string;
  agent_id: string;
}

/** One row per (server process, agent) holding a workspace socket (migrations/0012_agent_presence.ts). */
export interface AgentPresenceTable {
  node_id: string;
  agent_id: string;
  workspace_id: string;
  seen_at: Timestamp;
}

export interface CustomersTable {
  id: string;
  workspace_id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  attributes: Json<Record<string, unknown>>;
  verified: boolean;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  token_hash: string;
  channel: string;
  language: string | null;
  status: ConversationStatus;
  controller: Controller;
  assignee_id: string | null;
  team_id: string | null;
  priority: ColumnType<Priority, Priority | undefined, Priority>;
  intent: string | null;
  tags: Json<string[]>;
  csat: number | null;
  last_seq: ColumnType<number, number | undefined, number>;
  /** The PII vault: this conversation's token state, sealed (see src/pii/vault.ts). */
  pii_state: string | null;
  /** The actions runner's state between turns, and the verified identity (migrations/0013_action_state.ts): tokens, never clear values. */
  action_state: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  action_identity: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  author: Author;
  agent_id: string | null;
  text: string;
  redacted_text: string;
  internal: boolean;
  citations: Json<unknown[]>;
  trace: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** The sender's own id for a customer line (repeats return the kept line). */
  client_message_id: ColumnType<string | null, string | null | undefined, never>;
  created_at: CreatedAt;
}

export interface EventsTable {
  id: Generated<string>;
  workspace_id: string;
  conversation_id: string | null;
  type: string;
  actor_type: ActorType;
  actor_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface HandoffsTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  reasons: Json<string[]>;
  brief: Json<Record<string, unknown>>;
  routing: Json<Record<string, unknown>>;
  team_id: string | null;
  requested_at: CreatedAt;
  offered_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  first_agent_reply_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  /** The assigned agent's one-click rating of the brief (migrations/0006_analytics.ts). */
  brief_useful: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  brief_comment: ColumnType<string | null, string | null | undefined, string | null>;
  brief_rated_by: ColumnType<string | null, string | null | undefined, string | null>;
  brief_rated_at: NullableTimestamp;
}

export interface QaReviewsTable {
  id: string;
  workspace_id: string;
  handoff_id: string;
  conversation_id: string;
  reviewer_id: string;
  month: string;
  scores: Json<Record<string, number>>;
  comment: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface KnowledgeArticlesTable {
  workspace_id: string;
  id: string;
  title: string;
  body: string;
  url: string | null;
  locale: string;
  tags: Json<string[]>;
  examples: Json<string[]>;
  content_hash: string;
  version: number;
  updated_at: Timestamp;
}

// Connectors and outbound webhooks (migrations/0004_connectors.ts).
export interface ConnectorsTable {
  id: string;
  workspace_id: string;
  vendor: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  config: Json<Record<string, unknown>>;
  credentials_enc: string | null;
  allow_clear_text: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConnectorThreadsTable {
  id: string;
  workspace_id: string;
  connector_id: string;
  conversation_id: string;
  handoff_id: string;
  transcript_seq: ColumnType<number, number | undefined, number>;
  external_id: string | null;
  status: ColumnType<'pending' | 'open' | 'closed', 'pending' | 'open' | 'closed' | undefined, 'pending' | 'open' | 'closed'>;
  data: Json<Record<string, unknown>>;
  lease_until: NullableTimestamp;
  created_at: CreatedAt;
}

export interface ConnectorOpsTable {
  id: Generated<string>;
  thread_id: string;
  kind: 'create' | 'message' | 'close';
  dedupe_key: string;
  payload: Json<Record<string, unknown>>;
  state: ColumnType<'pending' | 'done' | 'skipped', 'pending' | 'done' | 'skipped' | undefined, 'pending' | 'done' | 'skipped'>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: CreatedAt;
  done_at: NullableTimestamp;
}

export interface ConnectorInboundTable {
  connector_id: string;
  event_id: string;
  received_at: CreatedAt;
}

export interface WebhookSubscriptionsTable {
  id: string;
  workspace_id: string;
  url: string;
  description: string | null;
  event_types: Json<string[]>;
  secret_enc: string;
  allow_private: ColumnType<boolean, boolean | undefined, boolean>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: ColumnType<
    'pending' | 'delivered' | 'failed',
    'pending' | 'delivered' | 'failed' | undefined,
    'pending' | 'delivered' | 'failed'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  last_attempt_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
}

export interface OutboxCursorsTable {
  name: string;
  last_event_id: string;
  updated_at: Timestamp;
}

export interface RoutingRulesTable {
  id: string;
  workspace_id: string;
  position: number;
  name: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  conditions: Json<Record<string, unknown>>;
  target: Json<Record<string, unknown>>;
  skills: Json<string[]>;
  priority: Priority | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MacrosTable {
  id: string;
  workspace_id: string;
  title: string;
  body: string;
  tags: Json<string[]>;
  /** ISO 639-1 code of the language the macro is written in; null: offered in any language. */
  language: string | null;
  team_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

// The audit log and erasure tombstones (migrations/0005_audit.ts, src/audit/).
/** Read-only to Kysely: entries are appended by the database function audit_append only. */
type Appended<T> = ColumnType<T, never, never>;
export interface AuditLogTable {
  id: Appended<string>;
  at: Appended<Date>;
  workspace_id: Appended<string | null>;
  type: Appended<string>;
  actor_type: Appended<string>;
  actor_id: Appended<string | null>;
  subject_type: Appended<string | null>;
  subject_id: Appended<string | null>;
  event_id: Appended<string | null>;
  data: Appended<Record<string, unknown>>;
  prev_hash: Appended<string>;
  hash: Appended<string>;
}

export interface AuditChainTable {
  id: number;
  last_id: string;
  last_hash: string;
  updated_at: Timestamp;
}

export interface ErasureTombstonesTable {
  id: string;
  workspace_id: string;
  reason: 'request' | 'retention';
  erased_at: CreatedAt;
  customers: number;
  conversations: number;
  messages: number;
  handoffs: number;
  channels: Json<Record<string, number>>;
  statuses: Json<Record<string, number>>;
  csat_count: number;
  csat_sum: number;
}

// A workspace's actions: tools, identity, playbooks, and the sealed API secret (migrations/0008_actions.ts).
export interface WorkspaceActionsTable {
  workspace_id: string;
  config: Json<Record<string, unknown>>;
  secret_sealed: string | null;
  allow_private_network: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
  /** The actor who changed it last, as "type:id" (an agent or an API key). */
  updated_by: string | null;
}

export interface Schema {
  workspaces: WorkspacesTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  agent_presence: AgentPresenceTable;
  customers: CustomersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  events: EventsTable;
  handoffs: HandoffsTable;
  qa_reviews: QaReviewsTable;
  knowledge_articles: KnowledgeArticlesTable;
  routing_rules: RoutingRulesTable;
  macros: MacrosTable;
  connectors: ConnectorsTable;
  connector_threads: ConnectorThreadsTable;
  connector_ops: ConnectorOpsTable;
  connector_inbound: ConnectorInboundTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  outbox_cursors: OutboxCursorsTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  erasure_tombstones: ErasureTombstonesTable;
  workspace_actions: WorkspaceActionsTable;
}

export type WorkspaceRow = Selectable<WorkspacesTable>;
export type AgentRow = Selectable<AgentsTable>;
export type TeamRow = Selectable<TeamsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type EventRow = Selectable<EventsTable>;
export type HandoffRow = Selectable<HandoffsTable>;
export type ArticleRow = Selectable<KnowledgeArticlesTable>;
export type RoutingRuleRow = Selectable<RoutingRulesTable>;
export type MacroRow = Selectable<MacrosTable>;
export type NewMessage = Insertable<MessagesTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type ConnectorRow = Selectable<ConnectorsTable>;
export type ConnectorThreadRow = Selectable<ConnectorThreadsTable>;
export type ConnectorOpRow = Selectable<ConnectorOpsTable>;
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WorkspaceActionsRow = Selectable<WorkspaceActionsTable>;
