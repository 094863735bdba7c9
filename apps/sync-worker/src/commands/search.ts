/** `search "words" [--index NAME] [--spaces K] [--limit N] [--json]` and `pages [--index NAME] [--json]` */
import { IndexRecord, SearchHit, SyncStore } from '@confluence-mcp/sync-engine';
import { CommandLine, UsageError } from '../args';
import { Streams } from '../output';
import { Environment, openStore } from '../wiring';

/** Searches the local index(es); resolves to the exit code. */
export async function searchCommand(line: CommandLine, env: Environment, streams: Streams): Promise<number> {
  const text = line.positionals.join(' ').trim();
  if (!text) throw new UsageError('search: give the words to find, e.g. search "deployment checklist"');
  const opened = await openStore(env);
  try {
    const indexes = await localIndexes(opened.store, line);
    const limit = line.limit ?? 10;
    const found = await Promise.all(indexes.map((index) => opened.localIndex(index.id).search(text, { limit, spaces: line.spaces })));
    const hits = found
      .flat()
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    const json = hits.map(({ page_id, title, url, heading_path, snippet, score, space_key }) => ({ page_id, space_key, title, url, heading_path, snippet, score }));
    if (line.json || !streams.stdout.isTTY) streams.stdout.write(`${JSON.stringify(json)}\n`);
    else streams.stdout.write(hits.length ? hits.map(hitText).join('\n') + '\n' : `No results for "${text}".\n`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** Lists the pages a local index holds; resolves to the exit code. */
export async function pagesCommand(line: CommandLine, env: Environment, streams: Streams): Promise<number> {
  const opened = await openStore(env);
  const { store } = opened;
  try {
    const rows = [];
    for (const index of await localIndexes(store, line)) {
      const recorded = new Map((await store.listSyncedPages(index.id)).map((page) => [page.pageId, page]));
      for (const page of await opened.localIndex(index.id).pages()) {
        const record = recorded.get(page.page_id);
        rows.push({ page_id: page.page_id, space_key: page.space_key, title: page.title, version: record?.version ?? null, parent_id: record?.parentId ?? null, chunks: page.chunks, ...(line.index ? {} : { index: index.name }) });
      }
    }
    if (line.json || !streams.stdout.isTTY) streams.stdout.write(`${JSON.stringify(rows)}\n`);
    else streams.stdout.write(rows.length ? rows.map((r) => `${r.page_id.padStart(10)}  ${r.space_key.padEnd(8)} v${String(r.version).padEnd(4)} ${r.chunks} chunk(s)  ${r.title}`).join('\n') + '\n' : 'The index holds no pages yet: run `sync --spaces KEY` first.\n');
    return 0;
  } finally {
    await opened.close();
  }
}

/**
 * The local indexes a command reads: `--index`, else every local index (so that `sync --spaces ENG` then
 * `search words` finds ENG without more flags; `--spaces` then filters the hits).
 */
export async function localIndexes(store: SyncStore, line: CommandLine): Promise<IndexRecord[]> {
  const name = line.index;
  if (name) {
    const index = await store.findIndexByName(name);
    if (!index) {
      const known = (await store.listIndexes()).map((i) => i.name);
      throw new UsageError(`--index: no index named "${name}"${known.length ? ` (known: ${known.join(', ')})` : '; run `sync --spaces KEY` first'}`);
    }
    if (index.destination !== 'local') throw new UsageError(`--index: "${name}" syncs to ${index.destination}; search it there (only local indexes are searchable here)`);
    return [index];
  }
  const all = (await store.listIndexes()).filter((index) => index.destination === 'local');
  if (all.length === 0) throw new UsageError('no local index yet: run `sync --spaces KEY` first');
  return all;
}

function hitText(hit: SearchHit, n: number): string {
  const where = hit.heading_path ? ` › ${hit.heading_path}` : '';
  return `${n + 1}. ${hit.title}${where}  (${hit.space_key}, score ${hit.score})\n   ${hit.url}\n   ${hit.snippet.replace(/\s+/g, ' ')}`;
}
