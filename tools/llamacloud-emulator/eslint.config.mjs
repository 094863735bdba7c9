import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The package ships what index.ts and main.ts reach (tsconfig.lib.json). The contract tests (ajv against the
    // OpenAPI spec) and the spec helpers in testing.ts are not part of it, so their imports are not dependencies;
    // nor is the official SDK, which only the specs use to drive the emulator.
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
