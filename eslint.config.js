// Lint: typescript-eslint's recommended rules plus the layering of DEVELOPERS.md,
// kept by eslint-plugin-boundaries: routes → service → domain / queries → platform;
// platform imports no module; domain code imports nothing with I/O.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_PACKAGES = [
  'node:*',
  'fs',
  'path',
  'pg',
  'pg-copy-streams',
  '@electric-sql/*',
  'fastify',
  '@fastify/*',
  'exceljs',
  'pdfmake',
  'commander',
  'cli-progress',
  'csv-parse',
  'csv-parse/*',
  'csv-stringify',
  'csv-stringify/*',
  'tar-stream',
  'shapefile',
  'jszip',
  'xmllint-wasm',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'dist/**', 'data/**', 'reports/**', 'bench/results/**', '.stryker-tmp*/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // imports and validators look for NUL and other control characters on purpose
      'no-control-regex': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/*.fixtures.ts', 'src/**/*.factories.ts', 'src/**/*.arbitraries.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
      'boundaries/include': ['src/**/*.ts'],
      'boundaries/elements': [
        // pure platform helpers domain code may use (text keys, the import pipeline's row types)
        { type: 'kernel', pattern: 'src/platform/text.ts', mode: 'full' },
        { type: 'kernel', pattern: 'src/platform/imports/types.ts', mode: 'full' },
        { type: 'platform', pattern: 'src/platform/**', mode: 'full' },
        { type: 'kernel', pattern: 'src/kernel/**', mode: 'full' },
        { type: 'domain', pattern: 'src/modules/**/*.domain.ts', mode: 'full' },
        // pure models of a domain (state types and the functions over them)
        { type: 'domain', pattern: 'src/modules/**/*.model.ts', mode: 'full' },
        { type: 'domain', pattern: 'src/modules/**/*.state.ts', mode: 'full' },
        { type: 'schema', pattern: 'src/modules/**/*.schema.ts', mode: 'full' },
        { type: 'queries', pattern: 'src/modules/**/*.queries.ts', mode: 'full' },
        { type: 'service', pattern: 'src/modules/**/*.service.ts', mode: 'full' },
        { type: 'routes', pattern: 'src/modules/**/*.routes.ts', mode: 'full' },
        { type: 'module', pattern: 'src/modules/**', mode: 'full' },
        { type: 'entry', pattern: 'src/**', mode: 'full' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'platform' } },
              disallow: { to: { element: { types: { anyOf: ['domain', 'schema', 'queries', 'service', 'routes', 'module', 'entry'] } } } },
            },
            {
              from: { element: { type: 'kernel' } },
              disallow: { to: { element: { types: { anyOf: ['domain', 'schema', 'queries', 'service', 'routes', 'module', 'entry'] } } } },
            },
            {
              from: { element: { type: 'domain' } },
              disallow: { to: { element: { types: { anyOf: ['platform', 'queries', 'service', 'routes', 'module', 'entry'] } } } },
            },
            { from: { element: { type: 'schema' } }, disallow: { to: { element: { types: { anyOf: ['queries', 'service', 'routes', 'entry'] } } } } },
            { from: { element: { type: 'queries' } }, disallow: { to: { element: { types: { anyOf: ['service', 'routes', 'entry'] } } } } },
            { from: { element: { type: 'service' } }, disallow: { to: { element: { types: { anyOf: ['routes', 'entry'] } } } } },
            { from: { element: { type: 'routes' } }, disallow: { to: { element: { types: { anyOf: ['queries', 'entry'] } } } } },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.domain.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: IO_PACKAGES, message: 'Domain code is pure: no I/O (files, network, database, HTTP, CLI).' }] }],
    },
  },
);
