/** @type {import('jest').Config} */
module.exports = {
  displayName: 'confluence-client',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/confluence-client',
};
