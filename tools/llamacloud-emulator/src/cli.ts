/** Command-line flags of the emulator, parsed into options with errors that name the flag (never a key's value). */
import { parseArgs } from 'node:util';
import { LlamaCloudEmulatorOptions } from './options';

export const USAGE = `Usage: llamacloud-emulator [flags]
  --port N                 0 picks a free port (default 8091)
  --host ADDR              loopback address to bind (default 127.0.0.1)
  --api-key KEY            accepted bearer key; repeat for several (default llx-emulator)
  --project NAME           seeded project; repeat for several, the first is the default (default Default)
  --max-body-bytes N       request bodies above N bytes get 413 (default 10485760)
  --ingestion-delay MS     documents report IN_PROGRESS this long after a write (default 0)
  --latency MS [--jitter MS]   added to every request
  --error-rate F           fraction of requests answered 500/503 (0..1)
  --reset-rate F           fraction of connections reset (0..1)
  --seed N                 seed of the fault dice (default 1)`;

export function parseCli(argv: string[]): LlamaCloudEmulatorOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      project: { type: 'string', multiple: true },
      'max-body-bytes': { type: 'string' },
      'ingestion-delay': { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'error-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const int = (name: 'port' | 'max-body-bytes' | 'ingestion-delay' | 'latency' | 'jitter' | 'seed', minimum = 0): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < minimum) throw new Error(`--${name}: expected a whole number >= ${minimum}, got '${raw}'`);
    return n;
  };
  const fraction = (name: 'error-rate' | 'reset-rate'): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!(n >= 0 && n <= 1)) throw new Error(`--${name}: expected a number from 0 to 1, got '${raw}'`);
    return n;
  };
  const keys = values['api-key'];
  if (keys?.some((key) => key.trim() === '' || /\s/.test(key))) throw new Error('--api-key: a key must be non-empty and without spaces');
  return {
    help: values.help,
    port: int('port') ?? 8091,
    host: values.host,
    apiKeys: keys,
    projects: values.project,
    maxBodyBytes: int('max-body-bytes', 1),
    ingestionDelayMs: int('ingestion-delay'),
    latencyMs: int('latency'),
    jitterMs: int('jitter'),
    errorRate: fraction('error-rate'),
    resetRate: fraction('reset-rate'),
    seed: int('seed'),
  };
}
