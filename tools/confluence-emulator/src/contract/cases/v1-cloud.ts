/** Cloud-only REST v1: user search, and the content endpoints that answer 410 Gone on newer Cloud sites. */
import { WELL_KNOWN_USERS } from '../../content';
import type { ContractResponse } from '../client';
import { nonEmpty } from '../checks';
import type { ContractEnv } from '../env';
import { v1ErrorStatus } from './v1-errors';
import { pageWith } from './v2-pages';

/** Register the Cloud-only v1 cases. */
export function v1CloudCases(env: ContractEnv): void {
  describe('v1 (Cloud only)', () => {
    it('searches users with CQL, and refuses what it cannot parse', async () => {
      const { api, v1 } = env;
      const bob = WELL_KNOWN_USERS[1];
      await api.get(`${v1}/search/user?cql=${encodeURIComponent('type=user')}`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/search/user?cql=${encodeURIComponent('user.fullname~"bo"')}`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/search/user?cql=${encodeURIComponent(`user.accountid in ("${bob.accountId}")`)}&limit=1`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/search/user?cql=${encodeURIComponent('space = ENG')}`, { status: 400, check: v1ErrorStatus('cloud') });
      await api.get(`${v1}/user?username=bob`, { status: 400, check: v1ErrorStatus('cloud') });
    });

    it('answers removed v1 content endpoints with 410 Gone, the v1 envelope and a deprecation Warning', async () => {
      const { api, v1, openSpace } = env;
      const page = pageWith(env, () => true);
      const gone = (response: ContractResponse) => [...v1ErrorStatus('cloud')(response), ...(response.headers.get('warning') ? [] : ['no Warning header'])];
      const body = { type: 'page', title: 'x', space: { key: openSpace.key }, body: { storage: { value: '<p/>', representation: 'storage' } }, version: { number: 2 } };
      for (const [method, path] of [
        ['GET', '/content'],
        ['POST', '/content'],
        ['GET', `/content/${page.id}`],
        ['PUT', `/content/${page.id}`],
        ['DELETE', `/content/${page.id}`],
        ['GET', `/content/${page.id}/child`],
        ['GET', `/content/${page.id}/child/page`],
        ['GET', `/content/${page.id}/descendant`],
        ['GET', `/content/${page.id}/descendant/page`],
        ['GET', `/content/${page.id}/history`],
        ['GET', `/content/${page.id}/version`],
        ['GET', `/content/${page.id}/version/1`],
        ['GET', `/space/${openSpace.key}/content`],
        ['GET', `/space/${openSpace.key}/content/page`],
      ]) {
        await api.call(method, v1 + path, { status: 410, json: method === 'POST' || method === 'PUT' ? body : undefined, check: gone });
      }
    });
  });
}
