import type { ActorType, Role } from '../db/schema.ts';

/** Who is acting: every service call names one, and it is written into each event. */
export type Actor =
  | { type: 'agent'; id: string; workspaceId: string; role: Role; name: string }
  | { type: 'api_key'; id: string; workspaceId: string; scopes: string[] }
  | { type: 'customer'; id: string; workspaceId: string; conversationId: string }
  | { type: 'bot' | 'system'; id: null; workspaceId: string };

export const actorRef = (a: Actor): { type: ActorType; id: string | null } => ({ type: a.type, id: a.id });
