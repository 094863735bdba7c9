/** Command-line flags of the emulator, parsed into `EmulatorOptions` with errors that name the flag. */
import { parseArgs } from 'node:util';
import { EmulatorOptions, Flavor } from './options';

export const USAGE = `Usage: confluence-emulator [flags]
  --flavor cloud|dc          API flavour (default cloud)
  --port N                   0 picks a free port (default 8090)
  --host ADDR                loopback address to bind (default 127.0.0.1)
  --spaces N --pages-per-space M --seed S   generated content (default 3 x 40, seed 1)
  --latency MS [--jitter MS] added to every request
  --rate-limit CAP/PER_SEC   token bucket, e.g. 100/10 (429 + Retry-After when empty)
  --rate-limit-status 429|503|403
  --error-rate F             fraction of requests answered 500/503 (0..1)
  --reset-rate F             fraction of connections reset (0..1)
  --slow-body BPS            send bodies at this many bytes per second
  --time-zone TZ             time zone CQL dates are read in (default UTC)`;

export function parseCli(argv: string[]): EmulatorOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      flavor: { type: 'string' },
      flavour: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      spaces: { type: 'string' },
      'pages-per-space': { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-limit-status': { type: 'string' },
      'error-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      'slow-body': { type: 'string' },
      'time-zone': { type: 'string' },
    },
  });
  const int = (name: keyof typeof values): number | undefined => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a whole number >= 0, got '${raw}'`);
    return n;
  };
  const fraction = (name: keyof typeof values): number | undefined => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!(n >= 0 && n <= 1)) throw new Error(`--${name}: expected a number from 0 to 1, got '${raw}'`);
    return n;
  };
  const flavor = (values.flavor ?? values.flavour) as string | undefined;
  if (flavor !== undefined && flavor !== 'cloud' && flavor !== 'dc') throw new Error(`--flavor: expected 'cloud' or 'dc', got '${flavor}'`);
  let rateLimit: EmulatorOptions['rateLimit'];
  if (values['rate-limit'] !== undefined) {
    const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(values['rate-limit']);
    if (!match) throw new Error(`--rate-limit: expected CAPACITY/REFILL_PER_SECOND such as 100/10, got '${values['rate-limit']}'`);
    const status = values['rate-limit-status'] === undefined ? 429 : Number(values['rate-limit-status']);
    if (status !== 429 && status !== 503 && status !== 403) throw new Error(`--rate-limit-status: expected 429, 503 or 403`);
    rateLimit = { capacity: Number(match[1]), refillPerSecond: Number(match[2]), status };
  }
  return {
    help: values.help,
    flavor: flavor as Flavor | undefined,
    port: int('port') ?? 8090,
    host: values.host,
    spaces: int('spaces'),
    pagesPerSpace: int('pages-per-space'),
    seed: int('seed'),
    latencyMs: int('latency'),
    jitterMs: int('jitter'),
    rateLimit,
    errorRate: fraction('error-rate'),
    resetRate: fraction('reset-rate'),
    slowBodyBytesPerSecond: int('slow-body') ?? null,
    timeZone: values['time-zone'],
  };
}
