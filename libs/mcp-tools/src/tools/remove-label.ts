/** remove_confluence_label: take one label off a page. */
import { NotFoundError } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { labelNameSchema } from './get-labels';
import { pageIdSchema } from './shared';

export const removeLabelTool = defineTool({
  name: 'remove_confluence_label',
  title: 'Remove Confluence label',
  description: 'Remove one label from a page. get_confluence_labels lists its labels. The page version does not change.',
  toolsets: ['labels'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    label: labelNameSchema.describe('The label name to remove, e.g. "draft".'),
  },
  outputSchema: { page_id: z.string(), removed: z.string() },
  unknownOutcome: "get_confluence_labels shows the page's labels now; check before retrying.",
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    try {
      await ctx.client.labels.remove(page.id, args.label);
    } catch (error) {
      if (error instanceof NotFoundError) throw new ToolFailure('NOT_FOUND', `Page ${page.id} has no label "${args.label}". get_confluence_labels lists its labels.`);
      throw error;
    }
    return success({ page_id: page.id, removed: args.label }, `Removed label "${args.label}" from "${page.title}" (id ${page.id}).`);
  },
});
