/** @type {import('jest').Config} */
module.exports = {
  displayName: 'consumer-test',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/tools/consumer-test',
  // Packs, installs, compiles and runs whole projects: minutes, not the preset's 20 s.
  testTimeout: 240_000,
  // The three specs mostly wait on child processes (tsc, node, nx, npm, eslint): two at a time, even on 2 cores.
  maxWorkers: 2,
};
