import baseConfig from '../../eslint.config.mjs';

/** Node built-ins that do I/O: bannedExternalImports cannot see them, since they are not npm packages. */
const ioBuiltins = '^(node:)?(fs|http|https|net|child_process|dgram|tls)(/.*)?$';

export default [
  ...baseConfig,
  {
    // Nx lints each project from its own folder with this file, so the ban lives here, not in the root config.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: ioBuiltins, message: 'schemas must stay free of I/O.' }] }],
    },
  },
  {
    // Specs and their helpers read the shared reference fixtures (real API responses) from disk with node:fs.
    // They are test code that the library never imports, so the I/O ban does not concern them.
    files: ['**/*.spec.ts', '**/*.spec-helper.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
