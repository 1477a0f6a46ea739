// Lint rules, including the import boundaries of ../shared/style.md ("who may import whom").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules of definitions/ that workflows execute (directly or through each other). */
const RUNTIME_DEFINITIONS = [
  'definitions/local-date.ts',
  'definitions/vocabulary.ts',
  'definitions/campaign-run.ts',
  'definitions/issue-code.ts',
  'definitions/calendar.ts',
  'definitions/date-rule.ts',
  'definitions/cadence.ts',
  'definitions/timeline.ts',
  'definitions/escalation.ts',
  'definitions/hazard-policy.ts',
  'definitions/campaign.machine.ts',
  'definitions/run-calendar.ts',
  'definitions/legacy-calendar.ts',
];

/** The official calendar is data (definitions/calendars/); the package it was imported from is for that script and its test only. */
const NO_CALENDAR_PACKAGE = {
  group: ['chinese-days', 'chinese-days/*'],
  message: 'The official calendar is data in definitions/calendars/ (imported once by scripts/import-official-calendars.ts); runs carry it, nothing reads the package.',
};

/** zod, and the values of schema modules (types are erased and welcome). */
const NO_ZOD_VALUES = [
  { group: ['zod', 'zod/*'], message: 'No zod here: it would enter the workflow sandbox. Put vocabularies in definitions/vocabulary.ts.' },
  { group: ['**/*.schema'], allowTypeImports: true, message: 'Only types from *.schema modules here (import type): their values bring zod into the workflow sandbox.' },
];

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench/results/**', 'console/dist/**'] },
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
          NO_CALENDAR_PACKAGE,
        ],
      }],
    },
  },
  {
    // The runtime of the language (what workflows execute) stays out of zod: zod and every schema
    // object would otherwise be evaluated again for each workflow run in the sandbox.
    files: RUNTIME_DEFINITIONS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@temporalio/*'], message: 'definitions/ is pure: no Temporal imports.' },
          { group: ['**/workflows/**', '**/activities/**', '**/server/**', '**/store/**'], message: 'definitions/ imports only itself.' },
          NO_CALENDAR_PACKAGE,
          ...NO_ZOD_VALUES,
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
          NO_CALENDAR_PACKAGE,
          ...NO_ZOD_VALUES,
        ],
      }],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/workflows/**', '**/server/**'], message: 'activities/ do not import workflows or the server.' }, NO_CALENDAR_PACKAGE],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/app.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          // What the activities kept, the API reads from store/ (PostgreSQL), never from a worker.
          { regex: '(^|/)activities(/.*)?$', allowTypeImports: true, message: 'server/ reaches activities only through Temporal, and what they kept through store/.' },
          // Layers inside server/: app.ts wires plugins and routes; everything else imports downwards only.
          { group: ['**/routes/**', './*.routes', '**/plugins/**', './*.plugin'], message: 'Only server/app.ts imports routes and plugins; shared helpers live in server/ beside their concept.' },
          // What the server may know of a run: its messages and the contracts both sides share (rules, vocabularies, search attributes).
          { group: ['**/workflows/*', '!**/workflows/*.messages', '!**/workflows/*.contract'], allowTypeImports: true, message: 'server/ imports only workflows/*.messages.ts and *.contract.ts (and types).' },
          NO_CALENDAR_PACKAGE,
        ],
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
    // The web console runs in the browser: it takes the engine's types (never its code) and no Node.
    // Its build also refuses any module from outside console/ (console/vite.config.ts).
    files: ['console/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'console/ runs in the browser: no Node built-ins.' })),
        patterns: [
          { group: ['node:*'], message: 'console/ runs in the browser: no Node built-ins.' },
          {
            group: ['**/server/**', '**/definitions/**', '**/workflows/**', '**/activities/**', '**/store/**', 'zod', '@temporalio/*'],
            allowTypeImports: true,
            message: 'console/ takes the API types from the server schemas with `import type` only.',
          },
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
