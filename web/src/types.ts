// The API shapes the workspace reads (src/presenters). Unknown extra fields are allowed.

export type Status = 'bot' | 'queued' | 'with_agent' | 'awaiting_customer' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const STATUSES: Status[] = ['queued', 'with_agent', 'awaiting_customer', 'bot', 'resolved', 'closed'];
export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent' | 'viewer';
  skills: string[];
  languages: string[];
  capacity: number;
  status: 'online' | 'away' | 'offline';
}

export interface Team {
  id: string;
  name: string;
  skills: string[];
  sla_seconds: number | null;
  fallback_team_id: string | null;
  member_ids: string[];
}

export interface Conversation {
  id: string;
  status: Status;
  controller: 'bot' | 'human';
  channel: string;
  language: string | null;
  customer_id: string;
  assignee_id: string | null;
  team_id: string | null;
  priority: Priority;
  intent: string | null;
  tags: string[];
  csat: number | null;
  last_seq: number;
  created_at: string | null;
  updated_at: string | null;
}

export interface Citation {
  articleId?: string;
  title?: string;
  url?: string | null;
  passage?: string;
}

export interface Message {
  id: string;
  conversation_id: string;
  seq: number;
  author: 'customer' | 'bot' | 'agent' | 'system';
  agent_id: string | null;
  text: string;
  citations: Citation[] | null;
  internal?: boolean;
  trace?: Record<string, unknown> | null;
  created_at: string | null;
}

export interface Handoff {
  id: string;
  conversation_id: string;
  reasons: string[];
  brief: Record<string, unknown>;
  routing: Record<string, unknown>;
  team_id: string | null;
  requested_at: string | null;
  offered_at: string | null;
  accepted_at: string | null;
  first_agent_reply_at: string | null;
  resolved_at: string | null;
}

export interface Customer {
  id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  verified: boolean;
  attributes: Record<string, unknown>;
}

export interface ConversationDetail {
  conversation: Conversation;
  messages: Message[];
  handoffs: Handoff[];
  customer: Customer | null;
}

export interface Queue {
  team_id: string | null;
  team_name: string | null;
  queued: number;
  with_agent: number;
  awaiting_customer: number;
}

export type Push =
  | { type: 'ready'; data: unknown }
  | { type: 'message.created'; data: Message }
  | { type: 'conversation.updated'; data: Conversation }
  | { type: 'conversation.handoff'; data: { conversation: Conversation; handoff: Handoff | null } };
