import { RunningEmulator, startEmulator } from '../../server';
import { getJson, sendJson } from '../../testing';

let emulator: RunningEmulator;
beforeAll(async () => (emulator = await startEmulator({ spaces: 1, pagesPerSpace: 5 })));
afterAll(() => emulator.close());

const client = { client_id: 'emulator-client', client_secret: 'emulator-secret' };
const redirectUri = 'http://127.0.0.1:9/callback';

async function authorize(scope = 'read:page:confluence offline_access'): Promise<{ code: string; state: string | null }> {
  const params = new URLSearchParams({ audience: 'api.atlassian.com', client_id: client.client_id, scope, redirect_uri: redirectUri, state: 'xyz-state', response_type: 'code', prompt: 'consent' });
  const response = await fetch(`${emulator.url}/authorize?${params}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') as string);
  expect(location.origin + location.pathname).toBe(redirectUri);
  return { code: location.searchParams.get('code') as string, state: location.searchParams.get('state') };
}

const token = (body: Record<string, string>) => sendJson(`${emulator.url}/oauth/token`, 'POST', { ...client, ...body }, '');

describe('OAuth 2.0 (3LO)', () => {
  it('runs the authorization-code flow and the token works through the gateway only', async () => {
    const { code, state } = await authorize();
    expect(state).toBe('xyz-state');
    const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const bearer = `Bearer ${tokens.body.access_token}`;
    const resources = await getJson(`${emulator.url}/oauth/token/accessible-resources`, bearer);
    expect(resources.body[0].id).toBe(emulator.control.world.cloudId);
    expect((await getJson(`${emulator.url}/ex/confluence/${resources.body[0].id}/wiki/api/v2/spaces`, bearer)).status).toBe(200);
    expect((await getJson(`${emulator.url}/wiki/api/v2/spaces`, bearer)).status).toBe(401);
  });

  it('accepts form-encoded token requests and refuses a code used twice', async () => {
    const { code } = await authorize();
    const form = (extra: Record<string, string>) =>
      fetch(`${emulator.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...client, ...extra }) });
    expect((await form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).status).toBe(200);
    const again = await form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens and revokes the family when a rotated one is reused', async () => {
    const { code } = await authorize();
    const first = (await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).body;
    const second = (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).body;
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reuse = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reuse.status).toBe(403);
    // The whole chain is now dead: even the newest refresh and access tokens.
    expect(emulator.control.oauth.isFamilyRevoked(second.refresh_token)).toBe(true);
    expect((await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token })).status).toBe(403);
    const cloudId = emulator.control.world.cloudId;
    expect((await getJson(`${emulator.url}/ex/confluence/${cloudId}/wiki/api/v2/spaces`, `Bearer ${second.access_token}`)).status).toBe(401);
  });

  it('expires access tokens, and a refresh gives a working one', async () => {
    const { code } = await authorize();
    const first = (await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).body;
    emulator.control.oauth.expireAccessTokens();
    const url = `${emulator.url}/ex/confluence/${emulator.control.world.cloudId}/wiki/api/v2/spaces`;
    expect((await getJson(url, `Bearer ${first.access_token}`)).status).toBe(401);
    const refreshed = (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).body;
    expect((await getJson(url, `Bearer ${refreshed.access_token}`)).status).toBe(200);
  });

  it('gives no refresh token without offline_access, and refuses a bad client secret', async () => {
    const { code } = await authorize('read:page:confluence');
    const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(tokens.body.refresh_token).toBeUndefined();
    const bad = await sendJson(`${emulator.url}/oauth/token`, 'POST', { client_id: client.client_id, client_secret: 'nope', grant_type: 'refresh_token', refresh_token: 'x' }, '');
    expect(bad.status).toBe(401);
  });
});
