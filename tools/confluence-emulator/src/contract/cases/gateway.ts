/**
 * Routes outside the specs: the fake OAuth 2.0 (3LO) server, `/_edge/tenant_info`, the api.atlassian.com gateway
 * (`/ex/confluence/{cloudId}/wiki/...`) and attachment downloads (302 to a short-lived media URL).
 */
import { WELL_KNOWN_USERS } from '../../content';
import type { ContractClient, ContractResponse } from '../client';
import { basic, bearer } from '../client';
import { v2SecondPage } from '../checks';
import { ContractEnv, must } from '../env';
import { ACCESSIBLE_RESOURCES, GATEWAY_ERROR, OAUTH_ERROR, OAUTH_TOKEN, TENANT_INFO, V1_ERROR } from '../shapes';
import { pageWith } from './v2-pages';

const CLIENT = { client_id: 'emulator-client', client_secret: 'emulator-secret' };
const REDIRECT = 'http://localhost:8765/callback';
const SCOPE = 'read:confluence-content.all read:page:confluence write:page:confluence offline_access';

const shape = (key: string, schema: Record<string, unknown>) => ({ key, schema });

/** The authorization code from the consent redirect, or a violation. */
function codeFrom(response: ContractResponse): string {
  const location = response.headers.get('location') ?? '';
  return location ? (new URL(location).searchParams.get('code') ?? '') : '';
}

/** Run the 3LO dance; returns the token response. */
export async function oauthTokens(api: ContractClient): Promise<ContractResponse> {
  const query = new URLSearchParams({ audience: 'api.atlassian.com', client_id: CLIENT.client_id, scope: SCOPE, redirect_uri: REDIRECT, state: 'st-1', response_type: 'code', prompt: 'consent' });
  const consent = await api.get(`/authorize?${query}`, {
    status: 302,
    auth: null,
    noBody: true,
    check: (response) => {
      const location = new URL(response.headers.get('location') ?? 'http://invalid/');
      return location.origin + location.pathname === REDIRECT && location.searchParams.get('code') && location.searchParams.get('state') === 'st-1'
        ? []
        : [`Location ${response.headers.get('location')} is not ${REDIRECT}?code=...&state=st-1`];
    },
  });
  return api.call('POST', '/oauth/token', {
    status: 200,
    auth: null,
    json: { grant_type: 'authorization_code', ...CLIENT, code: codeFrom(consent), redirect_uri: REDIRECT },
    shape: shape('oauth-token', OAUTH_TOKEN),
    check: (response) => (response.data.refresh_token ? [] : ['no refresh_token although offline_access was granted']),
  });
}

