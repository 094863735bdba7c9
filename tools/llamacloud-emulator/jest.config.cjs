/** @type {import('jest').Config} */
module.exports = {
  displayName: 'llamacloud-emulator',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/tools/llamacloud-emulator',
};
