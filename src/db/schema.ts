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
  team_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface Schema {
  workspaces: WorkspacesTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  customers: CustomersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  events: EventsTable;
  handoffs: HandoffsTable;
  knowledge_articles: KnowledgeArticlesTable;
  routing_rules: RoutingRulesTable;
  macros: MacrosTable;
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
