/**
 * One structured logger for the apps: `createLogger({ level, redact, destination })`, pino JSON lines on stderr
 * with credentials removed, in the `Logger` shape the Confluence client and the MCP tools take.
 */
export { LOG_LEVELS, createLogger } from './logger';
export type { LogDestination, LogLevel, Logger, LoggerOptions } from './logger';
export { redactSecrets } from './redact';
