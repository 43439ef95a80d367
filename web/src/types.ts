// The API shapes the workspace reads: aliases of the server's published contract
// (contracts/api.ts, generated from its OpenAPI document by `npm run contract`). Pages import
// wire types from here only, so a change on the server shows up as a type error here.
import type { components, paths } from '../../contracts/api.ts';

type Schemas = components['schemas'];

export type Status = Schemas['ConversationStatus'];
export type Priority = Schemas['Priority'];
export const STATUSES: Status[] = ['queued', 'with_agent', 'awaiting_customer', 'bot', 'resolved', 'closed'];
export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export type Agent = Schemas['Agent'];
export type AdminAgent = Schemas['AdminAgent'];
export type Team = Schemas['Team'];
export type ArticleDetail = Schemas['AdminArticleDetail'];
export type Conversation = Schemas['Conversation'];
/** A conversation as the list returns it: with the customer's name, a preview and the intent in words. */
export type ConversationRow = Schemas['ConversationRow'];
export type Citation = Schemas['Citation'];
export type Message = Schemas['Message'];
export type Handoff = Schemas['Handoff'];
/** The handoff brief, schema_version 2 (docs/brief.md). */
export type Brief = Schemas['Brief'];
export type ToolCall = Schemas['ToolCall'];
export type Customer = Schemas['Customer'];
/** How the bot verified the customer in the conversation (a verification tool), if it did. */
export type BotVerification = Schemas['BotVerification'];
export type ConversationDetail = Schemas['ConversationDetail'];
export type Queue = Schemas['Queue'];
export type Macro = Schemas['Macro'];
export type RoutingRule = Schemas['RoutingRule'];
export type AdminArticle = Schemas['AdminArticle'];
/** Something in the knowledge that works against the bot, though the files are valid (an example question of two articles). */
export type KnowledgeWarning = Schemas['KnowledgeWarning'];
/** What a stored upload answers: the counts, and the warnings on the knowledge as it now is. */
export type KnowledgeUploaded = paths['/api/v1/admin/knowledge']['post']['responses'][200]['content']['application/json'];
export type ApiKey = Schemas['ApiKey'];
export type Connector = Schemas['Connector'];
export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type AuditEntry = Schemas['AuditEntry'];
export type Metrics = Schemas['Metrics'];
/** The workspace's actions (docs/actions.md): the document, and whether a secret is stored. */
export type ActionsView = Schemas['ActionsView'];
export type ActionsConfig = Schemas['ActionsConfig'];
export type ToolDefinition = Schemas['ToolDefinition'];
export type Playbook = ActionsConfig['playbooks'][number];
export type ToolOutcome = Schemas['ToolOutcome'];
/** The workspace policy with the defaults its empty fields fall back to (the safety replies by language). */
export type PolicyResponse = paths['/api/v1/admin/policy']['get']['responses'][200]['content']['application/json'];
export type ThresholdCheck = Schemas['ThresholdCheck'];
/** Agent assist's drafts and macros for one conversation. */
export type Suggestions = paths['/api/v1/conversations/{id}/suggestions']['get']['responses'][200]['content']['application/json'];
export type ToolImport = paths['/api/v1/admin/actions/import']['post']['responses'][200]['content']['application/json'];
export type ApiErrorBody = Schemas['ErrorEnvelope'];

/** A handoff's brief when it is the current version; imported handoffs carry another shape. */
export function currentBrief(h: Handoff): Brief | null {
  const b = h.brief as { schema_version?: unknown };
  return b && b.schema_version === 2 ? (h.brief as Brief) : null;
}

// Pushed on the WebSocket (src/server/realtime): the same presenters as the REST answers.
export type Push =
  | { type: 'ready'; data: unknown }
  | { type: 'message.created'; data: Message }
  | { type: 'conversation.updated'; data: Conversation }
  | { type: 'conversation.handoff'; data: { conversation: Conversation; handoff: Handoff | null } };
