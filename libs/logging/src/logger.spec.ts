import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LogDestination, createLogger } from './logger';
import { redactSecrets } from './redact';

function capture(): LogDestination & { lines: () => Array<Record<string, unknown>>; raw: () => string } {
  const chunks: string[] = [];
  return {
    write: (line: string) => void chunks.push(line),
    raw: () => chunks.join(''),
    lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with level, message, name and fields', () => {
    const out = capture();
    createLogger({ level: 'info', destination: out }).info('tool call', { tool: 'get_confluence_page' });
    expect(out.lines()).toEqual([expect.objectContaining({ level: 30, msg: 'tool call', tool: 'get_confluence_page', name: 'confluence-mcp' })]);
  });

  it('honours the level, and refuses an unknown one by name', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', destination: out });
    log.info('hidden');
    log.debug('hidden');
    log.warn('shown');
    log.error('shown too');
    expect(out.lines().map((l) => l['msg'])).toEqual(['shown', 'shown too']);
    expect(() => createLogger({ level: 'loud' as never })).toThrow('level: must be one of fatal, error, warn, info, debug, trace, silent');
  });

  it('redacts credential fields at the top level and one object down', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out });
    log.info('request', { authorization: 'Basic abc', request: { headers: { authorization: 'Bearer xyz' }, token: 't0k' }, auth: { password: 'pw' } });
    expect(out.raw()).not.toMatch(/abc|xyz|t0k|"pw"/);
    expect(out.lines()[0]).toMatchObject({ authorization: '[Redacted]', request: { headers: { authorization: '[Redacted]' }, token: '[Redacted]' } });
  });

  it('redacts known secrets from messages and unexpected fields, child loggers included', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out, redact: ['pat-alice-secret'] });
    log.error('failed with pat-alice-secret', { detail: 'sent pat-alice-secret to the server' });
    log.child({ request: 'pat-alice-secret' }).warn('child line');
    expect(out.raw()).not.toContain('pat-alice-secret');
    expect(out.lines()).toEqual([expect.objectContaining({ msg: 'failed with [Redacted]' }), expect.objectContaining({ msg: 'child line', request: '[Redacted]' })]);
  });

  it('logs an Error field as its name, message and code (or its toJSON), never its stack', () => {
    const out = capture();
    const log = createLogger({ destination: out });
    const plain = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const typed = Object.assign(new Error('Not found: GET /x'), { toJSON: () => ({ name: 'NotFoundError', status: 404 }) });
    log.warn('failed', { err: plain, error: typed });
    expect(out.lines()[0]).toMatchObject({ err: { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' }, error: { name: 'NotFoundError', status: 404 } });
    expect(out.raw()).not.toMatch(/logger\.spec|\bat /);
  });

  it('writes to stderr by default and never to stdout', () => {
    const script = `import { createLogger } from ${JSON.stringify(join(__dirname, 'index.ts'))};\ncreateLogger({ redact: ['s3cret-value'] }).info('hello from the child', { token: 'x', note: 's3cret-value' });\n`;
    const tsx = join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawnSync(process.execPath, [tsx, '--eval', script], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: child.status, stdout: child.stdout }).toEqual({ status: 0, stdout: '' });
    expect(JSON.parse(child.stderr)).toMatchObject({ msg: 'hello from the child', token: '[Redacted]', note: '[Redacted]' });
  });
});

describe('redactSecrets', () => {
  it('removes a secret as written and JSON-escaped, and leaves strings too short to be one', () => {
    const secret = 'tok"en\\1';
    const line = JSON.stringify({ msg: `value ${secret}`, id: 'abc' });
    const redacted = redactSecrets(line, [secret, 'abc']);
    expect(redacted).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(redacted).toContain('[Redacted]');
    expect(redacted).toContain('"id":"abc"');
  });
});
