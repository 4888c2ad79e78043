import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: `scope:*` says which side may use a project (shared code is used by both the server and the
 * web app; server and web never import each other), `type:*` says what it may depend on.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/.angular', '**/node_modules', 'tmp', '.data', '.run'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contracts', 'type:data'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contracts', 'type:data'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts', 'type:data'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Database access stays in repositories: a model injected elsewhere, or an unscoped (platform) DataScope made
    // elsewhere, bypasses the scope checks and the locks (guarded writes are not atomic on FerretDB). The scope
    // classes themselves may make platform scopes.
    files: ['**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      '**/scope/data-scope.ts',
      '**/sellers/seller-access.ts',
      '**/payment-access.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/test/**',
      'e2e/**',
      'tools/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Decorator[expression.callee.name='InjectModel']", message: '@InjectModel only in *.repository.ts files' },
        {
          selector: "CallExpression[callee.object.name='DataScope'][callee.property.name='platform']",
          message: 'DataScope.platform(reason) only in *.repository.ts files (or the scope classes)',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.int-spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'tools/**/*', '**/*.mjs', '**/*.cjs', '**/*.cts'],
    // Tools and tests print to the console. Tests type what they read (`api.request<T>`), so `any` stays banned.
    rules: { 'no-console': 'off' },
  },
];
