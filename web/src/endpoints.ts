// API routes the workspace uses that other parts of Baton are still building or have moved.
// Each lists the likely paths in order: the first that does not answer 404 wins, and if all
// do, the screen shows "not available". Align these with the server when the routes land.
export const FUTURE = {
  suggestions: (id: string) => [`/conversations/${id}/suggestions`, `/conversations/${id}/assist`, `/assist/conversations/${id}/suggestions`],
  macros: ['/macros', '/assist/macros'],
  articles: ['/admin/knowledge', '/knowledge/articles'],
  policy: ['/admin/policy', '/policy'],
  routingRules: ['/admin/routing-rules', '/routing/rules'],
  widgetSnippet: ['/admin/widget-snippet'],
  /** No route rebuilds the index on demand yet: an upload does (knowledge.updated). */
  reindex: ['/admin/knowledge/reindex'],
  analyticsSummary: ['/analytics/summary', '/analytics/overview', '/analytics'],
};

// The admin API as it is (src/server/routes/admin, assist, connectors, webhooks).
export const ADMIN = {
  teams: '/admin/teams',
  agents: '/admin/agents',
  rules: '/admin/routing-rules',
  knowledge: '/admin/knowledge',
  keys: '/admin/api-keys',
  macros: '/macros',
  connectors: '/connectors',
  connectorDeadLetters: '/connectors/dead-letters',
  webhooks: '/webhooks',
  webhookDeadLetters: '/webhooks/dead-letters',
};
