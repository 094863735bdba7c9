/**
 * A logger whose lines go to whichever request logger is current: a pooled MCP server serves one request at a
 * time, so its tool-call lines can carry that request's id and identity without building a server per request.
 */
import type { Logger } from '@confluence-mcp/logging';

export class ScopedLogger implements Logger {
  constructor(public target: Logger) {}
  debug(message: string, fields?: Record<string, unknown>): void {
    this.target.debug(message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.target.info(message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.target.warn(message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.target.error(message, fields);
  }
  child(fields: Record<string, unknown>): Logger {
    return this.target.child(fields);
  }
}
