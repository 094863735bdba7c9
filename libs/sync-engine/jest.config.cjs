/** @type {import('jest').Config} */
module.exports = {
  displayName: 'sync-engine',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/sync-engine',
  // One throwaway PostgreSQL per run for the PostgreSQL store and search specs (each spec file makes its own database).
  globalSetup: '<rootDir>/../../tools/scripts/test-postgres/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/../../tools/scripts/test-postgres/jest-global-teardown.mjs',
};
