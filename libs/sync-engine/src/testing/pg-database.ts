/**
 * A fresh PostgreSQL database per spec file (or per test), on the server the jest global setup started
 * (tools/scripts/test-postgres) or the one `TEST_POSTGRES_URL` names. Each gets a random name so that spec files
 * running in parallel never see each other's rows; `drop` removes it with whatever connections are left.
 * Other projects' specs import it as `@confluence-mcp/sync-engine/testing` (never from the runtime entry).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database made for a test, and how to get rid of it. */
export interface TestPgDatabase {
  /** postgres:// URL of the new database. */
  url: string;
  drop(): Promise<void>;
}

/** The admin URL of the test server; throws a clear error when the jest config has no PostgreSQL global setup. */
export function testPostgresUrl(): string {
  const url = process.env['TEST_POSTGRES_URL'];
  if (!url) throw new Error('TEST_POSTGRES_URL: not set (the jest config needs globalSetup tools/scripts/test-postgres/jest-global-setup.mjs, or set it to a PostgreSQL you own)');
  return url;
}

/** Creates an empty database (`t_<random>`) on the test server. */
export async function createTestPgDatabase(): Promise<TestPgDatabase> {
  const admin = testPostgresUrl();
  const name = `t_${randomBytes(8).toString('hex')}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
