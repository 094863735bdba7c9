/** get_confluence_page_children: one page of a page's direct children, in position order. */
import { z } from 'zod';
import { success } from '../results';
import { defineTool } from '../tool';
import { cursorSchema, limitSchema, pageIdSchema } from './shared';

export const getPageChildrenTool = defineTool({
  name: 'get_confluence_page_children',
  title: 'Get Confluence page children',
  description:
    'List the direct child pages of a page, in the order Confluence shows them (position). Follow next_cursor for more. ' +
    'For several levels at once use get_confluence_space_page_tree; for the parents use get_confluence_page_ancestors.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the parent page, e.g. "123456".'),
    limit: limitSchema(100, 25),
    cursor: cursorSchema,
  },
  outputSchema: {
    page_id: z.string(),
    space_key: z.string(),
    children: z.array(z.object({ id: z.string(), title: z.string(), position: z.number().nullable() })),
    next_cursor: z.string().optional(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const parent = await ctx.getPage(args.page_id);
    const page = await ctx.client.pages.children(parent.id, { limit: args.limit, cursor: args.cursor });
    const children = page.items.map((c) => ({ id: c.id, title: c.title, position: c.position }));
    const more = page.nextCursor ? `\nMore: call again with cursor "${page.nextCursor}".` : '';
    const list = children.length ? children.map((c) => `- ${c.title} (id ${c.id})`).join('\n') : '(no child pages)';
    return success(
      { page_id: parent.id, space_key: parent.spaceKey, children, next_cursor: page.nextCursor },
      `${children.length} children of "${parent.title}" (id ${parent.id})\n${list}${more}`,
    );
  },
});
