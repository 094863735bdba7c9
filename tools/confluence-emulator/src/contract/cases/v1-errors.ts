/** REST v1 errors on both flavours: the v1 envelope for 400/403/404/415, and each flavour's 401. */
import { WELL_KNOWN_USERS } from '../../content';
import type { ContractResponse } from '../client';
import { basic } from '../client';
import type { ContractEnv } from '../env';
import { v1DataLikeObserved } from '../observed';
import { files } from './v1-common';
import { tomcat401 } from './dc-auth';
import { observedPasswordRefusal } from './v2-errors';
import { pageWith } from './v2-pages';

/** The v1 envelope's `statusCode` must repeat the HTTP status; Data Center adds `data.notSuccessful`. */
export function v1ErrorStatus(flavor: 'cloud' | 'dc') {
  return (response: ContractResponse): string[] => {
    const problems = response.data.statusCode === response.status ? [] : [`statusCode ${String(response.data.statusCode)} differs from HTTP ${response.status}`];
    // The flags Confluence sets do not depend on the status in what was observed (404 on Server, 409 on Cloud).
    if (response.status === 404) problems.push(...v1DataLikeObserved('server-404-v1', flavor === 'dc' ? undefined : ['authorized', 'valid', 'successful'])(response));
    if (response.status === 409) problems.push(...v1DataLikeObserved('v1-409-optimistic-lock', ['authorized', 'valid', 'successful'])(response));
    const data = response.data.data as { notSuccessful?: unknown } | undefined;
    if (flavor === 'dc' && data && data.notSuccessful !== true) problems.push('Data Center envelope lacks data.notSuccessful: true (observed server-404-v1)');
    if (flavor === 'cloud' && data && 'notSuccessful' in data) problems.push('Cloud envelope has data.notSuccessful (Data Center only)');
    return problems;
  };
}

/** Register the v1 error cases. */
export function v1ErrorCases(env: ContractEnv): void {
  describe('v1 errors', () => {
    it('404 for unknown ids and content the caller may not see', async () => {
      const { api, v1, flavor } = env;
      const check = v1ErrorStatus(flavor);
      for (const path of ['/content/999999999/child/attachment', '/content/999999999/label', '/space/NOPE', '/space/NOPE?expand=homepage']) {
        await api.get(v1 + path, { status: 404, check });
      }
      await api.get(flavor === 'cloud' ? `${v1}/user?accountId=000000000000000000000000` : `${v1}/user?username=nobody`, { status: 404, check });
      const restricted = [...env.emulator.control.world.pages.values()].find((p) => p.status === 'current' && p.restrictions.read && !p.restrictions.read.includes(WELL_KNOWN_USERS[1].accountId));
      if (!restricted) throw new Error('contract: no read-restricted page in the generated world');
      const bob = env.as('bob');
      await bob.get(`${v1}/content/${restricted.id}/label`, { status: 404, check });
      await bob.get(`${v1}/content/${restricted.id}/child/attachment`, { status: 404, check });
      await env.as('carol').get(`${v1}/space/${env.closedSpace.key}`, { status: 404, check });
      const page = pageWith(env, (p) => !p.restrictions.update);
      await api.call('DELETE', `${v1}/content/${page.id}/label?name=no-such-label`, { status: 404, check });
    });

    it('400 for bad parameters and bodies, 403 without the XSRF header, 415 for a non-multipart upload', async () => {
      const { api, v1, flavor } = env;
      const check = v1ErrorStatus(flavor);
      const page = pageWith(env, (p) => !p.restrictions.update && p.labels.length > 0);
      for (const path of ['/search', '/search?cql=', `/search?cql=${encodeURIComponent('type = = page')}`, '/search?cql=type%3Dpage&excerpt=bogus', '/content/search?cql=title%20~', `/content/${page.id}/label?prefix=bogus`, '/space?type=bogus', '/space?limit=abc', '/user']) {
        await api.get(v1 + path, { status: 400, check });
      }
      await api.call('POST', `${v1}/content/${page.id}/label`, { status: 400, json: { prefix: 'global' }, check });
      const upload = `${v1}/content/${page.id}/child/attachment`;
      await api.call('POST', upload, { status: 403, multipart: files({ name: 'x.txt', type: 'text/plain', data: 'x' }), check });
      await api.call('POST', upload, { status: 415, headers: { 'x-atlassian-token': 'no-check' }, json: { file: 'x' }, check });
      await api.call('POST', upload, { status: 400, headers: { 'x-atlassian-token': 'no-check' }, multipart: new FormData(), check });
    });

    it("401 for bad credentials, in each flavour's form", async () => {
      const { api, v1, flavor } = env;
      const alice = WELL_KNOWN_USERS[0];
      if (flavor === 'dc') {
        await api.get(`${v1}/space`, { status: 401, auth: basic(alice.username, 'wrong'), check: tomcat401 });
        await api.get(`${v1}/space`, { status: 401, auth: 'Bearer not-a-pat', check: tomcat401 });
        return;
      }
      await api.get(`${v1}/space`, { status: 401, auth: basic(alice.email, 'wrong-token'), check: v1ErrorStatus(flavor) });
      await api.get(`${v1}/search?cql=type%3Dpage`, { status: 401, auth: null, check: v1ErrorStatus(flavor) });
      const expected = observedPasswordRefusal();
      await api.get(`${v1}/space`, { status: 401, auth: basic(alice.email, alice.password), check: (response) => (response.text === expected ? [] : [`body ${JSON.stringify(response.text)} is not Cloud's plain-text refusal`]) });
    });
  });
}
