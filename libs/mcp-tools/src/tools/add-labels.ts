/** add_confluence_labels: add global labels to a page (labels it has already are kept). */
import { z } from 'zod';
import { success } from '../results';
import { defineTool } from '../tool';
import { labelNameSchema, labelShape } from './get-labels';
import { pageIdSchema } from './shared';

export const addLabelsTool = defineTool({
  name: 'add_confluence_labels',
  title: 'Add Confluence labels',
  description:
    'Add labels to a page. Label names are lowercase and have no spaces (use "-" or "_"), e.g. "runbook", "team-backend". ' +
    'Labels the page already has stay as they are. The page version does not change. Answers every label of the page afterwards.',
  toolsets: ['labels'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page to label.'),
    labels: z.array(labelNameSchema).min(1).max(20).describe('1-20 label names: lowercase, without spaces, e.g. ["runbook", "team-backend"].'),
  },
  outputSchema: { page_id: z.string(), added: z.array(z.string()), labels: z.array(labelShape) },
  unknownOutcome: "get_confluence_labels shows the page's labels now; adding a label it already has changes nothing.",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    const added = [...new Set(args.labels)];
    const labels = (await ctx.client.labels.add(page.id, added)).map((l) => ({ id: l.id, name: l.name, prefix: l.prefix }));
    return success({ page_id: page.id, added, labels }, `Labelled "${page.title}" (id ${page.id}) with ${added.join(', ')}. Its labels: ${labels.map((l) => l.name).join(', ')}`);
  },
});
