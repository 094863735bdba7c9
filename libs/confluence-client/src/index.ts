/**
 * Typed Confluence Cloud and Data Center REST client: `createConfluenceClient(options)`, typed errors, a CQL
 * builder that keeps user text literal, the model every method returns, and for services that connect users: an
 * Atlassian OAuth 2.0 (3LO) client, a rotating token source for it, and the secret box for credentials at rest.
 */
export { createConfluenceClient } from './client';
export type { ConfluenceClient } from './client';
export type { CallOptions } from './core/call';
export type { Clock, ConfluenceAuth, ConfluenceClientOptions, Flavor, Logger, RetryOptions } from './core/options';
export { ConfigurationError, clientOptionsFromEnv } from './env';
export type { ClientEnvironment } from './env';
export type { SpaceRef } from './core/context';
export { collect } from './core/pagination';
export type { ListOptions, Paging } from './core/pagination';
export { PAGE_LIMITS } from './core/page-limits';
export type { ListKind } from './core/page-limits';
export {
  AbortError,
  BadRequestError,
  ConfluenceError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  GoneError,
  InvalidArgumentError,
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
export type { ErrorContext } from './core/errors';
export type { BodyFormat, ListPagesOptions } from './resources/pages';
export type { ListSpacesOptions } from './resources/spaces';
export type { ContentSearchOptions, CqlQuery, SearchExpand, SearchOptions } from './resources/search';
export type { CommentBodyFormat, ListCommentsOptions, ListRepliesOptions } from './resources/comments';
export type { LabelPrefix, ListLabelsOptions } from './resources/labels';
export type { Download, DownloadSource, ListAttachmentsOptions, UploadInput } from './resources/attachments';
export { DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from './resources/attachments';
export type { AttachmentsResource } from './resources/attachments';
export type { CommentsResource } from './resources/comments';
export type { LabelsResource } from './resources/labels';
export type { PagesResource } from './resources/pages';
export type { SearchResource } from './resources/search';
export type { SpacesResource } from './resources/spaces';
export type { UsersResource } from './resources/users';
export { Cql, CqlBuildError, buildSearchCql, cql } from './cql';
export type { CqlBuilder, CqlDateField, CqlDateOptions, CqlField, CqlOrderField, CqlPart, CqlSearchFilters, CqlSortKey, CqlTextField, CqlTextOptions } from './cql';
export { MIN_SECRET_KEY_LENGTH, createSecretBox } from './credentials/secret-box';
export type { SecretBox } from './credentials/secret-box';
export { createAtlassianOAuthClient } from './oauth/atlassian-3lo';
export type { AccessibleResource, AtlassianOAuthClient, AtlassianOAuthOptions, AtlassianTokens, OAuthCallOptions } from './oauth/atlassian-3lo';
export { createOAuthTokenSource } from './oauth/token-source';
export type { OAuthTokenSource, OAuthTokenSourceOptions } from './oauth/token-source';
export { AtlassianOAuthError, OAuthClientError, OAuthGrantError, OAuthTokenRejectedError, OAuthUnavailableError, TokenPersistError } from './oauth/errors';
export type { OAuthErrorDetails } from './oauth/errors';
