import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The package ships what index.ts and main.ts reach (tsconfig.lib.json). The contract tests (ajv against the
    // OpenAPI specs) and the spec helpers in testing.ts are not part of it, so their imports are not dependencies.
    files: ['package.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          buildTargets: ['build'],
          checkMissingDependencies: true,
          checkObsoleteDependencies: true,
          checkVersionMismatches: true,
          ignoredFiles: ['{projectRoot}/src/contract/**/*', '{projectRoot}/src/testing.ts'],
        },
      ],
    },
  },
];
