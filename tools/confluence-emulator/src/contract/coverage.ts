/**
 * Route coverage: the contract suite of each flavour must call every route that flavour registers. Three checks
 * tie together, so that a route added without a contract call fails:
 * - `CLOUD_ROUTES` / `DC_ROUTES` list the `METHOD template` keys each flavour serves (as `control.counts()` names
 *   them: gateway prefix dropped);
 * - after a suite, every key of `control.counts()` is in its list, and every entry of the list answered a call
 *   with success;
 * - every registration found in the source (`source-routes.ts`) is in one of the lists.
 */
import { sourceRoutes } from './source-routes';

const V2 = '/wiki/api/v2';
const V2_ROUTES = [
  `GET ${V2}/spaces`,
  `GET ${V2}/spaces/:id`,
  `GET ${V2}/spaces/:id/pages`,
  `GET ${V2}/pages`,
  `POST ${V2}/pages`,
  `GET ${V2}/pages/:id`,
  `PUT ${V2}/pages/:id`,
  `DELETE ${V2}/pages/:id`,
  `GET ${V2}/pages/:id/children`,
  `GET ${V2}/pages/:id/ancestors`,
  `GET ${V2}/pages/:id/versions`,
  `GET ${V2}/pages/:id/footer-comments`,
  `GET ${V2}/pages/:id/inline-comments`,
  `GET ${V2}/pages/:id/attachments`,
  `GET ${V2}/pages/:id/labels`,
  `POST ${V2}/footer-comments`,
  `GET ${V2}/footer-comments/:id`,
  `GET ${V2}/footer-comments/:id/children`,
  `POST ${V2}/inline-comments`,
  `GET ${V2}/inline-comments/:id`,
  `GET ${V2}/inline-comments/:id/children`,
  `GET ${V2}/attachments/:id`,
];

/** REST v1 on both flavours, relative to the v1 prefix. */
const V1_COMMON = [
  'GET /search',
  'GET /content/search',
  'GET /content/:id/child/attachment',
  'POST /content/:id/child/attachment',
  'PUT /content/:id/child/attachment',
  'POST /content/:id/child/attachment/:attachmentId/data',
  'GET /content/:id/label',
  'POST /content/:id/label',
  'DELETE /content/:id/label',
  'DELETE /content/:id/label/:label',
  'GET /user/current',
  'GET /user',
  'GET /space',
  'GET /space/:spaceKey',
  'PUT /content/:pageId/move/:position/:targetId',
];

/** v1 content: Data Center serves it; Cloud registers the same templates to answer 410 Gone. */
const V1_CONTENT = [
  'GET /content',
  'POST /content',
  'GET /content/:id',
  'PUT /content/:id',
  'DELETE /content/:id',
  'GET /content/:id/child',
  'GET /content/:id/child/:type',
  'GET /content/:id/descendant',
  'GET /content/:id/descendant/:type',
  'GET /content/:id/history',
  'GET /content/:id/version',
  'GET /content/:id/version/:number',
  'GET /space/:spaceKey/content',
  'GET /space/:spaceKey/content/:type',
];

const under = (prefix: string, routes: readonly string[]) => routes.map((route) => route.replace(' ', ` ${prefix}`));

/** Served by both flavours: the fake OAuth server. */
const OAUTH_ROUTES = ['GET /authorize', 'POST /oauth/token', 'GET /oauth/token/accessible-resources'];

/** Every route a Cloud emulator registers. */
export const CLOUD_ROUTES: readonly string[] = [
  ...V2_ROUTES,
  ...under('/wiki/rest/api', [...V1_COMMON, 'GET /search/user', ...V1_CONTENT]),
  ...OAUTH_ROUTES,
  'GET /_edge/tenant_info',
  'GET /wiki/download/attachments/:pageId/:filename',
  'GET /wiki/rest/api/content/:id/child/attachment/:attachmentId/download',
  'GET /media/file/:fileId/binary',
];

/** Cloud routes whose designed answer is an error: v1 content is gone (410) on newer Cloud sites. */
export const CLOUD_GONE_ROUTES: readonly string[] = under('/wiki/rest/api', V1_CONTENT);

/** Every route a Data Center emulator registers. */
export const DC_ROUTES: readonly string[] = [...under('/rest/api', [...V1_COMMON, ...V1_CONTENT]), ...OAUTH_ROUTES, 'GET /download/attachments/:pageId/:filename'];

/** Requests no route matched (the not-found handler) are counted under this key. */
const UNMATCHED = / unmatched$/;

/**
 * Problems with one suite's calls: routes served that the list lacks (from `control.counts()`), and listed routes
 * never answered with success (from `control.requests()`): a route only ever called for its 404 has not had its
 * success shape checked. For `gone` routes (v1 content on Cloud), the designed 410 counts as the answer.
 */
export function coverageProblems(
  counts: Record<string, number>,
  requests: readonly { route: string; status: number }[],
  expected: readonly string[],
  gone: readonly string[] = [],
): string[] {
  const listed = new Set(expected);
  const unexpected = Object.keys(counts)
    .filter((key) => !listed.has(key) && !UNMATCHED.test(key))
    .map((key) => `${key} was served but is not in the contract's route list (add it to coverage.ts)`);
  const goneRoutes = new Set(gone);
  const answered = (request: { route: string; status: number }) => (request.status >= 200 && request.status < 400) || (request.status === 410 && goneRoutes.has(request.route));
  const succeeded = new Set(requests.filter(answered).map((request) => request.route));
  const uncalled = expected
    .filter((key) => !succeeded.has(key))
    .map((key) => (counts[key] ? `${key} was only called for errors: add a successful contract call` : `${key} is registered but the contract never called it`));
  return [...unexpected, ...uncalled];
}

/** Registrations in the source that neither flavour's list names. */
export function unlistedSourceRoutes(): string[] {
  const listed = new Set([...CLOUD_ROUTES, ...DC_ROUTES]);
  return sourceRoutes()
    .filter((route) => !route.alternatives.some((key) => listed.has(key)))
    .map((route) => `${route.alternatives.join(' or ')} (${route.file}) has no contract call`);
}
