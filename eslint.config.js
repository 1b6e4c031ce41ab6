// Type-aware lint for src/, test/ and bench/: a deliberately small rule set that catches what the
// compiler cannot (floating promises above all) and keeps process.env inside config and the CLI.
// Folder-to-folder import rules live in scripts/check-layers.mjs, not here.

import tseslint from 'typescript-eslint';

const typeScriptFiles = ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'];

const environmentMessage =
  'Only src/config/ and src/cli/ read the environment: take the value from the validated configuration instead.';

export default [
  {
    ignores: ['dist/', 'node_modules/', 'ui/dist/', 'ui/build/', 'ui/node_modules/', 'bench/results/', '**/*.d.ts'],
  },
  {
    files: typeScriptFiles,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/cli/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: environmentMessage }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='env'][object.property.name='process']", message: environmentMessage },
        {
          selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
          message: environmentMessage,
        },
      ],
    },
  },
];
