/** search_confluence_pages: CQL, or structured filters turned into CQL safely; always confined to the allowed spaces. */
import type { Cql } from '@confluence-mcp/confluence-client';
import { BadRequestError, CqlBuildError, buildSearchCql, cql } from '@confluence-mcp/confluence-client';
import { decodeEntities } from '@confluence-mcp/confluence-markdown';
import { z } from 'zod';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { ORDER_BY_KEYS, sorted, splitOrderBy } from './cql-order';
import type { SortKey } from './cql-order';
import { LIMITS, MAX_ITEMS_PER_ANSWER, cursorSchema, limitSchema, pageLimit, spaceKeysSchema, startSchema } from './shared';

export const searchPagesTool = defineTool({
  name: 'search_confluence_pages',
  title: 'Search Confluence pages',
  description:
    'Search Confluence with CQL (e.g. `type = page AND text ~ "rollback"`) or with plain filters (text, title, space_keys, labels, modified_after), not both. ' +
    'Filters are safest: their values are always searched literally. Follow next_cursor for more results.',
  toolsets: ['search', 'pages'],
  inputSchema: {
    cql: z.string().min(1).max(10_000).optional().describe('A CQL query, e.g. type = page AND text ~ "rollback"; may end in ORDER BY lastmodified desc. Leave out to use the filters.'),
    text: z.string().min(1).max(LIMITS.textChars).optional().describe('Words to find in titles and bodies.'),
    title: z.string().min(1).max(LIMITS.textChars).optional().describe('Words to find in titles.'),
    space_keys: spaceKeysSchema.optional().describe(`Only these spaces, e.g. ["ENG"] (at most ${LIMITS.listItems}).`),
    labels: z.array(z.string().min(1).max(255)).max(LIMITS.listItems).optional().describe(`Only content with any of these labels (at most ${LIMITS.listItems}).`),
    modified_after: z.string().max(40).optional().describe('Only content modified on or after this date, "yyyy-MM-dd" or "yyyy-MM-dd HH:mm".'),
    content_types: z.array(z.enum(['page', 'blogpost', 'comment', 'attachment'])).max(4).optional().describe('Content types; pages and blog posts when left out.'),
    order_by: z.enum(['relevance', 'lastmodified', 'created', 'title']).optional().describe('Sort order, with filters or cql: relevance (default), lastmodified or created (newest first), title (A to Z).'),
    limit: limitSchema(pageLimit('search', MAX_ITEMS_PER_ANSWER), 25),
    cursor: cursorSchema,
    start: startSchema,
    excerpt: z.boolean().default(true).describe('Include a short excerpt of each hit (default true).'),
  },
  outputSchema: {
    results: z.array(
      z.object({ id: z.string(), type: z.string(), title: z.string(), space_key: z.string().optional(), url: z.string(), excerpt: z.string().optional(), last_modified: z.string().optional() }),
    ),
    total_available: z.number().optional(),
    next_cursor: z.string().optional(),
    next_start_offset: z.number().optional().describe('When more results exist: the start of the next page.'),
    cql: z.string().describe('The CQL that was run.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const filtersGiven = [args.text, args.title, args.space_keys?.length, args.labels?.length, args.modified_after].some(Boolean);
    if (args.cql && filtersGiven) throw new ToolFailure('INVALID_ARGUMENT', 'Give either cql or filters (text, title, space_keys, labels, modified_after), not both.');
    let query: Cql;
    let keys: SortKey[] = args.order_by && args.order_by !== 'relevance' ? [ORDER_BY_KEYS[args.order_by]] : [];
    if (args.cql) {
      const split = splitOrderBy(args.cql);
      if (split.keys.length && keys.length) throw new ToolFailure('INVALID_ARGUMENT', 'order_by: the cql already ends in ORDER BY; give one or the other.');
      keys = split.keys.length ? split.keys : keys;
      query = inParameter('cql', () => cql.raw(split.where));
    } else {
      query = inParameter('filters', () =>
        buildSearchCql({
          text: args.text,
          title: args.title,
          spaceKeys: args.space_keys,
          labels: args.labels,
          modifiedAfter: args.modified_after,
          types: args.content_types ?? ['page', 'blogpost'],
        }),
      );
    }
    // The allow-list wraps the whole query: balanced fragments mean no text inside can reach outside it. The sort
    // comes last, as CQL wants ORDER BY at the very end.
    if (ctx.spaces) query = cql.restrictToSpaces(query, ctx.spaces);
    query = sorted(query, keys);
    const found = await ctx.client.search.cql(query, { limit: args.limit, cursor: args.cursor, start: args.start, excerpt: args.excerpt ? 'indexed' : 'none' }).catch((error: unknown) => {
      // Confluence answers 400 to CQL it cannot parse or run (an unknown field, a bad operator).
      if (error instanceof BadRequestError) {
        const reason = error.serverMessage ?? 'no details';
        if (args.cursor) throw new ToolFailure('INVALID_ARGUMENT', `cursor: Confluence did not accept it (${reason}). Pass the next_cursor of the previous call unchanged, or omit cursor to start from the first page.`);
        throw new ToolFailure('INVALID_QUERY', args.cql ? `Confluence rejected the cql: ${reason}. Fix the CQL, or search with the filters (text, title, space_keys, labels, modified_after) instead.` : `Confluence rejected the search: ${reason}.`);
      }
      throw error;
    });
    // Belt and braces: a hit from another space (a misbehaving server) is never shown.
    const hits = found.items.filter((hit) => !ctx.spaces || ctx.allowsSpace(hit.spaceKey));
    const results = hits.map((hit) => ({
      id: hit.id,
      type: hit.type,
      title: hit.title,
      space_key: hit.spaceKey,
      url: hit.url,
      excerpt: args.excerpt && hit.excerpt ? plainExcerpt(hit.excerpt) : undefined,
      last_modified: hit.lastModified,
    }));
    const lines = results.map((r) => `- ${r.title} (${r.type} ${r.id}, space ${r.space_key ?? '?'})${r.excerpt ? `: ${r.excerpt.slice(0, 160)}` : ''}`);
    // The client's offset counts what Confluence returned, also hits the allow-list filter dropped.
    const nextStart = found.nextStart;
    const footer = found.nextCursor ? `\nMore results: call again with cursor "${found.nextCursor}"${nextStart !== undefined ? ` (or start ${nextStart})` : ''}.` : '';
    const total = found.total !== undefined ? ` of ${found.total}` : '';
    return success(
      { results, total_available: found.total, next_cursor: found.nextCursor, next_start_offset: nextStart, cql: query.text },
      `${results.length}${total} results for ${query.text}\n${lines.join('\n')}${footer}`,
    );
  },
});

/** The search arguments' names for the filters the CQL builder names in its errors. */
const FILTER_ARGUMENTS: Record<string, string> = { text: 'text', title: 'title', spaceKeys: 'space_keys', labels: 'labels', modifiedAfter: 'modified_after', types: 'content_types' };

/**
 * Build a query, turning the builder's errors into ones that name this tool's arguments: a model knows
 * `modified_after`, not `buildSearchCql filters.modifiedAfter`.
 */
function inParameter(source: 'cql' | 'filters', build: () => Cql): Cql {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof CqlBuildError)) throw error;
    if (source === 'cql') throw new ToolFailure('INVALID_QUERY', `cql: ${error.message.replace(/^cql\.raw(?:\(\))?:?\s*/, '')}. Fix the CQL, or search with the filters (text, title, space_keys, labels, modified_after) instead.`);
    const match = /^buildSearchCql filters\.(\w+)(\[\d+\])?:?\s*(.*)$/s.exec(error.message);
    const name = match ? (FILTER_ARGUMENTS[match[1]] ?? match[1]) + (match[2] ?? '') : 'filters';
    const reason = match ? match[3] : error.message.replace(/^buildSearchCql[^:]*:\s*/, '');
    const example = match?.[1] === 'modifiedAfter' ? ' Example: "2024-05-01".' : '';
    throw new ToolFailure('INVALID_ARGUMENT', `${name}: ${reason}.${example}`);
  }
}

/**
 * A search excerpt as plain text: Confluence sends it HTML-escaped (`Q&amp;A`), sometimes with tags or
 * `@@@hl@@@` highlight markers, none of which mean anything to a model.
 */
export function plainExcerpt(excerpt: string): string {
  const withoutMarkup = excerpt.replace(/@@@(?:end)?hl@@@/g, '').replace(/<[^<>]{0,500}>/g, '');
  return decodeEntities(withoutMarkup).replace(/\s+/g, ' ').trim();
}
