/** What the resources share: reading a template variable, and turning failures into MCP protocol errors. */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type { ToolContext } from '../context';
import { assertAnswerSize, runCall } from '../call';
import { toErrorResult } from '../results';

/** The JSON-RPC code the MCP specification gives a resource that does not exist. */
export const RESOURCE_NOT_FOUND = -32002;

/** One URI template variable, percent-decoded; an `InvalidParams` error naming it when it does not match `pattern`. */
export function variable(variables: Variables, name: string, pattern: RegExp, expected: string): string {
  const raw = variables[name];
  let value: string | undefined;
  try {
    value = typeof raw === 'string' ? decodeURIComponent(raw) : undefined;
  } catch {
    value = undefined;
  }
  if (value === undefined || !pattern.test(value)) throw new McpError(ErrorCode.InvalidParams, `Invalid resource URI: ${name} must be ${expected}.`);
  return value;
}

/**
 * Run a resource read: logged like a tool call, and every failure an `McpError` whose message is the one a tool
 * would give (`CODE: advice`), never a stack, a URL with credentials or a token (details go to the log only).
 */
export async function readResource(
  ctx: ToolContext,
  name: string,
  uri: URL,
  signal: AbortSignal | undefined,
  read: (callCtx: ToolContext) => Promise<string>,
  mimeType = 'text/markdown',
): Promise<ReadResourceResult> {
  const started = Date.now();
  try {
    const result = await runCall(ctx, { signal, writes: false }, async (callCtx) => ({ contents: [{ uri: uri.href, mimeType, text: await read(callCtx) }] }));
    assertAnswerSize(result);
    ctx.logger.info('resource read', { resource: name, uri: uri.href, ms: Date.now() - started });
    return result;
  } catch (error) {
    if (error instanceof McpError) {
      ctx.logger.info('resource read failed', { resource: name, uri: uri.href, ms: Date.now() - started, code: error.code });
      throw error;
    }
    const result = toErrorResult(error, ctx.logger, `resource ${name}`, { siteUrl: ctx.client.siteUrl });
    const code = String(result._meta?.['code'] ?? 'INTERNAL');
    const first = result.content[0];
    const message = first && first.type === 'text' ? first.text : 'INTERNAL: An unexpected error occurred. The details are in the server log.';
    ctx.logger.info('resource read failed', { resource: name, uri: uri.href, ms: Date.now() - started, code });
    throw new McpError(protocolCode(code), message);
  }
}

function protocolCode(code: string): number {
  switch (code) {
    case 'NOT_FOUND':
      return RESOURCE_NOT_FOUND;
    case 'INVALID_ARGUMENT':
    case 'INVALID_QUERY':
      return ErrorCode.InvalidParams;
    default:
      return ErrorCode.InternalError;
  }
}
