/**
 * Shared jest settings for every project.
 *
 * ts-jest transpiles each file on its own (`isolatedModules` in tsconfig.base.json): type errors are the
 * `typecheck` target's job, so tests start fast.
 *
 * ESM-only dependencies (ky 1.x) are decided here once: they are transpiled to CommonJS by ts-jest like our
 * own sources, instead of switching the whole test run to experimental VM modules.
 */
const esmOnlyPackages = ['ky'];

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.(ts|js|mjs)$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper: (() => {
    const { compilerOptions } = require('./tsconfig.base.json');
    const mapped = {};
    for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
      mapped[`^${alias}$`] = `${__dirname}/${target}`;
    }
    return mapped;
  })(),
  testTimeout: 20_000,
};
