/**
 * Child process of the sync benchmark: one sync of one space into the local index in `dbPath`, printing one JSON
 * line with the run summary, the wall time, and this process's peak RSS (so the emulator's memory is not counted).
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { LocalIndex, SqliteSyncStore, createRequestMeter, openDatabase, runSync } from '@confluence-mcp/sync-engine';

async function main(): Promise<void> {
  const [baseUrl, spaceKey, dbPath] = process.argv.slice(2);
  const meter = createRequestMeter();
  const client = createConfluenceClient({ baseUrl, flavor: 'cloud', auth: { type: 'basic', email: 'alice@example.com', apiToken: 'token-alice' }, fetch: meter.fetch });
  const db = openDatabase({ url: dbPath });
  const store = new SqliteSyncStore(db);
  const index = (await store.findIndexByName(spaceKey)) ?? (await store.createIndex({ name: spaceKey, siteUrl: client.siteUrl, spaces: [spaceKey], destination: 'local' }));
  const started = performance.now();
  const summary = await runSync({ client, store, index, sink: new LocalIndex(db, index.id), meter });
  const wallMs = performance.now() - started;
  await store.close();
  // maxRSS is in kilobytes.
  process.stdout.write(`${JSON.stringify({ summary, wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
