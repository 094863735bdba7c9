/**
 * Logging for the stdio server: JSON lines on stderr only, because stdout carries the MCP protocol and one stray
 * byte there breaks the client. Credentials are removed twice: by field (pino `redact`) and, for anything that
 * slipped into a message or an unexpected field, by value just before the line is written.
 */
import type { ToolLogger } from '@confluence-mcp/mcp-tools';
import type { LogLevel } from '@confluence-mcp/schemas';
import pino, { DestinationStream, Logger } from 'pino';

/** The logger shape `createMcpServer()` (and, being wider, the Confluence client) takes. */
export type AppLogger = ToolLogger;

/** Field names that hold credentials wherever they appear (top level or one object down). */
const SECRET_FIELDS = ['authorization', 'Authorization', 'token', 'apiToken', 'api_token', 'password', 'accessToken', 'refreshToken', 'personalToken', 'cookie'];
export const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'headers.authorization', '*.headers.authorization'];
const CENSOR = '[Redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Exact strings (tokens) that must never reach the log. */
  secrets?: string[];
  /** Where lines go. @default stderr (fd 2), synchronously so nothing is lost on exit */
  destination?: DestinationStream;
}

/**
 * A pino logger on stderr with secrets scrubbed.
 *
 * @example
 * const log = createLogger({ level: 'info', secrets: [token] });
 * log.info({ tool: 'get_confluence_page' }, 'tool call');
 */
export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? pino.destination({ fd: 2, sync: true });
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const destination: DestinationStream = secrets.length
    ? { write: (line: string) => target.write(scrub(line, secrets)) }
    : target;
  return pino({ level: options.level, base: { name: 'confluence-mcp' }, redact: { paths: REDACT_PATHS, censor: CENSOR } }, destination);
}

/** Replace each secret (as written, and as it would appear JSON-escaped) with the censor mark. */
export function scrub(line: string, secrets: string[]): string {
  let out = line;
  for (const secret of secrets) {
    out = out.split(secret).join(CENSOR);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join(CENSOR);
  }
  return out;
}

/** pino takes `(fields, message)`; the libraries' logger interface takes `(message, fields)`. */
export function toAppLogger(log: Logger): AppLogger {
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}
