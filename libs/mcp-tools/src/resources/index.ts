/** Every resource: read-only, so registered whatever the read-only mode and the `tools` allow-list. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolContext } from '../context';
import { registerPageResource } from './page';
import { registerSpaceResource } from './space';

export { PAGE_RESOURCE_TEMPLATE, pageUri } from './page';
export { SPACE_RESOURCE_TEMPLATE } from './space';

export function registerResources(server: McpServer, ctx: ToolContext): void {
  registerPageResource(server, ctx);
  registerSpaceResource(server, ctx);
}
