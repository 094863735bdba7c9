/**
 * The apps' logger: pino JSON lines, on stderr unless told otherwise (a stdio MCP server's stdout carries the
 * protocol, and one stray byte there breaks the client), credentials removed by field and by value.
 */
import pino from 'pino';
import { CENSOR, REDACT_PATHS, redactSecrets, usableSecrets } from './redact';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** A log level: lines below it are not written. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where lines go: anything with a `write(line)`, such as a stream. */
export interface LogDestination {
  write(line: string): unknown;
}

/** Options of `createLogger()`. */
export interface LoggerOptions {
  /** @default 'info' */
  level?: LogLevel;
  /** Exact strings (tokens, passwords, Basic header values) that must never reach the log. */
  redact?: readonly string[];
  /**
   * `stderr`, `stdout` (only when asked: never for a stdio server) or a destination of your own. Both standard
   * streams are written synchronously, so nothing is lost on exit. @default 'stderr'
   */
  destination?: 'stderr' | 'stdout' | LogDestination;
  /** The `name` field of every line. @default 'confluence-mcp' */
  name?: string;
}

/**
 * A structured logger: a message and fields. The shape of the Confluence client's and the MCP tools' `Logger`, so
 * one logger serves the app and the libraries.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line also carries `fields` (a request id, a tool name). */
  child(fields: Record<string, unknown>): Logger;
}

/**
 * A pino logger with credentials redacted. Error values in fields are logged as their name, message and code (or
 * their own `toJSON()`), never with a stack.
 *
 * @example
 * const log = createLogger({ level: 'info', redact: [process.env.CONFLUENCE_API_TOKEN ?? ''] });
 * log.info('tool call', { tool: 'get_confluence_page' });
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new TypeError(`level: must be one of ${LOG_LEVELS.join(', ')}`);
  const target = destinationOf(options.destination ?? 'stderr');
  const secrets = usableSecrets(options.redact);
  const destination: LogDestination = secrets.length ? { write: (line: string) => target.write(redactSecrets(line, secrets)) } : target;
  const log = pino({ level, base: { name: options.name ?? 'confluence-mcp' }, redact: { paths: REDACT_PATHS, censor: CENSOR } }, destination as pino.DestinationStream);
  return wrap(log);
}

function destinationOf(destination: 'stderr' | 'stdout' | LogDestination): LogDestination {
  if (destination === 'stderr' || destination === 'stdout') return pino.destination({ fd: destination === 'stderr' ? 2 : 1, sync: true });
  if (typeof destination?.write !== 'function') throw new TypeError("destination: must be 'stderr', 'stdout' or have a write(line) method");
  return destination;
}

/** pino takes `(fields, message)`; the libraries' `Logger` takes `(message, fields)`. */
function wrap(log: pino.Logger): Logger {
  return {
    debug: (message, fields) => log.debug(safe(fields), message),
    info: (message, fields) => log.info(safe(fields), message),
    warn: (message, fields) => log.warn(safe(fields), message),
    error: (message, fields) => log.error(safe(fields), message),
    child: (fields) => wrap(log.child(safe(fields))),
  };
}

/** Fields with each Error made plain: a stack names files and lines, and may quote what it was given. */
function safe(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? plainError(value) : value;
  return out;
}

function plainError(error: Error): unknown {
  const own = (error as { toJSON?: () => unknown }).toJSON;
  if (typeof own === 'function') return own.call(error);
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}
