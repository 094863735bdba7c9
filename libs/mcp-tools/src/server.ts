/** `createMcpServer(deps)`: every tool, selected by read-only mode and the `tools` allow-list, on one McpServer. */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { assertAnswerSize, runCall } from './call';
import { ToolContext } from './context';
import type { McpServerDeps } from './deps';
import { registerResources } from './resources';
import { sanitizeArguments, toErrorResult } from './results';
import { TOOLSETS } from './tool';
import type { AnyTool } from './tool';
import { ALL_TOOLS } from './tools';

/**
 * The tools a configuration exposes: write tools are left out in read-only mode; with a `tools` allow-list, only
 * tools named in it or belonging to a toolset named in it. Throws on a name that is neither, so a typo in the
 * configuration is reported at start-up instead of silently hiding tools.
 */
export function selectTools(deps: Pick<McpServerDeps, 'readOnly' | 'tools'>): AnyTool[] {
  const wanted = deps.tools?.map((t) => t.trim()).filter(Boolean);
  if (wanted?.length) {
    const known = new Set<string>([...TOOLSETS, ...ALL_TOOLS.map((t) => t.name)]);
    const unknown = wanted.filter((name) => !known.has(name));
    if (unknown.length) throw new Error(`tools: unknown tool or toolset ${unknown.join(', ')} (toolsets: ${TOOLSETS.join(', ')})`);
  }
  return ALL_TOOLS.filter((tool) => {
    if (deps.readOnly && !tool.annotations.readOnlyHint) return false;
    if (!wanted?.length) return true;
    return wanted.includes(tool.name) || tool.toolsets.some((set) => wanted.includes(set));
  });
}

/**
 * Build the MCP server both apps serve (stdio, Streamable HTTP): they pick the transport and connect it.
 *
 * @example
 * const server = createMcpServer({ client: createConfluenceClient(options), readOnly: true, spaces: ['ENG'] });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(deps: McpServerDeps): McpServer {
  const ctx = new ToolContext(deps);
  const server = new McpServer({ name: deps.name ?? 'confluence-mcp', version: deps.version ?? '0.0.0' }, { capabilities: { tools: {} } });
  const selected = selectTools(deps);
  const byName = new Map(selected.map((tool) => [tool.name, tool]));
  for (const tool of selected) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: { title: tool.title, ...tool.annotations } },
      (args: Record<string, unknown>, extra) => runTool(tool, args, ctx, extra.signal),
    );
  }
  if (selected.length) {
    // The SDK turns schema failures into isError results; the design wants a protocol error naming the field,
    // so calls are validated here first and only then run.
    server.server.removeRequestHandler('tools/call');
    server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const tool = byName.get(request.params.name);
      if (!tool) throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
      const parsed = z.object(tool.inputSchema).safeParse(request.params.arguments ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`);
        throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for tool ${tool.name}: ${problems.join('; ')}`);
      }
      // extra carries the request's abort signal: a cancelled call must stop making requests.
      return runTool(tool, parsed.data, ctx, extra.signal);
    });
  }
  registerResources(server, ctx);
  return server;
}

async function runTool(tool: AnyTool, args: Record<string, unknown>, ctx: ToolContext, signal: AbortSignal | undefined): Promise<CallToolResult> {
  const started = Date.now();
  const writes = !tool.annotations.readOnlyHint;
  try {
    const result = await runCall(ctx, { signal, writes, unknownOutcome: tool.unknownOutcome }, async (callCtx) => {
      const { structured, text, extraContent = [] } = await tool.handler(args, callCtx);
      return { content: [{ type: 'text' as const, text }, ...extraContent], structuredContent: stripUndefined(structured) as Record<string, unknown> };
    });
    assertAnswerSize(result);
    ctx.logger.info('tool call', { tool: tool.name, arguments: sanitizeArguments(args), ms: Date.now() - started });
    return result;
  } catch (error) {
    // A handler's own argument checks (fields that exclude each other) are protocol errors, as schema failures are.
    if (error instanceof McpError) throw error;
    const result = toErrorResult(error, ctx.logger, tool.name, { siteUrl: ctx.client.siteUrl, unknownOutcome: tool.unknownOutcome });
    ctx.logger.info('tool call failed', { tool: tool.name, arguments: sanitizeArguments(args), ms: Date.now() - started, code: result._meta?.['code'] });
    return result;
  }
}

/** JSON without `undefined` members, as the client will see it. */
function stripUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? {}));
}
