/** @type {import('jest').Config} */
module.exports = {
  displayName: 'confluence-emulator',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/tools/confluence-emulator',
};
