/**
 * REST v1 routes both flavours serve (Cloud under /wiki/rest/api, Data Center under /rest/api): CQL search,
 * content search, attachments (list and upload), labels, users and spaces.
 */
import { WELL_KNOWN_USERS } from '../../content';
import { all, hasV1Body, nonEmpty, v1SecondPage } from '../checks';
import { ContractEnv, must } from '../env';
import { pageWith } from './v2-pages';

const NO_CHECK = { 'x-atlassian-token': 'no-check' };

/** A multipart body with one or more files, as clients upload attachments. */
export function files(...entries: Array<{ name: string; type: string; data: string; comment?: string }>): FormData {
  const form = new FormData();
  for (const entry of entries) form.append('file', new Blob([entry.data], { type: entry.type }), entry.name);
  for (const entry of entries) if (entry.comment !== undefined) form.append('comment', entry.comment);
  return form;
}

/** Register the v1 cases shared by Cloud and Data Center. */
export function v1CommonCases(env: ContractEnv): void {
  describe('v1 search', () => {
    it('searches with CQL: pages, comments, attachments, text, expansions, excerpt modes, page 2', async () => {
      const { api, v1, openSpace } = env;
      const cql = (query: string) => `${v1}/search?cql=${encodeURIComponent(query)}`;
      await api.get(cql(`type=page AND space="${openSpace.key}"`), { status: 200, check: nonEmpty });
      await api.get(`${cql('type=page')}&expand=content.space,content.version,content.history`, { status: 200, check: nonEmpty });
      await api.get(`${cql('type=page')}&expand=content.body.storage&limit=3`, { status: 200, check: nonEmpty });
      for (const excerpt of ['highlight', 'indexed', 'none']) await api.get(`${cql('text ~ "the"')}&excerpt=${excerpt}&limit=3`, { status: 200 });
      await api.get(cql('type=comment'), { status: 200, check: nonEmpty });
      await api.get(cql('type=attachment'), { status: 200, check: nonEmpty });
      await api.get(cql('type=blogpost order by created desc'), { status: 200, check: nonEmpty });
      await v1SecondPage(api, `${cql('type=page order by title')}&limit=5`);
    });

    it('searches content with CQL, with and without expansions, and page 2', async () => {
      const { api, v1, openSpace } = env;
      const path = `${v1}/content/search?cql=${encodeURIComponent(`space="${openSpace.key}" and type=page`)}`;
      await api.get(path, { status: 200, check: nonEmpty });
      await api.get(`${path}&expand=body.storage,version,space,ancestors&limit=5`, { status: 200, check: all(nonEmpty, hasV1Body('storage')) });
      await api.get(`${path}&expand=body.view,history.lastUpdated,metadata.labels&limit=5`, { status: 200, check: all(nonEmpty, hasV1Body('view')) });
      await v1SecondPage(api, `${path}&limit=4`);
    });
  });

  describe('v1 attachments', () => {
    it('lists attachments (filters, expansions, page 2) and uploads (add, add-or-update, update data)', async () => {
      const { api, v1 } = env;
      const world = env.emulator.control.world;
      const page = pageWith(env, (p) => !p.restrictions.update && [...world.attachments.values()].filter((a) => a.pageId === p.id && a.status === 'current').length >= 2);
      const attachment = must([...world.attachments.values()].find((a) => a.pageId === page.id && a.status === 'current'), 'attachment');
      const list = `${v1}/content/${page.id}/child/attachment`;
      await api.get(list, { status: 200, check: nonEmpty });
      await api.get(`${list}?expand=version,container,metadata`, { status: 200, check: nonEmpty });
      await api.get(`${list}?filename=${encodeURIComponent(attachment.title)}&mediaType=${encodeURIComponent(attachment.mediaType)}`, { status: 200, check: nonEmpty });
      await v1SecondPage(api, `${list}?limit=1`);
      const added = await api.call('POST', list, { status: 200, headers: NO_CHECK, multipart: files({ name: 'contract.txt', type: 'text/plain', data: 'one', comment: 'first' }) });
      await api.call('PUT', list, { status: 200, headers: NO_CHECK, multipart: files({ name: 'contract.txt', type: 'text/plain', data: 'two' }, { name: 'contract-2.csv', type: 'text/csv', data: 'a,b\n' }) });
      const id = String((added.data.results?.[0] ?? {}).id);
      await api.call('POST', `${list}/${id}/data`, { status: 200, headers: NO_CHECK, multipart: files({ name: 'ignored.txt', type: 'text/plain', data: 'three', comment: 'third' }) });
    });
  });

  describe('v1 labels', () => {
    it('lists (prefix, page 2), adds one and several, removes by name and by path', async () => {
      const { api, v1 } = env;
      const page = pageWith(env, (p) => p.labels.length >= 2 && !p.restrictions.update);
      const path = `${v1}/content/${page.id}/label`;
      await api.get(path, { status: 200, check: nonEmpty });
      await api.get(`${path}?prefix=global`, { status: 200, check: nonEmpty });
      await v1SecondPage(api, `${path}?limit=1`);
      await api.call('POST', path, { status: 200, json: { prefix: 'global', name: 'contract-one' } });
      await api.call('POST', path, { status: 200, json: [{ prefix: 'global', name: 'contract-two' }, { prefix: 'my', name: 'contract-three' }] });
      await api.call('DELETE', `${path}?name=contract-one`, { status: 204 });
      await api.call('DELETE', `${path}/contract-two`, { status: 204 });
    });
  });

  describe('v1 move', () => {
    it('moves a page under a target, and before and after one', async () => {
      const { api, v1 } = env;
      const control = env.emulator.control;
      const space = [...control.world.spaces.values()].find((s) => s.permissions.read === '*');
      const key = must(space, 'open space').key;
      const parent = control.createPage({ spaceKey: key, title: 'Contract move parent' });
      const sibling = control.createPage({ spaceKey: key, title: 'Contract move sibling', parentId: parent.id });
      const moved = control.createPage({ spaceKey: key, title: 'Contract moved page' });
      await api.call('PUT', `${v1}/content/${moved.id}/move/append/${parent.id}`, { status: 200 });
      await api.call('PUT', `${v1}/content/${moved.id}/move/before/${sibling.id}`, { status: 200 });
      await api.call('PUT', `${v1}/content/${moved.id}/move/after/${sibling.id}`, { status: 200 });
      await api.call('PUT', `${v1}/content/${moved.id}/move/sideways/${sibling.id}`, { status: 400 });
    });
  });

  describe('v1 users and spaces', () => {
    it('gets the current user and a user by id', async () => {
      const { api, v1, flavor } = env;
      const bob = WELL_KNOWN_USERS[1];
      await api.get(`${v1}/user/current`, { status: 200 });
      if (flavor === 'cloud') await api.get(`${v1}/user?accountId=${bob.accountId}`, { status: 200 });
      else {
        const byName = await api.get(`${v1}/user?username=${bob.username}`, { status: 200 });
        await api.get(`${v1}/user?key=${String(byName.data.userKey)}`, { status: 200 });
      }
    });

    it('lists spaces (filters, expansions, page 2) and gets one', async () => {
      const { api, v1, openSpace } = env;
      await api.get(`${v1}/space`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/space?spaceKey=${openSpace.key}&type=global&status=current`, { status: 200, check: nonEmpty });
      await api.get(`${v1}/space?expand=description.plain,homepage,metadata.labels,icon`, { status: 200, check: nonEmpty });
      await v1SecondPage(api, `${v1}/space?limit=1`);
      await api.get(`${v1}/space/${openSpace.key}`, { status: 200 });
      await api.get(`${v1}/space/${openSpace.key}?expand=description.plain,description.view,homepage,permissions,history`, { status: 200 });
    });
  });
}
