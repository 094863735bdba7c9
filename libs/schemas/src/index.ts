/** zod schemas and inferred types for Confluence entities, tool inputs and outputs, and configuration. */

/** Cloud REST v2 entities (pages, blog posts, spaces, comments, attachments, labels...) and the v2 list envelope. */
export {
  V2VersionSchema,
  V2BodySchema,
  V2PageSchema,
  V2BlogPostSchema,
  V2SpaceSchema,
  V2ChildPageSchema,
  V2AncestorSchema,
  V2PageVersionSchema,
  V2CommentSchema,
  V2AttachmentSchema,
  V2LabelSchema,
  v2ListSchema,
} from './confluence/v2';
/** Types inferred from the v2 schemas. */
export type {
  V2Version,
  V2Body,
  V2Page,
  V2BlogPost,
  V2Space,
  V2ChildPage,
  V2Ancestor,
  V2PageVersion,
  V2Comment,
  V2Attachment,
  V2Label,
  V2List,
} from './confluence/v2';

/** REST v1 entities (Cloud search/upload/labels, all of Data Center): content, users, spaces, CQL search. */
export {
  V1UserSchema,
  V1VersionSchema,
  V1SpaceSchema,
  V1ContentSchema,
  V1LabelSchema,
  V1LabelArraySchema,
  v1ContentArraySchema,
  V1SearchResultSchema,
  V1SearchResponseSchema,
  V1AttachmentSchema,
} from './confluence/v1';
/** Types inferred from the v1 schemas. */
export type {
  V1User,
  V1Version,
  V1Space,
  V1Content,
  V1Label,
  V1LabelArray,
  V1ContentArray,
  V1SearchResult,
  V1SearchResponse,
  V1Attachment,
} from './confluence/v1';

/** Error bodies (v2, v1, api.atlassian.com gateway) and `describeErrorBody`, which makes any body a short message. */
export { V2ErrorBodySchema, V1ErrorBodySchema, GatewayErrorBodySchema, describeErrorBody } from './confluence/errors';
/** Types inferred from the error body schemas. */
export type { V2ErrorBody, V1ErrorBody, GatewayErrorBody } from './confluence/errors';

/**
 * Environment configuration, each parse naming every bad variable: the connection (`parseConnectionEnv`, what the
 * client needs), the MCP-only settings (`parseMcpEnv`), and both (`parseConfluenceEnv`).
 */
export { ConfluenceConnectionEnvSchema, ConfluenceEnvSchema, McpEnvSchema, parseConfluenceEnv, parseConnectionEnv, parseMcpEnv } from './config';
/** Configuration types. */
export type { ConfluenceConfig, ConfluenceConnectionConfig, ConfluenceEnv, ConfluenceEnvAuth, EnvParseResult, LogLevel, McpEnvConfig } from './config';
/** The synced index the MCP servers search: SYNC_DATABASE_URL (else DATABASE_URL) and SYNC_INDEXES. */
export { parseIndexEnv } from './index-env';
export type { IndexEnvConfig } from './index-env';
