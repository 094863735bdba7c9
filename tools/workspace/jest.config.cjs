/** @type {import('jest').Config} */
module.exports = {
  displayName: 'workspace',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/workspace',
};
