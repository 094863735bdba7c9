/** `confluence://page/{id}`: one page as Markdown, with a short header; confined to the space allow-list. */
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolContext } from '../context';
import { conversions } from '../conversions';
import { readResource, variable } from './shared';

export const PAGE_RESOURCE_TEMPLATE = 'confluence://page/{id}';

export function pageUri(id: string): string {
  return `confluence://page/${id}`;
}

export function registerPageResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'confluence-page',
    new ResourceTemplate(PAGE_RESOURCE_TEMPLATE, { list: undefined }),
    {
      title: 'Confluence page',
      description: 'One Confluence page as Markdown, after a short header (title, space, version, link). The id is the numeric page id, e.g. confluence://page/123456.',
      mimeType: 'text/markdown',
    },
    (uri, variables, extra) =>
      readResource(ctx, 'confluence-page', uri, extra.signal, async (ctx) => {
        const id = variable(variables, 'id', /^\d{1,20}$/, 'a numeric Confluence page id, e.g. confluence://page/123456');
        const page = await ctx.getPage(id, { bodyFormat: 'storage' });
        const { markdown } = conversions.convert(page.body?.storage ?? '', { spaceKey: page.spaceKey });
        const header = [`# ${page.title}`, '', `- Space: ${page.spaceKey}`, `- Version: ${page.version.number}`, `- URL: ${page.webUrl}`].join('\n');
        return `${header}\n\n---\n\n${markdown}`;
      }),
  );
}
