// The import boundaries of Baton (docs/ARCHITECTURE.md, "Layers"). `npm run lint:deps` fails on
// any of these. Type-only imports count too: a type import is still a dependency of the design.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not reach itself again through its imports.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'server-is-top',
      severity: 'error',
      comment: 'Only the composition root (src/app) and the server itself import src/server.',
      from: { path: '^src/', pathNot: '^src/(app|server)/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'app-is-root',
      severity: 'error',
      comment: 'The composition root is imported by nothing but the commands that start the app (or print its OpenAPI document).',
      from: { path: '^src/', pathNot: '^src/(app/|cli/(main|commands/(serve|demo|chat|openapi))\\.ts$)' },
      to: { path: '^src/app/' },
    },
    {
      name: 'routes-call-services',
      severity: 'error',
      comment: 'Route modules call services (commands and queries): no repository, no transaction, no query builder.',
      from: { path: '^src/server/(routes/|realtime/routes\\.ts$)' },
      to: { path: ['^src/db/repositories/', '^src/db/transaction\\.ts$', 'node_modules/kysely/'] },
    },
    {
      name: 'sql-in-repositories',
      severity: 'error',
      comment:
        'Only src/db builds SQL: nothing else imports kysely at runtime (its sql tag, CompiledQuery); types only. ' +
        'Query-builder calls on a Kysely value are caught by eslint (eslint.config.js). ' +
        'src/jobs/queue.ts is being rewritten on its own branch and is left out until then.',
      from: { path: '^src/', pathNot: ['^src/db/', '^src/jobs/queue\\.ts$'] },
      to: { path: 'node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'conversations-below-handoff',
      severity: 'error',
      comment: 'The conversation kernel knows nothing of handoffs; src/handoff builds on it.',
      from: { path: '^src/conversations/' },
      to: { path: '^src/handoff/' },
    },
    {
      name: 'repositories-are-bottom',
      severity: 'error',
      comment: 'src/db runs no domain code (it may name domain types).',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/(db/|errors\\.ts$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'demo-is-outside',
      comment: 'The stand-ins of the demo (src/demo) are started by the composition root and the CLI; the product never depends on them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app|cli|demo)/' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'fronts-use-the-contract',
      severity: 'error',
      comment: 'The agent workspace and the widget see the server only through its published contract.',
      from: { path: '^(web|widget)/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(web|widget)/dist/' },
    tsPreCompilationDeps: true,
    // node_modules may be a symlink (worktrees share one): name packages by where they are imported from.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
