/** move_confluence_page: move a page under another page, or next to it, within one space. */
import { z } from 'zod';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema, pageSummary, pageSummaryShape } from './shared';

export const movePageTool = defineTool({
  name: 'move_confluence_page',
  title: 'Move Confluence page',
  description:
    'Move a page (with its children) within its space: position "append" makes it the last child of the target page; "before" or "after" ' +
    'makes it a sibling placed right before or after the target. Both pages must be in the same space. The content and version number do not change.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page to move.'),
    target_page_id: pageIdSchema.describe('Id of the page to move it under (append) or next to (before, after).'),
    position: z.enum(['append', 'before', 'after']).default('append').describe('append (default): last child of the target; before / after: sibling of the target.'),
  },
  outputSchema: { ...pageSummaryShape, target_page_id: z.string(), position: z.enum(['append', 'before', 'after']) },
  unknownOutcome: 'get_confluence_page_ancestors shows where the page is now; check before moving it again.',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    if (args.page_id === args.target_page_id) throw new ToolFailure('INVALID_ARGUMENT', 'target_page_id: a page cannot be moved relative to itself.');
    const page = await ctx.getPage(args.page_id);
    const target = await ctx.getPage(args.target_page_id);
    if (target.spaceKey !== page.spaceKey) {
      throw new ToolFailure('INVALID_ARGUMENT', `target_page_id: page ${target.id} is in space ${target.spaceKey}, not ${page.spaceKey}; pages can only be moved within their space.`);
    }
    await ctx.client.pages.move(page.id, target.id, args.position);
    const moved = await ctx.getPage(page.id);
    const summary = pageSummary(moved);
    const where = args.position === 'append' ? `under "${target.title}"` : `${args.position} "${target.title}"`;
    return success({ ...summary, target_page_id: target.id, position: args.position }, `Moved "${summary.title}" (id ${summary.id}) ${where} (id ${target.id}); parent is now ${summary.parent_id ?? 'none'}.`);
  },
});
