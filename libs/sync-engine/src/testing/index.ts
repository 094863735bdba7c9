/**
 * `@confluence-mcp/sync-engine/testing`: what other projects' specs use (never the runtime entry): a throwaway
 * PostgreSQL database per spec file, and the convergence check (the destination holds exactly what alice can read).
 */
export { createTestPgDatabase, testPostgresUrl } from './pg-database';
export type { TestPgDatabase } from './pg-database';
export { expectConverged, ancestorTitles } from './converged';
export type { HeldChunk } from './converged';
export { visiblePages } from './sync-world';
export { until } from './until';
export type { SyncWorld } from './sync-world';
