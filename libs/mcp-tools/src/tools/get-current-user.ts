/** get_confluence_current_user: the user this server signs in to Confluence as. */
import type { User } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import { success } from '../results';
import { defineTool } from '../tool';

export const userShape = {
  id: z.string().describe('Account id on Cloud, user key on Data Center: what other tools and CQL take as a user id.'),
  display_name: z.string(),
  username: z.string().optional().describe('Data Center user name.'),
  email: z.string().optional(),
  time_zone: z.string().optional(),
};

export function userOutput(user: User) {
  return { id: user.id, display_name: user.displayName, username: user.username, email: user.email, time_zone: user.timeZone };
}

export const getCurrentUserTool = defineTool({
  name: 'get_confluence_current_user',
  title: 'Get current Confluence user',
  description: 'Who this server acts as in Confluence: the id, display name and, where visible, user name, email and time zone of the signed-in user.',
  toolsets: ['users'],
  inputSchema: {},
  outputSchema: userShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(_args, ctx) {
    const user = userOutput(await ctx.client.users.current());
    return success(user, `Signed in as ${user.display_name} (id ${user.id}${user.username ? `, user name ${user.username}` : ''})`);
  },
});
