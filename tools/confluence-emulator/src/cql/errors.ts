/**
 * A query that Confluence would refuse with HTTP 400. The message starts the way Confluence's does
 * (`Could not parse cql : <query>`) and adds what was wrong and where.
 */
export class CqlError extends Error {
  override readonly name = 'CqlError';

  /**
   * @param query the query as given
   * @param reason what is wrong, e.g. `unexpected ')'`
   * @param position zero-based offset in `query` where the problem starts
   */
  constructor(
    readonly query: string,
    readonly reason: string,
    readonly position: number,
  ) {
    super(`Could not parse cql : ${query} (${reason}, at position ${position})`);
  }
}
