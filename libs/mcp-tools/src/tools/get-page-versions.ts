/** get_confluence_page_versions: a page's version history, newest first. */
import { z } from 'zod';
import { plural, success } from '../results';
import { defineTool } from '../tool';
import { cursorSchema, limitSchema, pageIdSchema } from './shared';

export const getPageVersionsTool = defineTool({
  name: 'get_confluence_page_versions',
  title: 'Get page versions',
  description: 'List the versions of a page, newest first: number, date, author and version message. diff_confluence_page_versions compares two of them.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    limit: limitSchema(100, 25),
    cursor: cursorSchema,
  },
  outputSchema: {
    page_id: z.string(),
    title: z.string(),
    current_version: z.number(),
    versions: z.array(
      z.object({ number: z.number(), created_date: z.string(), author_id: z.string().nullable(), author_name: z.string().nullable(), message: z.string(), minor_edit: z.boolean() }),
    ),
    next_cursor: z.string().optional(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    const list = await ctx.client.pages.versions(page.id, { limit: args.limit, cursor: args.cursor });
    const nameOf = await ctx.nameResolver(list.items.map((v) => v.authorId));
    const versions = list.items.map((v) => ({
      number: v.number,
      created_date: v.createdAt,
      author_id: v.authorId,
      author_name: v.authorId ? nameOf(v.authorId) : null,
      message: v.message,
      minor_edit: v.minorEdit,
    }));
    const lines = versions.map((v) => `- v${v.number} ${v.created_date} by ${v.author_name ?? 'unknown'}${v.minor_edit ? ' (minor)' : ''}${v.message ? `: ${v.message}` : ''}`).join('\n');
    const more = list.nextCursor ? `\nMore: call again with cursor "${list.nextCursor}".` : '';
    return success(
      { page_id: page.id, title: page.title, current_version: page.version.number, versions, next_cursor: list.nextCursor },
      `${plural(versions.length, 'version')} of "${page.title}" (current: ${page.version.number})\n${lines}${more}`,
    );
  },
});
