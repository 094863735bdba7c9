import { DestinationStream } from 'pino';
import { createLogger, scrub, toAppLogger } from './logger';

function capture(): DestinationStream & { lines: () => Array<Record<string, unknown>>; raw: () => string } {
  const chunks: string[] = [];
  return {
    write: (line: string) => void chunks.push(line),
    raw: () => chunks.join(''),
    lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with level, message and fields', () => {
    const out = capture();
    toAppLogger(createLogger({ level: 'info', destination: out })).info('tool call', { tool: 'get_confluence_page' });
    expect(out.lines()).toEqual([expect.objectContaining({ level: 30, msg: 'tool call', tool: 'get_confluence_page', name: 'confluence-mcp' })]);
  });

  it('honours the level', () => {
    const out = capture();
    const log = toAppLogger(createLogger({ level: 'warn', destination: out }));
    log.info('hidden');
    log.debug('hidden');
    log.warn('shown');
    expect(out.lines().map((l) => l['msg'])).toEqual(['shown']);
  });

  it('redacts credential fields at the top level and one object down', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out });
    log.info({ authorization: 'Basic abc', request: { headers: { authorization: 'Bearer xyz' }, token: 't0k' }, auth: { password: 'pw' } }, 'request');
    const raw = out.raw();
    expect(raw).not.toMatch(/abc|xyz|t0k|"pw"/);
    expect(out.lines()[0]).toMatchObject({ authorization: '[Redacted]', request: { headers: { authorization: '[Redacted]' }, token: '[Redacted]' } });
  });

  it('scrubs known secrets from messages and unexpected fields', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out, secrets: ['pat-alice-secret'] });
    log.error({ detail: 'sent pat-alice-secret to the server', err: new Error('token pat-alice-secret refused') }, 'failed with pat-alice-secret');
    expect(out.raw()).not.toContain('pat-alice-secret');
    expect(out.raw()).toContain('[Redacted]');
  });
});

describe('scrub', () => {
  it('removes JSON-escaped forms of a secret too', () => {
    const secret = 'tok"en\\1';
    const line = JSON.stringify({ msg: `value ${secret}` });
    expect(scrub(line, [secret])).not.toContain(JSON.stringify(secret).slice(1, -1));
  });
});
