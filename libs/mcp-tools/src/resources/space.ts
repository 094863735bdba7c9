/** `confluence://space/{key}`: a space summary with its top-level pages; confined to the space allow-list. */
import { NotFoundError } from '@confluence-mcp/confluence-client';
import type { Space } from '@confluence-mcp/confluence-client';
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolContext } from '../context';
import { ToolFailure } from '../results';
import { pageUri } from './page';
import { readResource, variable } from './shared';

export const SPACE_RESOURCE_TEMPLATE = 'confluence://space/{key}';

/** Most top-level pages listed. */
export const MAX_TOP_LEVEL_PAGES = 100;

export function registerSpaceResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'confluence-space',
    new ResourceTemplate(SPACE_RESOURCE_TEMPLATE, { list: undefined }),
    {
      title: 'Confluence space',
      description: `A Confluence space as Markdown: name, key, type, homepage and up to ${MAX_TOP_LEVEL_PAGES} top-level pages (children of the homepage) with their confluence://page/{id} URIs.`,
      mimeType: 'text/markdown',
    },
    (uri, variables, extra) =>
      readResource(ctx, 'confluence-space', uri, extra.signal, async (ctx) => {
        const key = variable(variables, 'key', /^~?[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, 'a Confluence space key, e.g. confluence://space/ENG');
        const space = await visibleSpace(ctx, key);
        const lines = [`# ${space.name}`, '', `- Key: ${space.key}`, `- Type: ${space.type}`, `- Status: ${space.status}`, `- URL: ${space.webUrl}`];
        if (!space.homepageId) return [...lines, '- Homepage: (none)'].join('\n');
        const home = await ctx.getPage(space.homepageId);
        lines.push(`- Homepage: [${home.title}](${pageUri(home.id)}) ${home.webUrl}`);
        const children = await ctx.client.pages.children(home.id, { limit: MAX_TOP_LEVEL_PAGES });
        const pages = children.items.slice(0, MAX_TOP_LEVEL_PAGES);
        lines.push('', `## Top-level pages (${pages.length}${children.nextCursor ? `, first ${MAX_TOP_LEVEL_PAGES} only` : ''})`, '');
        lines.push(...(pages.length ? pages.map((p) => `- [${p.title}](${pageUri(p.id)})`) : ['(none)']));
        return lines.join('\n');
      }),
  );
}

/** The space, or the same NOT_FOUND for a missing space and one outside the allow-list. */
async function visibleSpace(ctx: ToolContext, key: string): Promise<Space> {
  ctx.requireSpace(key);
  let space: Space;
  try {
    space = await ctx.client.spaces.get(key);
  } catch (error) {
    if (error instanceof NotFoundError) throw spaceNotFound(key);
    throw error;
  }
  if (!ctx.allowsSpace(space.key)) throw spaceNotFound(key);
  return space;
}

function spaceNotFound(key: string): ToolFailure {
  return new ToolFailure('NOT_FOUND', `Space ${key} not found, or not visible to this user. get_confluence_spaces lists the spaces you can use.`);
}
