/** search_confluence_pages: CQL, or structured filters turned into CQL safely; always confined to the allowed spaces. */
import type { Cql } from '@confluence-mcp/confluence-client';
import { BadRequestError, buildSearchCql, cql } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, cursorSchema, limitSchema, nextStartOffset, refuseStartWithCursor, spaceKeysSchema, startSchema } from './shared';

export const searchPagesTool = defineTool({
  name: 'search_confluence_pages',
  title: 'Search Confluence pages',
  description:
    'Search Confluence with CQL (e.g. `type = page AND text ~ "rollback"`) or with plain filters (text, title, space_keys, labels, modified_after), not both. ' +
    'Filters are safest: their values are always searched literally. Follow next_cursor for more results.',
  toolsets: ['search', 'pages'],
  inputSchema: {
    cql: z.string().min(1).max(10_000).optional().describe('A CQL query, without ORDER BY. Leave out to use the filters.'),
    text: z.string().min(1).max(LIMITS.textChars).optional().describe('Words to find in titles and bodies.'),
    title: z.string().min(1).max(LIMITS.textChars).optional().describe('Words to find in titles.'),
    space_keys: spaceKeysSchema.optional().describe(`Only these spaces, e.g. ["ENG"] (at most ${LIMITS.listItems}).`),
    labels: z.array(z.string().min(1).max(255)).max(LIMITS.listItems).optional().describe(`Only content with any of these labels (at most ${LIMITS.listItems}).`),
    modified_after: z.string().max(40).optional().describe('Only content modified on or after this date, "yyyy-MM-dd" or "yyyy-MM-dd HH:mm".'),
    content_types: z.array(z.enum(['page', 'blogpost', 'comment', 'attachment'])).max(4).optional().describe('Content types; pages and blog posts when left out.'),
    order_by: z.enum(['relevance', 'lastmodified', 'created', 'title']).optional().describe('Filters only: sort order (default relevance).'),
    limit: limitSchema(100, 25),
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
    refuseStartWithCursor('search_confluence_pages', args);
    const filtersGiven = [args.text, args.title, args.space_keys?.length, args.labels?.length, args.modified_after, args.order_by].some(Boolean);
    if (args.cql && filtersGiven) throw new ToolFailure('INVALID_ARGUMENT', 'Give either cql or filters (text, title, space_keys, labels, modified_after), not both.');
    let query: Cql;
    if (args.cql) {
      query = cql.raw(args.cql);
    } else {
      query = buildSearchCql({
        text: args.text,
        title: args.title,
        spaceKeys: args.space_keys,
        labels: args.labels,
        modifiedAfter: args.modified_after,
        types: args.content_types ?? ['page', 'blogpost'],
        orderBy: args.order_by,
      });
    }
    // The allow-list wraps the whole query: balanced fragments mean no text inside can reach outside it.
    if (ctx.spaces) query = cql.restrictToSpaces(query, ctx.spaces);
    const found = await ctx.client.search.cql(query, { limit: args.limit, cursor: args.cursor, start: args.start, excerpt: args.excerpt ? 'indexed' : 'none' }).catch((error: unknown) => {
      // Confluence answers 400 to CQL it cannot parse or run (an unknown field, a bad operator).
      if (error instanceof BadRequestError) {
        throw new ToolFailure('INVALID_QUERY', `Confluence rejected the query: ${error.serverMessage ?? 'no details'}. Fix the CQL, or use the structured filters instead of cql.`);
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
      excerpt: args.excerpt && hit.excerpt ? hit.excerpt : undefined,
      last_modified: hit.lastModified,
    }));
    const lines = results.map((r) => `- ${r.title} (${r.type} ${r.id}, space ${r.space_key ?? '?'})${r.excerpt ? `: ${r.excerpt.slice(0, 160)}` : ''}`);
    // The offset counts what Confluence returned, also hits the allow-list filter dropped.
    const nextStart = !found.nextCursor ? undefined : args.cursor === undefined ? (args.start ?? 0) + found.items.length : nextStartOffset(ctx, found.nextCursor);
    const footer = found.nextCursor ? `\nMore results: call again with cursor "${found.nextCursor}"${nextStart !== undefined ? ` (or start ${nextStart})` : ''}.` : '';
    const total = found.total !== undefined ? ` of ${found.total}` : '';
    return success(
      { results, total_available: found.total, next_cursor: found.nextCursor, next_start_offset: nextStart, cql: query.text },
      `${results.length}${total} results for ${query.text}\n${lines.join('\n')}${footer}`,
    );
  },
});
