/** get_confluence_page_comments: a page's top-level comments, bodies as Markdown. */
import { z } from 'zod';
import { conversions } from '../conversions';
import { oneLine, plural, success } from '../results';
import { defineTool } from '../tool';
import { cursorSchema, limitSchema, pageIdSchema, pageLimit, startSchema } from './shared';

export const getCommentsTool = defineTool({
  name: 'get_confluence_page_comments',
  title: 'Get page comments',
  description: 'List the comments of a page (footer, inline or all), oldest first, with bodies as Markdown. Inline comments include the text they highlight.',
  toolsets: ['comments'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    location: z.enum(['footer', 'inline', 'all']).default('all').describe('footer, inline or all (default).'),
    expand: z.array(z.enum(['replies'])).max(1).optional().describe('"replies": include the direct replies of each comment.'),
    limit: limitSchema(pageLimit('comments'), 25),
    cursor: cursorSchema,
    start: startSchema.describe('Data Center only: offset of the first comment (the next_start_offset of the previous call), instead of cursor. On Cloud use cursor.'),
  },
  outputSchema: {
    comments: z.array(
      z.object({
        id: z.string(),
        location: z.string(),
        parent_comment_id: z.string().nullable(),
        author_id: z.string().nullable(),
        author_name: z.string().nullable(),
        created_date: z.string(),
        version: z.number(),
        body: z.string(),
        inline_selection: z.string().optional(),
        resolution_status: z.string().optional(),
        replies: z.array(z.object({ id: z.string(), author_id: z.string().nullable(), author_name: z.string().nullable(), created_date: z.string(), body: z.string() })).optional(),
      }),
    ),
    next_cursor: z.string().optional(),
    next_start_offset: z.number().optional().describe('Data Center, when more comments exist: the start of the next page.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    // The client refuses start on Cloud, or with a cursor, naming it.
    const list = await ctx.client.comments.list(page.id, { location: args.location, limit: args.limit, cursor: args.cursor, start: args.start });
    const withReplies = [];
    for (const c of list.items) {
      const replies = args.expand?.includes('replies') ? (await ctx.client.comments.replies(c.id, { location: c.location, limit: pageLimit('replies') })).items : undefined;
      withReplies.push({ c, replies });
    }
    const resolveUser = await ctx.userResolver(withReplies.flatMap(({ c, replies }) => [c.body?.storage, ...(replies ?? []).map((r) => r.body?.storage)]));
    const nameOf = await ctx.nameResolver(withReplies.flatMap(({ c, replies }) => [c.version.authorId, ...(replies ?? []).map((r) => r.version.authorId)]));
    const markdown = (storage: string | undefined) => conversions.convert(storage ?? '', { spaceKey: page.spaceKey, resolveUser }).markdown.trim();
    const author = (id: string | null) => ({ author_id: id, author_name: id ? nameOf(id) : null });
    const comments = withReplies.map(({ c, replies }) => ({
      id: c.id,
      location: c.location,
      parent_comment_id: c.parentCommentId,
      ...author(c.version.authorId),
      created_date: c.version.createdAt,
      version: c.version.number,
      body: markdown(c.body?.storage),
      inline_selection: c.inlineSelection,
      resolution_status: c.resolutionStatus,
      replies: replies?.map((r) => ({ id: r.id, ...author(r.version.authorId), created_date: r.version.createdAt, body: markdown(r.body?.storage) })),
    }));
    // Everything a model needs is in the text too (many clients pass it only the text): replies under their comment.
    const text = comments
      .map((c) => {
        const head = `- [${c.location} ${c.id}] ${c.author_name ?? 'unknown'}, ${c.created_date}${c.inline_selection ? ` on "${c.inline_selection.slice(0, 80)}"` : ''}${c.resolution_status ? ` (${c.resolution_status})` : ''}: ${oneLine(c.body, 300)}`;
        const nested = (c.replies ?? []).map((r) => `  - reply ${r.id} by ${r.author_name ?? 'unknown'}, ${r.created_date}: ${oneLine(r.body, 200)}`);
        return [head, ...nested].join('\n');
      })
      .join('\n');
    const more = list.nextCursor ? `\nMore: call again with cursor "${list.nextCursor}".` : '';
    return success({ comments, next_cursor: list.nextCursor, next_start_offset: list.nextStart }, `${plural(comments.length, 'comment')} on "${page.title}"\n${text}${more}`);
  },
});
