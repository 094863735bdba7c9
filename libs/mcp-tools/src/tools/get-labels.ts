/** get_confluence_labels: every label of a page. */
import { z } from 'zod';
import { success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema } from './shared';

/** Most labels one answer lists; a page rarely has more. */
const MAX_LABELS = 500;

export const labelShape = z.object({ id: z.string(), name: z.string(), prefix: z.string() });

/** A label name as Confluence keeps it: lowercase, no whitespace. */
export const labelNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^\S+$/, 'must not contain spaces (use "-" or "_")')
  .refine((name) => name === name.toLowerCase(), 'must be lowercase');

export const getLabelsTool = defineTool({
  name: 'get_confluence_labels',
  title: 'Get Confluence labels',
  description: 'List the labels of a page (name and prefix: global, my or team). add_confluence_labels and remove_confluence_label change them.',
  toolsets: ['labels'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page, e.g. "123456".'),
  },
  outputSchema: { page_id: z.string(), labels: z.array(labelShape), truncated: z.boolean() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    const labels: Array<z.infer<typeof labelShape>> = [];
    let truncated = false;
    for await (const label of ctx.client.labels.iterate(page.id)) {
      if (labels.length >= MAX_LABELS) {
        truncated = true;
        break;
      }
      labels.push({ id: label.id, name: label.name, prefix: label.prefix });
    }
    const names = labels.length ? labels.map((l) => l.name).join(', ') : '(no labels)';
    return success({ page_id: page.id, labels, truncated }, `Labels of "${page.title}" (id ${page.id}): ${names}${truncated ? ` (first ${MAX_LABELS})` : ''}`);
  },
});
