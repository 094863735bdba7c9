/** Errors of the store that callers act on (an API answers 409 to a `ConflictError`). */

/** The field whose value must be unique: a user's `username` or `email`, an index's `name` (per owner). */
export type ConflictField = 'username' | 'email' | 'name';

/**
 * A unique value is already taken. The message names the field and never the value (it may be someone else's
 * email address).
 *
 * @example
 * try { await store.createUser(input) } catch (error) { if (error instanceof ConflictError) reply(409, { field: error.field }) }
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(readonly field: ConflictField, message = `${field}: already taken`) {
    super(message);
  }
}
