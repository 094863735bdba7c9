/** delete_confluence_page: move a page to the space's trash (recoverable by a space admin). */
import { z } from 'zod';
import { success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema } from './shared';

export const deletePageTool = defineTool({
  name: 'delete_confluence_page',
  title: 'Delete Confluence page',
  description: 'Move a page to the trash of its space. Its children move up to its parent. A space admin can restore it from the trash.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page to delete.'),
  },
  outputSchema: { status: z.enum(['trashed']), already_trashed: z.boolean(), message: z.string(), page_id: z.string(), title: z.string() },
  unknownOutcome: 'Read the page (get_confluence_page) to see whether it is still there before retrying.',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    // Deleting is idempotent: a page already in the trash is where the caller wants it (Confluence would say 404).
    if (page.status === 'trashed') {
      const message = `"${page.title}" (id ${page.id}) was already in the trash of space ${page.spaceKey}; nothing changed.`;
      return success({ status: 'trashed' as const, already_trashed: true, message, page_id: page.id, title: page.title }, message);
    }
    await ctx.client.pages.delete(page.id);
    const message = `Moved "${page.title}" (id ${page.id}) from space ${page.spaceKey} to the trash.`;
    return success({ status: 'trashed' as const, already_trashed: false, message, page_id: page.id, title: page.title }, message);
  },
});
