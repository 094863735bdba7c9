/**
 * Confluence MCP server over Streamable HTTP, for remote MCP clients: reads the environment, starts the server,
 * prints `listening on http://HOST:PORT` on stdout, and logs JSON lines on stderr. Configuration errors are
 * printed one per variable and exit 1. SIGTERM or SIGINT lets calls in flight finish (up to
 * `MCP_SHUTDOWN_TIMEOUT_MS`) and exits 0, or 1 when calls had to be cut; a second signal exits at once.
 */
import { createLogger, redactSecrets } from '@confluence-mcp/logging';
import { loadConfig } from './config';
import { startHttpServer } from './server';

const PREFIX = 'confluence-mcp-http';

function fail(lines: string[], secrets: string[] = []): never {
  for (const line of lines) process.stderr.write(`${PREFIX}: ${redactSecrets(line, secrets)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) fail(loaded.errors);
  const { config } = loaded;
  const log = createLogger({ level: config.logLevel, redact: config.secrets, name: PREFIX });

  let running;
  try {
    running = await startHttpServer(config, { logger: log });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    fail([`cannot listen on ${config.host}:${config.port}${typeof code === 'string' ? ` (${code})` : ''}`]);
  }
  process.stdout.write(`listening on ${running.url}\n`);

  let signals = 0;
  const stop = (reason: string, failed = false): void => {
    signals += 1;
    if (signals > 1) {
      log.warn('second signal: exiting without waiting', { reason });
      process.exit(1);
    }
    void running.shutdown(reason).then(
      ({ clean }) => process.exit(clean && !failed ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { err: error });
    stop('uncaught exception', true);
  });
  process.on('unhandledRejection', (error) => {
    log.error('unhandled rejection', { error: error instanceof Error ? error.message : String(error) });
    stop('unhandled rejection', true);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${PREFIX}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
