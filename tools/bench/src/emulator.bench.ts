/**
 * The emulator must never be the bottleneck of our benchmarks. Figures: median time to answer a 250-page list
 * with storage bodies (target <= 20 ms), and plain requests per second over keep-alive connections.
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { Agent, request } from 'node:http';
import { median, percentile, report, round } from './report';

const PAGES = 5000;
const LIST_CALLS = 60;
const PLAIN_REQUESTS = 4000;
const CONCURRENCY = 16;
const authorization = `Basic ${Buffer.from('alice@example.com:token-alice').toString('base64')}`;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url: string): Promise<{ status: number; bytes: number; next?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
        resolve({ status: res.statusCode ?? 0, bytes: body.length, next });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ spaces: 1, pagesPerSpace: PAGES, seed: 1 });
  const space = [...emulator.control.world.spaces.values()][0];
  const listUrl = `${emulator.url}/wiki/api/v2/spaces/${space.id}/pages?limit=250&body-format=storage`;

  for (let i = 0; i < 5; i++) await get(listUrl); // warm up the JIT
  const timings: number[] = [];
  let bytes = 0;
  // Walk the whole space by cursor, again and again: later pages cost as much as the first.
  let url = listUrl;
  for (let i = 0; i < LIST_CALLS; i++) {
    const started = performance.now();
    const response = await get(url);
    timings.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`list answered ${response.status}`);
    bytes = Math.max(bytes, response.bytes);
    url = response.next ? `${emulator.url}${response.next}` : listUrl;
  }
  const medianMs = median(timings);
  report({
    name: 'emulator.list-250-with-storage',
    inputs: { pagesInSpace: PAGES, limit: 250, bodyFormat: 'storage', calls: LIST_CALLS },
    figures: { medianMs: round(medianMs), p95Ms: round(percentile(timings, 95)), maxResponseBytes: bytes },
    target: { medianMs: '<= 20' },
    met: medianMs <= 20,
  });

  const searchUrl = `${emulator.url}/wiki/rest/api/search?cql=${encodeURIComponent('type = page AND text ~ "kafka cluster"')}&limit=25`;
  const searchTimings: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    const response = await get(searchUrl);
    searchTimings.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`search answered ${response.status}`);
  }
  const searchMedian = median(searchTimings.slice(1));
  report({
    name: 'emulator.cql-text-search',
    inputs: { pagesInSpace: PAGES, cql: 'type = page AND text ~ "kafka cluster"', limit: 25, calls: 20 },
    figures: { firstCallMs: round(searchTimings[0]), medianMs: round(searchMedian) },
    target: { medianMs: '<= 100' },
    met: searchMedian <= 100,
  });

  const plainUrl = `${emulator.url}/wiki/api/v2/spaces/${space.id}`;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < PLAIN_REQUESTS) {
        sent++;
        const response = await get(plainUrl);
        if (response.status !== 200) throw new Error(`get space answered ${response.status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  report({
    name: 'emulator.plain-requests',
    inputs: { requests: PLAIN_REQUESTS, concurrency: CONCURRENCY, route: 'GET /wiki/api/v2/spaces/:id' },
    figures: { requestsPerSecond: Math.round(PLAIN_REQUESTS / seconds) },
    target: { requestsPerSecond: 'informational: must exceed what any benchmark asks of it' },
    met: true,
  });
  agent.destroy();
  await emulator.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
