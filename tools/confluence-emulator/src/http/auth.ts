/**
 * Who is calling, by the rules of each deployment:
 * - Cloud site URL: Basic `email:api_token` (a password gets Cloud's plain-text refusal; a scoped token is refused
 *   here, as it only works through the gateway); bearer tokens are refused.
 * - Cloud gateway `/ex/confluence/{cloudId}`: OAuth 2.0 bearer access tokens, and Basic with scoped or classic tokens.
 * - Data Center: bearer personal access tokens and Basic `username:password`; failures get Tomcat's HTML page.
 */
import { Flavor } from '../options';
import { User } from '../model';
import { Store } from '../store/store';
import { CLOUD_PASSWORD_DEPRECATED, ApiGeneration, tomcatUnauthorizedPage, v1ErrorBody, v2ErrorBody } from './errors';

export interface Caller {
  user: User;
  /** Stable key for per-caller rate limits; never the secret itself. */
  key: string;
}

export interface AuthFailure {
  status: 401;
  contentType: string;
  body: string;
}

/** Looks up OAuth access tokens issued by the fake authorization server. */
export type AccessTokenLookup = (token: string) => User | undefined;

export function authenticate(
  header: string | undefined,
  context: { flavor: Flavor; viaGateway: boolean; generation: ApiGeneration; store: Store; accessToken: AccessTokenLookup },
): Caller | AuthFailure {
  const { store } = context;
  const [scheme, credential] = splitHeader(header);

  if (context.flavor === 'dc') {
    if (scheme === 'bearer') {
      const user = store.findUser((u) => u.personalAccessToken === credential);
      if (user) return { user, key: `pat:${user.accountId}` };
    } else if (scheme === 'basic') {
      const [name, password] = decodeBasic(credential);
      const user = store.findUser((u) => u.username === name && u.password === password);
      if (user) return { user, key: `basic:${user.accountId}` };
    }
    return { status: 401, contentType: 'text/html;charset=utf-8', body: tomcatUnauthorizedPage('Basic Authentication Failure - Reason : AUTHENTICATED_FAILED') };
  }

  if (scheme === 'bearer' && context.viaGateway) {
    const user = context.accessToken(credential);
    if (user) return { user, key: `oauth:${user.accountId}` };
  }
  if (scheme === 'basic') {
    const [email, secret] = decodeBasic(credential);
    const user = store.findUser((u) => u.email === email);
    if (user && secret === user.apiToken) return { user, key: `token:${user.accountId}` };
    if (user && context.viaGateway && secret === user.scopedApiToken) return { user, key: `scoped:${user.accountId}` };
    if (user && secret === user.password) {
      return { status: 401, contentType: 'text/plain;charset=utf-8', body: CLOUD_PASSWORD_DEPRECATED };
    }
  }
  return cloudUnauthorized(context.viaGateway, context.generation);
}

function cloudUnauthorized(viaGateway: boolean, generation: ApiGeneration): AuthFailure {
  // The api.atlassian.com gateway answers before Confluence does, in its own shape.
  const body = viaGateway
    ? { code: 401, message: 'Unauthorized' }
    : generation === 'v2'
      ? v2ErrorBody(401, 'UNAUTHORIZED', 'Unauthorized', null)
      : { ...v1ErrorBody(401, 'Client must be authenticated to access this resource.', 'v1-cloud') };
  return { status: 401, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
}

function splitHeader(header: string | undefined): [string, string] {
  if (!header) return ['', ''];
  const space = header.indexOf(' ');
  if (space < 0) return ['', ''];
  return [header.slice(0, space).toLowerCase(), header.slice(space + 1).trim()];
}

function decodeBasic(credential: string): [string, string] {
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
