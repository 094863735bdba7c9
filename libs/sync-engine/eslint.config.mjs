import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // drizzle-kit only generates migrations at development time; the package never imports it.
    // @types/better-sqlite3 is imported by no source file, but the published store/database.d.ts names better-sqlite3's
    // types (SyncDatabase.$client): without it a strict consumer fails with TS7016 (tools/consumer-test proves it).
    // @types/pg likewise for store/pg/database.d.ts (PgSyncDatabase.$client is a pg Pool).
    files: ['**/package.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          buildTargets: ['build'],
          checkMissingDependencies: true,
          checkObsoleteDependencies: true,
          checkVersionMismatches: true,
          includeTransitiveDependencies: false,
          ignoredFiles: ['{projectRoot}/drizzle.config.ts', '{projectRoot}/drizzle-pg.config.ts'],
          ignoredDependencies: ['@types/better-sqlite3', '@types/pg'],
        },
      ],
    },
  },
];
