/**
 * Hand-written schemas for what the OpenAPI specs do not describe: error bodies (the specs declare 400/401/404
 * without a body; the shapes come from shared/reference/observed-api-errors) and the OAuth / gateway endpoints
 * (from Atlassian's OAuth 2.0 (3LO) documentation). All are closed: no invented fields.
 */
import type { JsonSchema } from './normalize';

const closed = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** Cloud v2: `{errors:[{status, code, title, detail}]}` (observed-errors.json `v2-404-not-found-or-no-permission`). */
export const V2_ERROR: JsonSchema = closed({
  errors: {
    type: 'array',
    minItems: 1,
    items: closed({ status: { type: 'integer' }, code: { type: 'string' }, title: { type: 'string' }, detail: { type: ['string', 'null'] } }),
  },
});

/**
 * REST v1 (Cloud and Data Center): `{statusCode, data:{authorized, valid, errors, successful}, message}`
 * (`v1-409-optimistic-lock`). `reason` and Data Center's `data.notSuccessful` are seen too
 * (`server-404-v1`, `server-500-cql-empty-space`), and Cloud adds `data.allowedInReadOnlyMode`.
 */
export const V1_ERROR: JsonSchema = closed(
  {
    statusCode: { type: 'integer' },
    data: closed(
      {
        authorized: { type: 'boolean' },
        valid: { type: 'boolean' },
        errors: { type: 'array' },
        successful: { type: 'boolean' },
        notSuccessful: { type: 'boolean' },
        allowedInReadOnlyMode: { type: 'boolean' },
      },
      ['authorized', 'valid', 'errors', 'successful'],
    ),
    message: { type: 'string' },
    reason: { type: 'string' },
  },
  ['statusCode', 'message'],
);

/** The api.atlassian.com gateway refuses a bad bearer token before Confluence sees it: `{code, message}`. */
export const GATEWAY_ERROR: JsonSchema = closed({ code: { type: 'integer' }, message: { type: 'string' } });

/** `GET /_edge/tenant_info` on a Cloud site. */
export const TENANT_INFO: JsonSchema = closed({ cloudId: { type: 'string', minLength: 1 } });

/** `GET https://api.atlassian.com/oauth/token/accessible-resources`. */
export const ACCESSIBLE_RESOURCES: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: closed({
    id: { type: 'string', minLength: 1 },
    url: { type: 'string', format: 'uri' },
    name: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    avatarUrl: { type: 'string', format: 'uri' },
  }),
};

/** `POST https://auth.atlassian.com/oauth/token` (authorization_code and refresh_token grants). */
export const OAUTH_TOKEN: JsonSchema = closed(
  {
    access_token: { type: 'string', minLength: 1 },
    token_type: { const: 'Bearer' },
    expires_in: { type: 'integer', minimum: 1 },
    scope: { type: 'string' },
    refresh_token: { type: 'string', minLength: 1 },
  },
  ['access_token', 'token_type', 'expires_in', 'scope'],
);

/** OAuth 2.0 error response (RFC 6749 §5.2), as auth.atlassian.com sends it. */
export const OAUTH_ERROR: JsonSchema = closed({ error: { type: 'string' }, error_description: { type: 'string' } }, ['error']);

/** Which envelope an error of each API generation must use. */
export type ErrorShape = 'v2' | 'v1' | 'gateway';

/** The schema of an error envelope. */
export function errorSchema(shape: ErrorShape): JsonSchema {
  return shape === 'v2' ? V2_ERROR : shape === 'v1' ? V1_ERROR : GATEWAY_ERROR;
}
