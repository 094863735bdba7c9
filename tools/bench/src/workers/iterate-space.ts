/**
 * Child process of the client benchmark: iterate every page of one space with bodies and print one JSON line
 * with the wall time, pages seen and this process's peak RSS (so the emulator's memory is not counted).
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';

async function main(): Promise<void> {
  const [baseUrl, spaceKey] = process.argv.slice(2);
  const client = createConfluenceClient({ baseUrl, flavor: 'cloud', auth: { type: 'basic', email: 'alice@example.com', apiToken: 'token-alice' } });
  const started = performance.now();
  let pages = 0;
  let bodyBytes = 0;
  for await (const page of client.pages.iterate({ spaceKey }, { body: true })) {
    pages++;
    bodyBytes += page.body?.storage?.length ?? 0;
  }
  const wallMs = performance.now() - started;
  // maxRSS is in kilobytes.
  process.stdout.write(`${JSON.stringify({ pages, bodyBytes, wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
