import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // drizzle-kit only generates migrations at development time; the package never imports it.
    files: ['**/package.json'],
    rules: {
      '@nx/dependency-checks': ['error', { buildTargets: ['build'], checkMissingDependencies: true, checkObsoleteDependencies: true, checkVersionMismatches: true, includeTransitiveDependencies: false, ignoredFiles: ['{projectRoot}/drizzle.config.ts'] }],
    },
  },
];
