// The API paths the workspace calls (relative to /api/v1), as the server publishes them in
// contracts/api.ts: each is checked against the contract, so a path the server does not have
// fails to compile instead of answering 404 at run time.
import type { paths } from '../../contracts/api.ts';

type Relative<K> = K extends `/api/v1${infer P}` ? P : never;
/** Every path of the API, without the /api/v1 prefix (path parameters as {id}). */
export type ApiPath = Relative<keyof paths>;

export const API = {
  macros: '/macros',
  policy: '/admin/policy',
  widgetSnippet: '/admin/widget-snippet',
  analyticsOverview: '/analytics/overview',
} as const satisfies Record<string, ApiPath>;

/** Reply suggestions for one conversation (GET /conversations/{id}/suggestions). */
export const suggestionsPath = (id: string) => `/conversations/${encodeURIComponent(id)}/suggestions`;

// The admin API (src/server/routes/admin, assist, connectors, webhooks).
export const ADMIN = {
  teams: '/admin/teams',
  agents: '/admin/agents',
  rules: '/admin/routing-rules',
  knowledge: '/admin/knowledge',
  knowledgeWarnings: '/admin/knowledge-warnings',
  keys: '/admin/api-keys',
  macros: '/macros',
  connectors: '/connectors',
  connectorDeadLetters: '/connectors/dead-letters',
  webhooks: '/webhooks',
  webhookDeadLetters: '/webhooks/dead-letters',
  actions: '/admin/actions',
  actionsSecret: '/admin/actions/secret',
  actionsImport: '/admin/actions/import',
  thresholdCheck: '/admin/threshold-check',
} as const satisfies Record<string, ApiPath>;

/** Try one of the workspace's tools (POST /admin/actions/tools/{name}/test). */
export const toolTestPath = (name: string) => `/admin/actions/tools/${encodeURIComponent(name)}/test`;