/** Register the OAuth, gateway and download cases (Cloud). */
export function gatewayCases(env: ContractEnv): void {
  describe('OAuth 2.0 (3LO) and the gateway', () => {
    it('serves tenant_info, the consent redirect, tokens (code, refresh, form-encoded) and accessible resources', async () => {
      const { api } = env;
      await api.get('/_edge/tenant_info', { status: 200, auth: null, shape: shape('tenant-info', TENANT_INFO) });
      const tokens = await oauthTokens(api);
      const refreshed = await api.call('POST', '/oauth/token', {
        status: 200,
        auth: null,
        form: { grant_type: 'refresh_token', ...CLIENT, refresh_token: String(tokens.data.refresh_token) },
        shape: shape('oauth-token', OAUTH_TOKEN),
      });
      // The first refresh token was rotated: presenting it again is refused (and revokes the family).
      await api.call('POST', '/oauth/token', { status: 403, auth: null, json: { grant_type: 'refresh_token', ...CLIENT, refresh_token: String(tokens.data.refresh_token) }, shape: shape('oauth-error', OAUTH_ERROR) });
      await api.call('POST', '/oauth/token', { status: 401, auth: null, json: { grant_type: 'authorization_code', client_id: CLIENT.client_id, client_secret: 'wrong', code: 'x', redirect_uri: REDIRECT }, shape: shape('oauth-error', OAUTH_ERROR) });
      await api.call('POST', '/oauth/token', { status: 400, auth: null, json: { grant_type: 'password', ...CLIENT }, shape: shape('oauth-error', OAUTH_ERROR) });
      await api.get(`/authorize?audience=api.atlassian.com&client_id=unknown&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}`, { status: 400, auth: null, shape: shape('oauth-error', OAUTH_ERROR) });
      const fresh = await oauthTokens(api);
      await api.get('/oauth/token/accessible-resources', {
        status: 200,
        auth: bearer(String(fresh.data.access_token)),
        shape: shape('accessible-resources', ACCESSIBLE_RESOURCES),
        check: (response) => ((response.json as Array<{ id: string }>)[0]?.id === env.emulator.control.world.cloudId ? [] : ['resource id is not the cloudId']),
      });
      await api.get('/oauth/token/accessible-resources', { status: 401, auth: bearer(String(refreshed.data.access_token) + 'x'), shape: shape('gateway-error', GATEWAY_ERROR) });
    });

    it('answers v2 through /ex/confluence/{cloudId} with OAuth and scoped tokens, and refuses in the gateway shape', async () => {
      const { api } = env;
      const tokens = await oauthTokens(api);
      const cloudId = env.emulator.control.world.cloudId;
      const gateway = api.as(bearer(String(tokens.data.access_token)), `${api.origin}/ex/confluence/${cloudId}`);
      const page = pageWith(env, () => true);
      await gateway.get(`/wiki/api/v2/pages/${page.id}?body-format=storage`, { status: 200 });
      await gateway.get(`/wiki/api/v2/spaces`, { status: 200 });
      // `_links.next` is relative to the site (/wiki/...): through the gateway it is appended to the gateway base.
      await v2SecondPage(gateway, `/wiki/api/v2/pages?limit=2`);
      const alice = WELL_KNOWN_USERS[0];
      await gateway.get(`/wiki/api/v2/pages/${page.id}`, { status: 200, auth: basic(alice.email, alice.scopedApiToken) });
      await gateway.get(`/wiki/api/v2/pages`, { status: 401, auth: bearer('not-a-token'), errorShape: 'gateway' });
      await gateway.get(`/wiki/api/v2/pages/999999999`, { status: 404, check: (r) => (r.data.errors ? [] : ['no v2 envelope']) });
      await api.get(`/ex/confluence/not-the-cloud-id/wiki/api/v2/pages`, {
        status: 404,
        auth: bearer(String(tokens.data.access_token)),
        shape: shape('gateway-unknown-site', { type: 'object', properties: { errorMessage: { type: 'string' } }, required: ['errorMessage'], additionalProperties: false }),
      });
    });
  });

  describe('attachment downloads', () => {
    it('redirects the download link to a media URL that serves the bytes without credentials', async () => {
      const { api } = env;
      const world = env.emulator.control.world;
      const attachment = must([...world.attachments.values()].find((a) => a.status === 'current' && !world.pages.get(a.pageId)?.restrictions.read), 'visible attachment');
      const media = async (response: ContractResponse) => {
        const location = response.headers.get('location') ?? '';
        if (!location.startsWith('/media/file/')) return [`Location '${location}' is not a /media/file/ URL`];
        // The media host must not need (and a client must not forward) the site credential.
        const bytes = await fetch(api.origin + location);
        const data = Buffer.from(await bytes.arrayBuffer());
        return bytes.status === 200 && data.equals(attachment.data) ? [] : [`media URL answered ${bytes.status} with ${data.length} bytes, expected ${attachment.data.length}`];
      };
      const direct = `/wiki/download/attachments/${attachment.pageId}/${encodeURIComponent(attachment.title)}?version=${attachment.versionNumber}&api=v2`;
      const first = await api.get(direct, { status: 302, noBody: true });
      api.violations.push(...(await media(first)).map((v) => `GET ${direct}: ${v}`));
      const v1 = `/wiki/rest/api/content/${attachment.pageId}/child/attachment/${attachment.id}/download`;
      const second = await api.get(v1, { status: 302 });
      api.violations.push(...(await media(second)).map((v) => `GET ${v1}: ${v}`));
      // Through the gateway, the v1 download answers the same way.
      const tokens = await oauthTokens(api);
      const viaGateway = await api.get(`/ex/confluence/${world.cloudId}${v1}`, { status: 302, auth: bearer(String(tokens.data.access_token)) });
      api.violations.push(...(await media(viaGateway)).map((v) => `GET (gateway) ${v1}: ${v}`));
      await api.get(`/wiki/download/attachments/${attachment.pageId}/no-such-file.bin`, { status: 404, shape: shape('v1-error', V1_ERROR) });
      await api.get(`/media/file/${attachment.fileId}/binary?token=forged&expires=9999999999999`, {
        status: 401,
        auth: null,
        shape: shape('media-error', { type: 'object', properties: { error: { type: 'string' } }, required: ['error'], additionalProperties: false }),
      });
    });
  });
}
