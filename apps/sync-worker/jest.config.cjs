/** @type {import('jest').Config} */
module.exports = {
  displayName: 'sync-worker',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/sync-worker',
};
