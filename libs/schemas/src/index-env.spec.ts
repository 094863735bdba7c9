import { parseIndexEnv } from './index-env';

describe('parseIndexEnv', () => {
  it('is off without a database, and prefers SYNC_DATABASE_URL to DATABASE_URL', () => {
    expect(parseIndexEnv({})).toEqual({ ok: true, config: undefined });
    expect(parseIndexEnv({ SYNC_DATABASE_URL: '  ' })).toEqual({ ok: true, config: undefined });
    expect(parseIndexEnv({ DATABASE_URL: './data/sync.db' })).toEqual({ ok: true, config: { url: './data/sync.db' } });
    expect(parseIndexEnv({ DATABASE_URL: 'file:./a.db', SYNC_DATABASE_URL: 'file:///data/sync.db' })).toEqual({ ok: true, config: { url: 'file:///data/sync.db' } });
  });

  it('accepts a PostgreSQL sync database', () => {
    expect(parseIndexEnv({ SYNC_DATABASE_URL: 'postgres://reader:pw@db:5432/sync' })).toEqual({ ok: true, config: { url: 'postgres://reader:pw@db:5432/sync' } });
    expect(parseIndexEnv({ DATABASE_URL: 'postgresql://db/sync', SYNC_INDEXES: 'docs' })).toEqual({ ok: true, config: { url: 'postgresql://db/sync', names: ['docs'] } });
  });

  it('reads SYNC_INDEXES as a list of names, trimmed and without duplicates', () => {
    expect(parseIndexEnv({ SYNC_DATABASE_URL: 'sync.db', SYNC_INDEXES: ' docs, eng ,docs' })).toEqual({ ok: true, config: { url: 'sync.db', names: ['docs', 'eng'] } });
  });

  it('names each bad variable without quoting its value', () => {
    const secret = 'mysql://sync:hunter2@db/sync';
    const other = parseIndexEnv({ DATABASE_URL: secret });
    expect(other).toEqual({ ok: false, errors: [expect.stringMatching(/^DATABASE_URL: the index search reads the sync database: a SQLite file path, a file: URL or a postgres:\/\/ URL/)] });
    expect(JSON.stringify(other)).not.toContain('hunter2');
    expect(parseIndexEnv({ SYNC_DATABASE_URL: ':memory:' })).toEqual({ ok: false, errors: ['SYNC_DATABASE_URL: must name a file the sync worker writes (not :memory:)'] });
    expect(parseIndexEnv({ SYNC_INDEXES: 'docs' })).toEqual({ ok: false, errors: [expect.stringMatching(/^SYNC_INDEXES: needs SYNC_DATABASE_URL/)] });
    expect(parseIndexEnv({ SYNC_DATABASE_URL: 'a.db', SYNC_INDEXES: ' , ' })).toEqual({ ok: false, errors: ['SYNC_INDEXES: must list at least one index name'] });
  });
});
