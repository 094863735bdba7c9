/** @type {import('jest').Config} */
module.exports = {
  displayName: 'confluence-markdown',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/confluence-markdown',
};
