/** get_confluence_page_ancestors: the breadcrumb of a page, from the top of its space down to its parent. */
import { z } from 'zod';
import { success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema } from './shared';

export const getPageAncestorsTool = defineTool({
  name: 'get_confluence_page_ancestors',
  title: 'Get Confluence page ancestors',
  description:
    "The breadcrumb of a page: its ancestors from the space's top-level page (first) down to its direct parent (last). " +
    'Empty for a page at the top of its space.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page, e.g. "123456".'),
  },
  outputSchema: {
    page_id: z.string(),
    title: z.string(),
    space_key: z.string(),
    ancestors: z.array(z.object({ id: z.string(), title: z.string() })).describe('Root first, direct parent last.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    const ancestors = (await ctx.client.pages.ancestors(page.id)).map((a) => ({ id: a.id, title: a.title }));
    const crumbs = [...ancestors.map((a) => `${a.title} (id ${a.id})`), `${page.title} (id ${page.id})`].join(' > ');
    return success({ page_id: page.id, title: page.title, space_key: page.spaceKey, ancestors }, `Space ${page.spaceKey}: ${crumbs}`);
  },
});
