/** Flags and options: defaults, and errors that name the bad flag or option without echoing a key. */
import { parseCli } from './cli';
import { resolveOptions } from './options';

describe('parseCli', () => {
  it('reads every flag, repeatable keys and projects included', () => {
    const options = parseCli(['--port', '0', '--api-key', 'llx-a', '--api-key', 'llx-b', '--project', 'Docs', '--max-body-bytes', '2048', '--ingestion-delay', '500', '--latency', '20', '--error-rate', '0.1', '--seed', '7']);
    expect(options).toMatchObject({ port: 0, apiKeys: ['llx-a', 'llx-b'], projects: ['Docs'], maxBodyBytes: 2048, ingestionDelayMs: 500, latencyMs: 20, errorRate: 0.1, seed: 7 });
  });

  it('listens on 8091 by default', () => {
    expect(parseCli([]).port).toBe(8091);
  });

  it.each([
    [['--port', 'x'], '--port'],
    [['--max-body-bytes', '0'], '--max-body-bytes'],
    [['--reset-rate', '2'], '--reset-rate'],
    [['--api-key', ''], '--api-key'],
  ])('refuses %j naming %s', (argv, flag) => {
    expect(() => parseCli(argv)).toThrow(flag);
  });

  it('refuses an unknown flag', () => {
    expect(() => parseCli(['--flavor', 'cloud'])).toThrow(/flavor/);
  });
});

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveOptions()).toMatchObject({ apiKeys: ['llx-emulator'], projects: ['Default'], maxBodyBytes: 10 * 1024 * 1024, ingestionDelayMs: 0, host: '127.0.0.1' });
  });

  it.each([
    [{ maxBodyBytes: 0 }, 'maxBodyBytes'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ apiKeys: [] }, 'apiKeys'],
    [{ projects: ['A', 'A'] }, 'projects'],
  ])('refuses %j naming the option', (options, name) => {
    expect(() => resolveOptions(options)).toThrow(name);
  });

  it('never echoes a bad key', () => {
    expect(() => resolveOptions({ apiKeys: ['llx secret'] })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
  });
});
