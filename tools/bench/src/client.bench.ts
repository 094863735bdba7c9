/**
 * Iterate every page of a large space with bodies at 30 ms emulator latency. Targets: requests at most
 * ceil(N/250) + 2, wall time within 1.3x of requests x latency, and peak RSS independent of N (the client
 * streams: compare a space four times smaller).
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { report, round } from './report';

const LATENCY_MS = 30;
/** Content items per space; the generator makes 5% of them blog posts, so these give 2,500 and 10,000 pages. */
const SIZES = [2_632, 10_527];
const root = join(__dirname, '..', '..', '..');

async function measure(pagesPerSpace: number) {
  const emulator = await startEmulator({ spaces: 1, pagesPerSpace, seed: 1, latencyMs: LATENCY_MS });
  try {
    const space = [...emulator.control.world.spaces.values()][0];
    const pages = [...emulator.control.world.pages.values()].filter((p) => p.type === 'page').length;
    await warmUp(`${emulator.url}/wiki/api/v2/spaces/${space.id}/pages?body-format=storage&limit=250`);
    emulator.control.clearLog();
    const worker = join(__dirname, 'workers', 'iterate-space.ts');
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    // Async child: the emulator must keep answering while the worker runs.
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [tsx, '--tsconfig', join(root, 'tsconfig.base.json'), worker, `${emulator.url}/wiki`, space.key], { cwd: root, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(stdout),
      );
    });
    const result = JSON.parse(output.trim().split('\n').pop() as string) as { pages: number; bodyBytes: number; wallMs: number; peakRssMb: number };
    return { pagesInSpace: pages, requests: emulator.control.requestCount(), ...result };
  } finally {
    await emulator.close();
  }
}

/**
 * Walk the space once before measuring, so the emulator has serialised every page: the figure is the client's
 * cost over network latency, not the emulator's first-touch JSON encoding.
 */
async function warmUp(firstUrl: string): Promise<void> {
  const authorization = `Basic ${Buffer.from('alice@example.com:token-alice').toString('base64')}`;
  const origin = new URL(firstUrl).origin;
  for (let url: string | undefined = firstUrl; url; ) {
    const response: Response = await fetch(url, { headers: { authorization } });
    const body = (await response.json()) as { _links?: { next?: string } };
    url = body._links?.next ? `${origin}${body._links.next}` : undefined;
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const size of SIZES) results.push(await measure(size));
  for (const r of results) {
    const maxRequests = Math.ceil(r.pagesInSpace / 250) + 2;
    const floorMs = r.requests * LATENCY_MS;
    report({
      name: 'client.iterate-space-with-bodies',
      inputs: { pagesInSpace: r.pagesInSpace, latencyMs: LATENCY_MS, pageSize: 250 },
      figures: { requests: r.requests, pagesSeen: r.pages, wallMs: round(r.wallMs), wallOverRequestsTimesLatency: round(r.wallMs / floorMs), peakRssMb: round(r.peakRssMb, 1), bodyMb: round(r.bodyBytes / 1e6, 1) },
      target: { requests: `<= ${maxRequests}`, wallOverRequestsTimesLatency: '<= 1.3' },
      met: r.requests <= maxRequests && r.wallMs <= 1.3 * floorMs && r.pages === r.pagesInSpace,
    });
  }
  const [small, large] = results;
  const growth = large.peakRssMb - small.peakRssMb;
  report({
    name: 'client.iterate-memory-vs-size',
    inputs: { small: small.pagesInSpace, large: large.pagesInSpace },
    figures: { smallPeakRssMb: round(small.peakRssMb, 1), largePeakRssMb: round(large.peakRssMb, 1), growthMb: round(growth, 1), largeBodyMb: round(large.bodyBytes / 1e6, 1) },
    target: { growthMb: '< 25 (RSS independent of N: the large space holds 4x the bodies)' },
    met: growth < 25,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
