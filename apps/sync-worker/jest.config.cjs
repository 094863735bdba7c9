/** @type {import('jest').Config} */
module.exports = {
  displayName: 'sync-worker',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/sync-worker',
  // One throwaway PostgreSQL per run for the specs that run the CLI with a postgres:// DATABASE_URL (each makes its own database).
  globalSetup: '<rootDir>/../../tools/scripts/test-postgres/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/../../tools/scripts/test-postgres/jest-global-teardown.mjs',
};
