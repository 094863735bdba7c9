/**
 * Data Center's v1 content surface (Cloud answers these with 410): lists, gets with each body expansion,
 * children, descendants, history, versions, space content, and writes (create, update, trash, purge).
 */
import type { Page } from '../../model';
import { currentVersion } from '../../model';
import { all, hasV1Body, nonEmpty, v1SecondPage } from '../checks';
import { ContractEnv, must } from '../env';
import { v1ErrorStatus } from './v1-errors';
import { pageWith } from './v2-pages';

const BODY_FORMATS = ['storage', 'view', 'export_view', 'styled_view', 'editor', 'anonymous_export_view'];

/** Register the Data Center content cases. */
export function dcContentCases(env: ContractEnv): void {
  describe('v1 content (Data Center)', () => {
    it('lists content by type, space and title, with expansions, and page 2', async () => {
      const { api, v1, openSpace } = env;
      const page = pageWith(env, () => true);
      await api.get(`${v1}/content`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/content?type=page&spaceKey=${openSpace.key}&expand=body.storage,version,space,ancestors&limit=5`, { status: 200, check: all(nonEmpty, hasV1Body('storage')) });
      await api.get(`${v1}/content?type=page&spaceKey=${openSpace.key}&title=${encodeURIComponent(currentVersion(page).title)}`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/content?type=blogpost&expand=history,metadata.labels`, { status: 200, check: nonEmpty });
      await v1SecondPage(api, `${v1}/content?type=page&limit=3`);
    });

    it('gets content with each body expansion, other expansions, and an old version', async () => {
      const { api, v1 } = env;
      const page = pageWith(env, (p) => p.versions.length >= 2 && p.parentId !== null && p.labels.length > 0);
      await api.get(`${v1}/content/${page.id}`, { status: 200 });
      for (const format of BODY_FORMATS) await api.get(`${v1}/content/${page.id}?expand=body.${format}`, { status: 200, check: hasV1Body(format, false) });
      await api.get(`${v1}/content/${page.id}?expand=ancestors,children.page,children.attachment,children.comment,descendants.page,container,metadata.labels,restrictions.read.restrictions.user,history.lastUpdated,history.previousVersion,version`, { status: 200 });
      await api.get(`${v1}/content/${page.id}?version=1&expand=body.storage,version`, { status: 200, check: hasV1Body('storage', false) });
    });

    it('lists children, descendants (by type, depth, location), history and versions (page 2)', async () => {
      const { api, v1 } = env;
      const world = env.emulator.control.world;
      const parent = pageWith(env, (p) => [...world.pages.values()].filter((c) => c.parentId === p.id && c.status === 'current' && !c.restrictions.read).length >= 2);
      await api.get(`${v1}/content/${parent.id}/child`, { status: 200 });
      await api.get(`${v1}/content/${parent.id}/child?expand=page,comment,attachment`, { status: 200 });
      await v1SecondPage(api, `${v1}/content/${parent.id}/child/page?limit=1&expand=version`);
      await api.get(`${v1}/content/${parent.id}/descendant`, { status: 200 });
      await api.get(`${v1}/content/${parent.id}/descendant/page?depth=root`, { status: 200, check: nonEmpty });
      const commented = must([...world.comments.values()].find((c) => c.kind === 'footer' && c.parentCommentId && !world.pages.get(c.pageId)?.restrictions.read), 'footer reply');
      const host = commented.pageId;
      await api.get(`${v1}/content/${host}/child/comment?expand=body.storage,extensions.inlineProperties&depth=all`, { status: 200, check: all(nonEmpty, hasV1Body('storage')) });
      await api.get(`${v1}/content/${host}/child/comment?location=footer&location=inline`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/content/${host}/descendant/comment`, { status: 200, check: nonEmpty });
      const attached = pageWith(env, (p) => [...world.attachments.values()].some((a) => a.pageId === p.id && a.status === 'current'));
      await api.get(`${v1}/content/${attached.id}/child/attachment?expand=version`, { status: 200, check: nonEmpty });
      const edited = pageWith(env, (p) => p.versions.length >= 2);
      await api.get(`${v1}/content/${edited.id}/history`, { status: 200 });
      await api.get(`${v1}/content/${edited.id}/history?expand=lastUpdated,previousVersion,contributors.publishers.users`, { status: 200 });
      await v1SecondPage(api, `${v1}/content/${edited.id}/version?limit=1`);
      await api.get(`${v1}/content/${edited.id}/version/1`, { status: 200 });
      await api.get(`${v1}/content/${edited.id}/version/1?expand=content`, { status: 200 });
    });

    it('lists the content of a space, grouped and by type', async () => {
      const { api, v1, openSpace } = env;
      await api.get(`${v1}/space/${openSpace.key}/content`, { status: 200 });
      await api.get(`${v1}/space/${openSpace.key}/content?depth=root&expand=version`, { status: 200 });
      await api.get(`${v1}/space/${openSpace.key}/content/blogpost`, { status: 200, check: nonEmpty });
      await v1SecondPage(api, `${v1}/space/${openSpace.key}/content/page?limit=2`);
    });

    it('creates pages, blog posts and comments; updates (409 when stale); trashes and purges', async () => {
      const { api, v1, openSpace } = env;
      const check = v1ErrorStatus('dc');
      const parent = pageWith(env, (p) => !p.restrictions.update);
      const storage = (value: string) => ({ storage: { value, representation: 'storage' } });
      const created = await api.call('POST', `${v1}/content`, { status: 200, json: { type: 'page', title: 'Contract: v1 page', space: { key: openSpace.key }, ancestors: [{ id: parent.id }], body: storage('<p>v1</p>') } });
      await api.call('POST', `${v1}/content?expand=body.storage`, { status: 200, json: { type: 'blogpost', title: 'Contract: v1 blog', space: { key: openSpace.key }, body: storage('<p>blog</p>') } });
      const id = String(created.data.id);
      const footer = await api.call('POST', `${v1}/content`, { status: 200, json: { type: 'comment', container: { id, type: 'page' }, body: storage('<p>c</p>') } });
      await api.call('POST', `${v1}/content`, { status: 200, json: { type: 'comment', container: { id, type: 'page' }, ancestors: [{ id: String(footer.data.id) }], body: storage('<p>reply</p>') } });
      await api.call('POST', `${v1}/content`, {
        status: 200,
        json: { type: 'comment', container: { id, type: 'page' }, body: storage('<p>inline</p>'), extensions: { location: 'inline', inlineProperties: { originalSelection: 'v1', markerRef: 'm1' } } },
      });
      const update = { id, type: 'page', title: 'Contract: v1 page (edited)', body: storage('<p>v2</p>'), version: { number: 2, message: 'contract' } };
      await api.call('PUT', `${v1}/content/${id}`, { status: 200, json: update });
      await api.call('PUT', `${v1}/content/${id}`, {
        status: 409,
        json: update,
        check: (response) => [...check(response), ...(/Version must be incremented/.test(String(response.data.message)) ? [] : ['message does not say "Version must be incremented" (observed v1-409-version-not-incremented)'])],
      });
      await api.call('PUT', `${v1}/content/${id}`, { status: 400, json: { id, type: 'page', title: 'x' }, check });
      await api.call('DELETE', `${v1}/content/${String(footer.data.id)}`, { status: 204 });
      await api.call('DELETE', `${v1}/content/${id}`, { status: 204 });
      await api.call('DELETE', `${v1}/content/${id}?status=trashed`, { status: 204 });
    });

    it('404s unknown and hidden content, 403s writes to a closed space, 400s bad child types', async () => {
      const { api, v1, closedSpace } = env;
      const check = v1ErrorStatus('dc');
      for (const path of ['/content/999999999', '/content/999999999/child', '/content/999999999/history', '/content/999999999/version', '/space/NOPE/content']) await api.get(v1 + path, { status: 404, check });
      const restricted = must([...env.emulator.control.world.pages.values()].find((p: Page) => p.status === 'current' && p.restrictions.read && !p.restrictions.read.includes(env.emulator.control.user('bob').accountId)), 'read-restricted page');
      await env.as('bob').get(`${v1}/content/${restricted.id}`, { status: 404, check });
      await env.as('carol').call('POST', `${v1}/content`, { status: 403, json: { type: 'page', title: 'Nope', space: { key: closedSpace.key }, body: { storage: { value: '<p/>', representation: 'storage' } } }, check });
      const page = pageWith(env, () => true);
      await api.get(`${v1}/content/${page.id}/child/bogus`, { status: 400, check });
    });
  });
}
