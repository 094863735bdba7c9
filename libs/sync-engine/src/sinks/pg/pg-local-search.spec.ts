/**
 * The search contract (../contract/search.ts) on the PostgreSQL local index (tsvector, GIN, websearch_to_tsquery,
 * ts_rank, ts_headline), plus what only it has: paging with `offset`, and a plan that uses the GIN index.
 */
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { PgSyncStore } from '../../store/pg/pg-store';
import { pgStoreFactory } from '../../store/pg/test-factory';
import { SITE, chunk, searchContract } from '../contract/search';
import { PgLocalIndex } from './pg-local-index';

const factory = pgStoreFactory();

const newIndex = async (name: string) => {
  // Indexes of earlier tests stay (the factory's TRUNCATE is not used): a fresh index per test is isolation enough.
  const index = await new PgSyncStore(factory.db).createIndex({ name: `${name}-${randomUUID()}`, siteUrl: `https://${SITE}/wiki`, spaces: ['ENG', 'OPS'], destination: 'local' });
  return new PgLocalIndex(factory.db, index.id);
};

describe('the search contract', () => {
  searchContract(async () => ({ newIndex, close: async () => undefined }));
});

describe('PostgreSQL search only', () => {
  it('pages through all-word hits with offset, and past them finds nothing rather than any-word hits', async () => {
    const local = await newIndex('paging');
    await local.upsert(Array.from({ length: 25 }, (_, n) => chunk(`p${String(n).padStart(2, '0')}`, { title: `Lantern ${n}`, text: 'A shared word: lantern.' })));
    await local.upsert([chunk('other', { title: 'Only a candle', text: 'candle' })]);
    const pages = await Promise.all([0, 10, 20].map((offset) => local.search('lantern', { limit: 10, offset })));
    expect(pages.map((hits) => hits.length)).toEqual([10, 10, 5]);
    const ids = pages.flat().map((hit) => hit.page_id);
    expect(new Set(ids).size).toBe(25);
    // No page has both words: any-word hits, paged the same way.
    expect(await local.search('lantern candle', { limit: 100 })).toHaveLength(26);
    const anyWord = await Promise.all([0, 20].map((offset) => local.search('lantern candle', { limit: 20, offset })));
    expect(anyWord.map((hits) => hits.length)).toEqual([20, 6]);
    expect(await local.search('lantern', { offset: 30 })).toEqual([]);
    expect(await local.search('lantern', { offset: -3, limit: 1 })).toHaveLength(1);
    expect(await local.search('lantern', { offset: Number.NaN, limit: 1 })).toHaveLength(1);
  });

  it('uses the GIN index on the generated tsvector', async () => {
    const local = await newIndex('plan');
    await local.upsert(Array.from({ length: 200 }, (_, n) => chunk(`g${n}`, { title: `Page ${n}`, text: `Words ${n} and more words.` })));
    const plan = await factory.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN SELECT id FROM local_chunks WHERE search @@ websearch_to_tsquery('english', 'words')`);
    });
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('local_chunks_search');
  });
});
