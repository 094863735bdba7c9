/** @type {import('jest').Config} */
module.exports = {
  displayName: 'sync-engine',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/sync-engine',
};
