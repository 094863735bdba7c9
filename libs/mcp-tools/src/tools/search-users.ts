/** search_confluence_users: users whose name starts with some text (Confluence Cloud only). */
import { z } from 'zod';
import { ToolFailure, plural, success } from '../results';
import { defineTool } from '../tool';
import { userOutput, userShape } from './get-current-user';

export const searchUsersTool = defineTool({
  name: 'search_confluence_users',
  title: 'Search Confluence users',
  description:
    'Find users by name: those whose full name, or a word of it, starts with query. Answers their ids (for mentions, CQL creator/contributor filters) ' +
    'and display names. Confluence Cloud only: Data Center has no user search.',
  toolsets: ['users'],
  inputSchema: {
    query: z.string().trim().min(1).max(255).describe('Start of a name, e.g. "ali" or "Alice Sm".'),
    limit: z.number().int().min(1).max(50).default(10).describe('Most users to answer, 1-50 (default 10).'),
  },
  outputSchema: { users: z.array(z.object(userShape)) },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    if (ctx.client.flavor === 'dc') {
      throw new ToolFailure('UNAVAILABLE', 'User search is not available on Confluence Data Center (its REST API has none); retrying will not help. Ask the user for the user name instead.');
    }
    const found = await ctx.client.users.search(args.query, { limit: args.limit });
    const users = found.map(userOutput);
    const list = users.length ? users.map((u) => `- ${u.display_name} (id ${u.id})`).join('\n') : '(no user matches)';
    return success({ users }, `${plural(users.length, 'user')} matching "${args.query}"\n${list}`);
  },
});
