/** The command-line entry: parse, dispatch, map failures to one line and an exit code. */
import { ConfigurationError } from '@confluence-mcp/confluence-client';
import { SyncBusyError, SyncFailedError } from '@confluence-mcp/sync-engine';
import { USAGE, UsageError, parseCommandLine } from './args';
import { pagesCommand, searchCommand } from './commands/search';
import { runsCommand } from './commands/runs';
import { syncCommand } from './commands/sync';
import { Streams } from './output';
import { Environment } from './wiring';

/** Exit codes: 0 done, 1 the work failed, 2 the command or configuration is wrong, 130 cancelled. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** Runs one command line; never throws, resolves to the exit code. */
export async function runCli(argv: readonly string[], env: Environment, streams: Streams, signal: AbortSignal): Promise<number> {
  try {
    const line = parseCommandLine(argv);
    switch (line.command) {
      case 'sync':
        return await syncCommand(line, env, streams, signal);
      case 'search':
        return await searchCommand(line, env, streams);
      case 'pages':
        return await pagesCommand(line, env, streams);
      case 'runs':
        return await runsCommand(line, env, streams);
      case 'serve':
        // Loaded on demand: the HTTP stack (Fastify, the OpenAPI and docs bundle) is not initialised for CLI commands.
        return await (await import('./serve/command')).serveCommand(env, streams, signal, line.role ?? 'all');
      case 'help':
        streams.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
      default:
        throw new UsageError(`unknown command "${line.command.slice(0, 40)}" (sync, search, pages, runs, serve)`);
    }
  } catch (error) {
    const { message, code } = describe(error);
    streams.stderr.write(`error: ${message}\n`);
    return code;
  }
}

/** One line for people: never a stack trace, never a secret (client and engine messages carry neither). */
function describe(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: `${error.message}\n\n${USAGE}`, code: EXIT.usage };
  if (error instanceof ConfigurationError) return { message: error.problems.join('\n       '), code: EXIT.usage };
  if (error instanceof SyncFailedError) return { message: `sync ${error.summary.status}: ${error.message}`, code: error.summary.status === 'cancelled' ? EXIT.cancelled : EXIT.failed };
  if (error instanceof SyncBusyError) return { message: error.message, code: EXIT.failed };
  const text = error instanceof Error ? error.message : String(error);
  // Configuration problems raised below the CLI name their variable first (`DATABASE_URL: ...`).
  const code = /^[A-Z][A-Z0-9_]+: /.test(text) ? EXIT.usage : EXIT.failed;
  return { message: text.split('\n')[0], code };
}
