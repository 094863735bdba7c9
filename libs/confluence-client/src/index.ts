/**
 * Typed Confluence Cloud and Data Center REST client: `createConfluenceClient(options)`, typed errors, a CQL
 * builder that keeps user text literal, and the model every method returns.
 */
export { createConfluenceClient } from './client';
export type { ConfluenceClient } from './client';
export type { CallOptions } from './core/call';
export type { ConfluenceAuth, ConfluenceClientOptions, Flavor, Logger, RetryOptions } from './core/options';
export type { SpaceRef } from './core/context';
export { collect } from './core/pagination';
export {
  AbortError,
  BadRequestError,
  ConfluenceError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ResponseTooLargeError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from './core/errors';
export type * from './model';
export type { BodyFormat, ListPagesOptions } from './resources/pages';
export type { ListSpacesOptions } from './resources/spaces';
export { Cql, CqlBuildError, buildSearchCql, cql } from './cql';
export type { CqlField } from './cql';
