/** @type {import('jest').Config} */
module.exports = {
  displayName: 'mcp-http',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/mcp-http',
};
