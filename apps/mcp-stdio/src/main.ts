/**
 * Confluence MCP server over stdio (Claude Desktop): reads the environment, builds the client and the server,
 * attaches the stdio transport, and exits 0 on SIGINT, SIGTERM or when the client closes stdin.
 * Configuration errors are printed on stderr, one per variable, and exit 1. At start-up it asks Confluence who
 * the credentials are and logs it (or exactly what failed), and keeps serving either way so the client shows
 * the error on first use; `--check` does only that and exits 0 or 1.
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { checkConnection, createMcpServer } from '@confluence-mcp/mcp-tools';
import { createLogger, redactSecrets } from '@confluence-mcp/logging';
import { loadConfig } from './config';
import { openIndexSearcher } from './index-search';
import { LineTransport } from './line-transport';

/** Longest wait for the server to close before exiting anyway. */
const SHUTDOWN_GRACE_MS = 2_000;

function fail(lines: string[], secrets: string[] = []): never {
  for (const line of lines) process.stderr.write(`confluence-mcp: ${redactSecrets(line, secrets)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  // stdout is the protocol: whatever a dependency prints with console.log must go to stderr instead.
  console.log = console.info = console.debug = console.error;

  const loaded = loadConfig(process.env);
  if (!loaded.ok) fail(loaded.errors);
  const { config } = loaded;
  // stderr only: stdout is the protocol.
  const log = createLogger({ level: config.logLevel, redact: config.secrets, destination: 'stderr' });

  let client;
  try {
    client = createConfluenceClient({ ...config.client, logger: log });
  } catch (error) {
    fail([error instanceof Error ? error.message : String(error)], config.secrets);
  }
  if (process.argv.includes('--check')) {
    // Its own quiet client: the answer is one line, not the request log, and one retry is enough to tell.
    const check = await checkConnection(createConfluenceClient({ ...config.client, retry: { limit: 1 } }));
    if (check.ok) process.stderr.write(`confluence-mcp: connected to ${check.siteUrl} as ${check.user}\n`);
    else process.stderr.write(`confluence-mcp: ${redactSecrets(check.problem, config.secrets)}\n`);
    process.exit(check.ok ? 0 : 1);
  }
  // The service's own credentials read the index and Confluence alike: no per-hit check.
  const index = config.index ? await openIndexSearcher(config.index) : undefined;
  const server = createMcpServer({ client, logger: log, ...config.server, ...(index ? { indexSearcher: index } : {}) });

  let closing = false;
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (closing) return;
    closing = true;
    log.info('shutting down', { reason });
    setTimeout(() => process.exit(code), SHUTDOWN_GRACE_MS).unref();
    try {
      await server.close();
      await index?.close();
    } catch (error) {
      log.warn('error while closing the server', { err: error });
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Claude Desktop stops a server by closing its stdin; a closed stdout (EPIPE) means the client is gone too.
  process.stdin.once('end', () => void shutdown('stdin closed'));
  process.stdin.once('close', () => void shutdown('stdin closed'));
  process.stdout.on('error', () => void shutdown('stdout closed'));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { err: error });
    void shutdown('uncaught exception', 1);
  });
  process.on('unhandledRejection', (error) => {
    log.error('unhandled rejection', { error: error instanceof Error ? error.message : String(error) });
    void shutdown('unhandled rejection', 1);
  });

  // Our transport answers an oversized or malformed message with a JSON-RPC error and keeps serving; the SDK's
  // closes on one, which ended the server silently.
  const transport = new LineTransport(process.stdin, process.stdout, {
    onRefused: (reason, details) => log.warn('message refused', { reason, ...details }),
  });
  server.server.onerror = (error) => log.warn('protocol error', { error: error.message });
  await server.connect(transport);
  log.info('confluence-mcp ready on stdio', { flavor: client.flavor, site: client.siteUrl, readOnly: config.server.readOnly, tools: config.server.tools, spaces: config.server.spaces, index: Boolean(index) });
  // After "ready": the client is already served while Confluence answers (or does not).
  const check = await checkConnection(client);
  if (check.ok) log.info(`connected to ${check.siteUrl} as ${check.user}`, { site: check.siteUrl, user: check.user });
  else log.error(`cannot use Confluence: ${check.problem}`, { site: check.siteUrl, problem: check.problem });
}

main().catch((error: unknown) => {
  process.stderr.write(`confluence-mcp: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
