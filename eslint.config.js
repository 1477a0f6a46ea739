// Lint rules, including the import boundaries of ../shared/style.md ("who may import whom").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // definitions/ is the pure language: no Temporal, no server, no activities.
    files: ['definitions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@temporalio/*'], message: 'definitions/ is pure: no Temporal imports.' },
          { group: ['**/workflows/**', '**/activities/**', '**/server/**', '**/store/**'], message: 'definitions/ imports only itself.' },
        ],
      }],
    },
  },
  {
    // workflows/ run in Temporal's deterministic sandbox.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'workflows/ are deterministic: no Node built-ins.' })),
        patterns: [
          { group: ['node:*'], message: 'workflows/ are deterministic: no Node built-ins.' },
          { group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'], message: 'workflows/ import only @temporalio/workflow.' },
          { group: ['pino', 'fastify', '**/server/**', '**/store/**', 'pg', 'kysely'], message: 'workflows/ have no I/O (the store is reached through activities).' },
          { group: ['**/activities/**'], allowTypeImports: true, message: 'workflows/ import activity types only.' },
          { group: ['**/definitions/load*', '**/definitions/cli*'], message: 'workflows/ may use only the pure parts of definitions/.' },
        ],
      }],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/workflows/**', '**/server/**'], message: 'activities/ do not import workflows or the server.' }],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        // What the activities kept, the API reads from store/ (PostgreSQL), never from a worker.
        patterns: [{ regex: '(^|/)activities(/.*)?$', allowTypeImports: true, message: 'server/ reaches activities only through Temporal, and what they kept through store/.' }],
      }],
    },
  },
  {
    // store/ is the PostgreSQL record and reporting store: used by activities (writes) and the
    // server (reads), it knows the language's vocabularies and the workflows' contracts, nothing else.
    files: ['store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@temporalio/*'], message: 'store/ does not talk to Temporal.' },
          { group: ['**/activities', '**/activities/**', '**/server', '**/server/**', '**/worker', '**/worker/**', '**/bin/**'], message: 'store/ is used by activities and the server, never the other way round.' },
          { regex: '(^|/)workflows/(?![^/]+\\.(messages|contract)$)', message: 'store/ may read only the workflows’ *.messages.ts and *.contract.ts (types).' },
          { regex: '(^|/)workflows/', allowTypeImports: true, message: 'store/ imports only types from workflows/.' },
        ],
      }],
    },
  },
  {
    // Process entries may print a crash message before exiting.
    files: ['bin/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
