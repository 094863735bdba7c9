/** PostgreSQL errors as the store's callers see them: conflicts as `ConflictError`, anything else one clean line. */
import { ConflictError, ConflictField } from '../errors';

/** The unique constraints whose violation is a caller's conflict, by constraint name. */
export const UNIQUE_FIELDS: Readonly<Record<string, ConflictField>> = {
  users_username_unique: 'username',
  users_email_unique: 'email',
  indexes_owner_name: 'name',
};

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The `pg` error under drizzle's wrapper (whose message holds the query and its parameters). */
function driverError(error: unknown): DriverError | undefined {
  for (let current = error as DriverError | undefined, depth = 0; current && typeof current === 'object' && depth < 3; current = current.cause as DriverError, depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current;
  }
  return undefined;
}

/**
 * Runs a query, turning unique violations of `UNIQUE_FIELDS` into `ConflictError`s and any other database error into
 * `what: PostgreSQL <code>: <first line>`. Never passes drizzle's message on: it carries the query's parameters
 * (sealed credentials, email addresses, page text).
 */
export async function guarded<T>(what: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    const driver = driverError(error);
    if (!driver) {
      // A connection error under drizzle's wrapper: keep the cause's words, drop the query and its parameters.
      if (error && typeof error === 'object' && 'params' in error) {
        const cause = (error as DriverError).cause as DriverError | undefined;
        const detail = [cause?.code, typeof cause?.message === 'string' ? cause.message.split('\n')[0] : undefined].filter(Boolean).join(': ');
        throw new Error(`${what}: ${detail || 'database error'}`);
      }
      throw error;
    }
    const field = driver.code === '23505' && typeof driver.constraint === 'string' ? UNIQUE_FIELDS[driver.constraint] : undefined;
    if (field) throw new ConflictError(field);
    throw new Error(`${what}: PostgreSQL ${String(driver.code)}: ${String(driver.message ?? '').split('\n')[0]}`);
  }
}
