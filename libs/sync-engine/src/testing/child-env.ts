/** The environment shared by the test children (`sync-child.ts`, `service-child.ts`): required variables, the client. */
import { ConfluenceAuth, ConfluenceClient, Flavor, createConfluenceClient } from '@confluence-mcp/confluence-client';

/** The variable's value; throws naming it (and which child needs it) when it is missing. */
export function requiredEnv(name: string, child: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name}: required by the ${child}`);
  return value;
}

/** The client of `CONFLUENCE_URL`, `CONFLUENCE_FLAVOR` and `SYNC_CHILD_AUTH` (the `auth` option as JSON), with short backoffs. */
export function childClient(child: string): ConfluenceClient {
  return createConfluenceClient({
    baseUrl: requiredEnv('CONFLUENCE_URL', child),
    flavor: requiredEnv('CONFLUENCE_FLAVOR', child) as Flavor,
    auth: JSON.parse(requiredEnv('SYNC_CHILD_AUTH', child)) as ConfluenceAuth,
    retry: { backoffLimitMs: 50 },
  });
}
