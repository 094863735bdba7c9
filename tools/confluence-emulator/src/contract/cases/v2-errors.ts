/** Cloud v2 errors: 404 (unknown, restricted, hidden space), 409 stale version, 400 bad parameters, 401. */
import { WELL_KNOWN_USERS } from '../../content';
import { currentVersion } from '../../model';
import type { ContractResponse } from '../client';
import { basic } from '../client';
import type { ContractEnv } from '../env';
import { all } from '../checks';
import { equalsObserved, observed } from '../observed';
import { V2_ERROR } from '../shapes';
import { pageWith } from './v2-pages';

const UNKNOWN = '999999999';

/** The v2 envelope's `errors[0].status` must repeat the HTTP status. */
export function v2ErrorStatus(response: ContractResponse): string[] {
  const errors = response.data.errors as Array<{ status?: number }> | undefined;
  return errors?.[0]?.status === response.status ? [] : [`errors[0].status ${errors?.[0]?.status} differs from HTTP ${response.status}`];
}

/** Cloud's verbatim answer to Basic auth with a password (observed-errors.json `cloud-401-basic-auth-password`). */
export function observedPasswordRefusal(): string {
  return observed('cloud-401-basic-auth-password').body_raw ?? '';
}

/** Register the v2 error cases. */
export function v2ErrorCases(env: ContractEnv): void {
  describe('v2 errors', () => {
    it('404 for unknown ids, in the v2 envelope', async () => {
      const { api, v2 } = env;
      for (const path of [
        `/pages/${UNKNOWN}`,
        `/spaces/${UNKNOWN}`,
        `/spaces/${UNKNOWN}/pages`,
        `/pages/${UNKNOWN}/children`,
        `/pages/${UNKNOWN}/ancestors`,
        `/pages/${UNKNOWN}/versions`,
        `/pages/${UNKNOWN}/footer-comments`,
        `/pages/${UNKNOWN}/inline-comments`,
        `/pages/${UNKNOWN}/attachments`,
        `/pages/${UNKNOWN}/labels`,
        `/footer-comments/${UNKNOWN}`,
        `/footer-comments/${UNKNOWN}/children`,
        `/inline-comments/${UNKNOWN}`,
        `/inline-comments/${UNKNOWN}/children`,
        `/attachments/att${UNKNOWN}`,
      ]) {
        await api.get(v2 + path, { status: 404, check: v2ErrorStatus });
      }
      await api.call('DELETE', `${v2}/pages/${UNKNOWN}`, { status: 404, check: v2ErrorStatus });
      await api.call('PUT', `${v2}/pages/${UNKNOWN}`, { status: 404, check: v2ErrorStatus, json: { id: UNKNOWN, status: 'current', title: 'x', version: { number: 2 } } });
      // Cloud's 404 is exactly the observed body, for unknown content and for content the caller may not see.
      await api.get(`${v2}/pages/${UNKNOWN}?body-format=storage`, { status: 404, check: equalsObserved('v2-404-not-found-or-no-permission') });
      await api.get('/wiki/api/v2/no-such-route', { status: 404, shape: { key: 'v2-error', schema: V2_ERROR } });
    });

    it('404 (not 403) for a restricted page and a hidden space', async () => {
      const { v2, closedSpace } = env;
      const restricted = [...env.emulator.control.world.pages.values()].find((p) => p.status === 'current' && p.restrictions.read && !p.restrictions.read.includes(env.emulator.control.user('bob').accountId));
      if (!restricted) throw new Error('contract: no read-restricted page in the generated world');
      const bob = env.as('bob');
      await bob.get(`${v2}/pages/${restricted.id}?body-format=storage`, { status: 404, check: all(v2ErrorStatus, equalsObserved('v2-404-not-found-or-no-permission')) });
      await bob.get(`${v2}/pages/${restricted.id}/children`, { status: 404, check: v2ErrorStatus });
      const carol = env.as('carol');
      await carol.get(`${v2}/spaces/${closedSpace.id}`, { status: 404, check: v2ErrorStatus });
      await carol.get(`${v2}/spaces/${closedSpace.id}/pages`, { status: 404, check: v2ErrorStatus });
      const locked = [...env.emulator.control.world.pages.values()].find((p) => p.status === 'current' && p.restrictions.update && !p.restrictions.read);
      if (locked) {
        const update = { id: locked.id, status: 'current', title: currentVersion(locked).title, version: { number: currentVersion(locked).number + 1 } };
        await bob.call('PUT', `${v2}/pages/${locked.id}`, { status: 404, json: update, check: v2ErrorStatus });
      }
    });

    it('409 for a stale version number', async () => {
      const { api, v2 } = env;
      const page = pageWith(env, (p) => !p.restrictions.update);
      const stale = { id: page.id, status: 'current', title: currentVersion(page).title, version: { number: currentVersion(page).number } };
      await api.call('PUT', `${v2}/pages/${page.id}`, { status: 409, json: stale, check: v2ErrorStatus });
    });

    it('400 for bad parameters and bodies', async () => {
      const { api, v2, openSpace } = env;
      const page = pageWith(env, (p) => !p.restrictions.update);
      for (const path of [`/pages?limit=abc`, `/pages/${page.id}?body-format=bogus`, `/spaces?sort=bogus`, `/pages?cursor=garbage`, `/spaces/${openSpace.id}/pages?depth=bogus`, `/pages/${page.id}/footer-comments?body-format=view`, `/pages?body-format=view`]) {
        await api.get(v2 + path, { status: 400, check: v2ErrorStatus });
      }
      await api.call('POST', `${v2}/pages`, { status: 400, json: { spaceId: openSpace.id, body: { representation: 'storage', value: '<p>x</p>' } }, check: v2ErrorStatus });
      await api.call('POST', `${v2}/pages`, { status: 400, json: { spaceId: openSpace.id, title: 'Contract: broken', body: { representation: 'storage', value: '<p><b>x</p>' } }, check: v2ErrorStatus });
      await api.call('PUT', `${v2}/pages/${page.id}`, { status: 400, json: { id: page.id, status: 'current', title: 'x' }, check: v2ErrorStatus });
      await api.call('POST', `${v2}/footer-comments`, { status: 400, json: { pageId: page.id }, check: v2ErrorStatus });
      await api.call('POST', `${v2}/inline-comments`, { status: 400, json: { pageId: page.id, body: { representation: 'storage', value: '<p>x</p>' } }, check: v2ErrorStatus });
    });

    it('401 for bad credentials: v2 envelope, or plain text for a password', async () => {
      const { api, v2 } = env;
      const alice = WELL_KNOWN_USERS[0];
      await api.get(`${v2}/pages`, { status: 401, auth: basic(alice.email, 'wrong-token'), check: v2ErrorStatus });
      await api.get(`${v2}/spaces`, { status: 401, auth: null, check: v2ErrorStatus });
      await api.get(`${v2}/pages`, { status: 401, auth: `Bearer ${alice.apiToken}`, check: v2ErrorStatus });
      // A scoped token only works through the api.atlassian.com gateway.
      await api.get(`${v2}/pages`, { status: 401, auth: basic(alice.email, alice.scopedApiToken), check: v2ErrorStatus });
      const expected = observedPasswordRefusal();
      await api.get(`${v2}/pages`, {
        status: 401,
        auth: basic(alice.email, alice.password),
        check: (response) => [
          ...(response.text === expected ? [] : [`body ${JSON.stringify(response.text)} is not Cloud's observed plain-text refusal`]),
          ...((response.headers.get('content-type') ?? '').startsWith('text/plain') ? [] : [`content-type ${response.headers.get('content-type')}, expected text/plain`]),
        ],
      });
    });
  });
}
