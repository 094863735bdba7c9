/** Every route of the emulator, by flavour. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps } from '../http/context';
import { registerDownloads } from './downloads';
import { OAuthServer } from './oauth/oauth-server';
import { registerOAuthRoutes } from './oauth/routes';
import { registerV1Routes } from './v1';
import { registerV2Attachments } from './v2/attachments';
import { registerV2Comments } from './v2/comments';
import { registerV2Pages } from './v2/pages';
import { registerV2Spaces } from './v2/spaces';

/** Cloud answers on the site URL and through the api.atlassian.com gateway (OAuth and scoped tokens). */
export const CLOUD_V2_PREFIXES = ['/wiki/api/v2', '/ex/confluence/:cloudId/wiki/api/v2'];
export const CLOUD_V1_PREFIXES = ['/wiki/rest/api', '/ex/confluence/:cloudId/wiki/rest/api'];
export const DC_PREFIXES = ['/rest/api'];

export function registerRoutes(app: FastifyInstance, deps: RouteDeps, oauth: OAuthServer): void {
  registerOAuthRoutes(app, deps, oauth);
  registerDownloads(app, deps);
  if (deps.options.flavor === 'cloud') {
    registerV2Spaces(app, CLOUD_V2_PREFIXES, deps);
    registerV2Pages(app, CLOUD_V2_PREFIXES, deps);
    registerV2Comments(app, CLOUD_V2_PREFIXES, deps);
    registerV2Attachments(app, CLOUD_V2_PREFIXES, deps);
    registerV1Routes(app, CLOUD_V1_PREFIXES, deps);
  } else {
    registerV1Routes(app, DC_PREFIXES, deps);
  }
}
