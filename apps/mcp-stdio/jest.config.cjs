/** @type {import('jest').Config} */
module.exports = {
  displayName: 'mcp-stdio',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/mcp-stdio',
  // One throwaway PostgreSQL per run for the index search on a postgres:// SYNC_DATABASE_URL (each spec makes its own database).
  globalSetup: '<rootDir>/../../tools/scripts/test-postgres/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/../../tools/scripts/test-postgres/jest-global-teardown.mjs',
};
