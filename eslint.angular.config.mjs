import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/** The web projects' lint: the workspace rules plus Angular's, with the `nss` selector prefix. */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'nss', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'nss', style: 'kebab-case' }],
    },
  },
];
