// API routes the workspace uses that other parts of Baton are still building. Each lists the
// likely paths in order: the first that does not answer 404 wins, and if all do, the screen
// shows "not available". Align these with the server when the routes land.
export const FUTURE = {
  suggestions: (id: string) => [`/conversations/${id}/suggestions`, `/conversations/${id}/assist`, `/assist/conversations/${id}/suggestions`],
  macros: ['/macros', '/assist/macros'],
  articles: ['/admin/knowledge', '/knowledge/articles'],
  policy: ['/admin/policy', '/policy'],
  routingRules: ['/admin/routing-rules', '/routing/rules'],
  widgetSnippet: ['/admin/widget-snippet'],
};
