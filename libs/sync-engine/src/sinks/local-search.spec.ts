/** The search contract (./contract/search.ts) on the SQLite local index (FTS5), on the real migrations. */
import { openSyncStore } from '../store/open-sync-store';
import { SITE, searchContract } from './contract/search';

searchContract(async () => {
  const { store, localIndex, close } = await openSyncStore({ url: ':memory:' });
  return {
    newIndex: async (name) => localIndex((await store.createIndex({ name, siteUrl: `https://${SITE}/wiki`, spaces: ['ENG', 'OPS'], destination: 'local' })).id),
    close,
  };
});
