/** @type {import('jest').Config} */
module.exports = {
  displayName: 'mcp-tools',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/mcp-tools',
};
