// API routes the workspace uses that other parts of Baton are still building. Each lists the
// likely paths in order: the first that does not answer 404 wins, and if all do, the screen
// shows "not available". Align these with the server when the routes land.
export const FUTURE = {
  suggestions: (id: string) => [`/conversations/${id}/suggestions`, `/conversations/${id}/assist`, `/assist/conversations/${id}/suggestions`],
  macros: ['/macros', '/assist/macros'],
  articles: ['/knowledge/articles', '/articles', '/knowledge'],
  policy: ['/policy', '/admin/policy', '/workspace/policy'],
  routingRules: ['/routing/rules', '/routing-rules', '/admin/routing/rules'],
  workspace: ['/workspace', '/admin/workspace'],
};
