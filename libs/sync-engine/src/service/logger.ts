/** The logging the service layer needs: pino's `(fields, message)` shape, so the app passes its pino logger. */

/** A structured logger (pino-compatible). Fields never carry secrets: ids, counts and one-line errors only. */
export interface ServiceLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Drops everything (the default). */
export const silentLogger: ServiceLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
