/** get_confluence_spaces: the spaces this user can see (within the allow-list). */
import { z } from 'zod';
import { plural, success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, cursorSchema, limitSchema, pageLimit, spaceKeysSchema, startSchema } from './shared';

export const getSpacesTool = defineTool({
  name: 'get_confluence_spaces',
  title: 'List Confluence spaces',
  description: 'List the Confluence spaces you can use, optionally only some keys, a type or a status. Space keys are what the other tools take as space_key.',
  toolsets: ['spaces'],
  inputSchema: {
    space_keys: spaceKeysSchema.optional().describe(`Only these space keys (at most ${LIMITS.listItems}).`),
    type: z.enum(['global', 'personal', 'collaboration', 'knowledge_base']).optional().describe('Only spaces of this type.'),
    status: z.enum(['current', 'archived']).optional().describe('Only current or archived spaces.'),
    expand: z.array(z.enum(['description'])).max(1).optional().describe('Extra data: "description".'),
    limit: limitSchema(pageLimit('spaces'), 25),
    cursor: cursorSchema,
    start: startSchema.describe('Data Center only: offset of the first space (the next_start_offset of the previous call), instead of cursor. On Cloud use cursor.'),
  },
  outputSchema: {
    spaces: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), type: z.string(), status: z.string(), url: z.string(), homepage_id: z.string().nullable(), description: z.string().optional() })),
    total_available: z.number().optional(),
    next_cursor: z.string().optional(),
    next_start_offset: z.number().optional().describe('Data Center, when more spaces exist: the start of the next page.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    let keys = args.space_keys?.length ? args.space_keys : undefined;
    if (ctx.spaces) {
      keys = keys ? keys.filter((k) => ctx.allowsSpace(k)) : [...ctx.spaces];
      if (!keys.length) return success({ spaces: [] }, 'No spaces: none of these keys is among the spaces this server may use.');
    }
    const page = await ctx.client.spaces.list({ keys, type: args.type, status: args.status, includeDescription: args.expand?.includes('description'), limit: args.limit, cursor: args.cursor, start: args.start });
    const spaces = page.items
      .filter((s) => ctx.allowsSpace(s.key))
      .map((s) => ({ id: s.id, key: s.key, name: s.name, type: s.type, status: s.status, url: s.webUrl, homepage_id: s.homepageId, description: s.description || undefined }));
    const more = page.nextCursor ? `\nMore: call again with cursor "${page.nextCursor}".` : '';
    return success(
      { spaces, total_available: page.total, next_cursor: page.nextCursor, next_start_offset: page.nextStart },
      `${plural(spaces.length, 'space')}\n${spaces.map((s) => `- ${s.key}: ${s.name} (${s.type}, ${s.status})`).join('\n')}${more}`,
    );
  },
});
