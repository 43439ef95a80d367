// Lint what matters as errors: async mistakes (a floating promise loses its error) and
// type-aware checks on the server and CLI code.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'widget/dist/', '.tmp/', '.baton-data/', 'test-results/'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Only repositories touch SQL (docs/ARCHITECTURE.md, "Layers"): no query building outside
    // src/db. dependency-cruiser (`npm run lint:deps`) checks the imports; this checks the calls
    // on a Kysely value, which no import shows. src/jobs/queue.ts is being rewritten elsewhere.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/jobs/queue.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom|executeQuery)$/]',
          message: 'SQL lives in src/db/repositories: add a repository function and call it.',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL lives in src/db/repositories: add a repository function and call it.' },
      ],
    },
  },
);
