/** @type {import('jest').Config} */
module.exports = {
  displayName: 'mcp-stdio',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/mcp-stdio',
};
