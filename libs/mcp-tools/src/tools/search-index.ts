/**
 * search_confluence_index: full-text search of a synced index (offered only when one is configured). Answers in
 * milliseconds without calling Confluence, within the space allow-list; when the server acts for a caller with
 * their own credentials, hits are checked against what that caller may read before they are shown.
 */
import { z } from 'zod';
import { echo } from '../body';
import type { ToolContext } from '../context';
import type { IndexHit } from '../index-searcher';
import { ToolFailure, oneLine, plural, success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, spaceKeysSchema } from './shared';

/** Most hits one call returns. */
const MAX_HITS = 50;
/** Longest snippet in the answer's text. */
const SNIPPET_CHARS = 300;

export const searchIndexTool = defineTool({
  name: 'search_confluence_index',
  // Short texts: this tool is in the default list, which every client sends the model on each turn (<20,000 chars).
  title: 'Search synced index',
  description:
    'Fast full-text search of a synced copy of Confluence (recent edits may be missing). Open a hit: get_confluence_page page_id, section = last heading of heading_path.',
  toolsets: ['search'],
  needsIndex: true,
  inputSchema: {
    query: z.string().min(1).max(LIMITS.textChars).describe('Words to find.'),
    index: z.string().min(1).max(255).optional().describe('Index name, if several.'),
    space_keys: spaceKeysSchema.optional().describe('Only these spaces.'),
    limit: z.number().int().min(1).max(MAX_HITS).default(10).describe(`Hits, 1-${MAX_HITS}.`),
  },
  outputSchema: {
    index: z.string(),
    results: z.array(
      z.object({
        page_id: z.string(),
        title: z.string(),
        space_key: z.string(),
        url: z.string(),
        heading_path: z.string(),
        snippet: z.string(),
        score: z.number(),
      }),
    ),
    hidden_count: z.number().optional().describe('Hits in pages you cannot read.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const name = await indexName(ctx, args.index);
    args.space_keys?.forEach((key) => ctx.requireSpace(key));
    const spaces = args.space_keys ?? ctx.spaces;
    const wanted = spaces?.map((key) => key.toUpperCase());
    // Hits the checks below may drop are made up for by asking for more (the index caps a search at 100).
    const asked = ctx.verifyIndexHits ? Math.min(100, args.limit * 2) : args.limit;
    const answer = await searchIndex(ctx, name, args.query, { limit: asked, spaces: spaces && [...new Set([...spaces, ...(wanted ?? [])])] });
    // Belt and braces: whatever the index returns, nothing outside the allow-list or the asked spaces is shown.
    const inScope = answer.hits.filter((hit) => ctx.allowsSpace(hit.space_key) && (!wanted || wanted.includes(hit.space_key.toUpperCase())));
    const { shown, hidden } = await readableBy(ctx, answer.siteUrl, inScope);
    const results = shown.slice(0, args.limit).map((hit) => ({
      page_id: hit.page_id,
      title: hit.title,
      space_key: hit.space_key,
      url: hit.url,
      heading_path: hit.heading_path,
      snippet: oneLine(hit.snippet, SNIPPET_CHARS),
      score: hit.score,
    }));
    const note = hidden ? `\n${plural(hidden, 'hit')} hidden: in pages this user cannot read.` : '';
    const head = `index "${name}", query "${echo(args.query)}"`;
    if (!results.length) {
      return success({ index: name, results, hidden_count: hidden || undefined }, `No hits in ${head}. Try other or fewer words; search_confluence_pages searches Confluence itself.${note}`);
    }
    const lines = results.map((r, i) => `${i + 1}. ${r.title}${r.heading_path ? ` > ${r.heading_path}` : ''} (page ${r.page_id}, space ${r.space_key}, score ${r.score})\n   ${r.snippet}`);
    return success(
      { index: name, results, hidden_count: hidden || undefined },
      `${plural(results.length, 'hit')} in ${head}, best first. Read one with get_confluence_page page_id (section = the heading).\n${lines.join('\n')}${note}`,
    );
  },
});

/** The index to search: the one named (exactly, else ignoring case), or the only one. */
async function indexName(ctx: ToolContext, asked: string | undefined): Promise<string> {
  const searcher = ctx.indexSearcher;
  if (!searcher) throw new ToolFailure('UNAVAILABLE', 'No synced index is configured on this server. Use search_confluence_pages.');
  const names = await searcher.indexes().catch((error: unknown) => unreadable(ctx, error));
  if (!names.length) throw new ToolFailure('NOT_FOUND', 'No index has been synced yet, so there is nothing to search. Use search_confluence_pages, or ask the user to run a sync.');
  const list = names.map((n) => `"${n}"`).join(', ');
  if (asked === undefined) {
    if (names.length === 1) return names[0];
    throw new ToolFailure('INVALID_ARGUMENT', `index: this server offers ${names.length} indexes (${list}); name one.`);
  }
  const found = names.includes(asked) ? asked : names.filter((n) => n.toLowerCase() === asked.toLowerCase());
  if (typeof found === 'string') return found;
  if (found.length === 1) return found[0];
  throw new ToolFailure('NOT_FOUND', `index: there is no index "${echo(asked)}". Indexes: ${list}.`);
}

async function searchIndex(ctx: ToolContext, name: string, query: string, options: { limit: number; spaces?: readonly string[] }): Promise<{ siteUrl: string; hits: IndexHit[] }> {
  const searcher = ctx.indexSearcher;
  if (!searcher) throw new ToolFailure('UNAVAILABLE', 'No synced index is configured on this server.');
  return searcher.search(name, query, options).catch((error: unknown) => unreadable(ctx, error));
}

/** A database error, logged here and never shown: it may name files or tables. */
function unreadable(ctx: ToolContext, error: unknown): never {
  ctx.logger.error('index search failed', { error: error instanceof Error ? error.message : String(error) });
  throw new ToolFailure('UNAVAILABLE', 'The synced index could not be read (the details are in the server log). Use search_confluence_pages, or retry later.');
}

/**
 * The hits this caller may read. With the service's own credentials (the ones the index was synced with) all of
 * them; with the caller's own, those whose pages one bulk read by id returns (Confluence leaves out what the user
 * may not see). The ids of an index synced from another site mean other pages there, so none are shown.
 */
async function readableBy(ctx: ToolContext, siteUrl: string, hits: IndexHit[]): Promise<{ shown: IndexHit[]; hidden: number }> {
  if (!ctx.verifyIndexHits || !hits.length) return { shown: hits, hidden: 0 };
  if (siteKey(siteUrl) !== siteKey(ctx.client.siteUrl)) {
    throw new ToolFailure('FORBIDDEN', 'This index was synced from another Confluence site than the one you are connected to, so its hits cannot be shown. Use search_confluence_pages.');
  }
  const readable = new Set((await ctx.client.pages.getMany([...new Set(hits.map((hit) => hit.page_id))])).map((page) => page.id));
  const shown = hits.filter((hit) => readable.has(hit.page_id));
  return { shown, hidden: hits.length - shown.length };
}

/** A site URL compared without case in the host or a trailing slash. */
function siteKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return url.replace(/\/+$/, '').toLowerCase();
  }
}
