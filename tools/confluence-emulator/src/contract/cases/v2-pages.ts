/** Cloud v2 spaces and pages: lists (with and without bodies, page 2 by cursor), gets in every format, writes. */
import type { Page } from '../../model';
import { all, hasBody, nonEmpty, v2SecondPage } from '../checks';
import type { ContractEnv } from '../env';

/** Formats GET /pages/{id} accepts (PrimaryBodyRepresentationSingle); lists take only the first two. */
export const SINGLE_FORMATS = ['storage', 'atlas_doc_format', 'view', 'export_view', 'anonymous_export_view', 'styled_view', 'editor'];
export const LIST_FORMATS = ['storage', 'atlas_doc_format'];

/** A current page with at least `n` children / versions, for pagination cases. */
export function pageWith(env: ContractEnv, predicate: (page: Page) => boolean): Page {
  const found = [...env.emulator.control.world.pages.values()].find((page) => page.type === 'page' && page.status === 'current' && !page.restrictions.read && predicate(page));
  if (!found) throw new Error('contract: the generated world has no page for this case');
  return found;
}

/** Register the v2 space and page cases. */
export function v2PageCases(env: ContractEnv): void {
  describe('v2 spaces', () => {
    it('lists spaces, filtered, sorted, with descriptions, and page 2', async () => {
      const { api, v2, openSpace } = env;
      await api.get(`${v2}/spaces`, { status: 200, check: nonEmpty });
      await api.get(`${v2}/spaces?keys=${openSpace.key}&type=global&status=current&sort=-name`, { status: 200, check: nonEmpty });
      for (const format of ['plain', 'view']) {
        await api.get(`${v2}/spaces?description-format=${format}`, { status: 200, check: descriptionIn(format, true) });
      }
      await v2SecondPage(api, `${v2}/spaces?limit=1`);
    });

    it('gets a space, with and without its description', async () => {
      const { api, v2, openSpace } = env;
      await api.get(`${v2}/spaces/${openSpace.id}`, { status: 200 });
      for (const format of ['plain', 'view']) {
        await api.get(`${v2}/spaces/${openSpace.id}?description-format=${format}`, { status: 200, check: descriptionIn(format, false) });
      }
    });

    it('lists the pages of a space: all, roots, bodies, page 2', async () => {
      const { api, v2, openSpace } = env;
      const path = `${v2}/spaces/${openSpace.id}/pages`;
      await api.get(path, { status: 200, check: nonEmpty });
      await api.get(`${path}?depth=root&sort=-modified-date&status=current`, { status: 200, check: nonEmpty });
      for (const format of LIST_FORMATS) await api.get(`${path}?body-format=${format}&limit=5`, { status: 200, check: all(nonEmpty, hasBody(format)) });
      await v2SecondPage(api, `${path}?limit=3&sort=title`);
    });
  });

  describe('v2 pages', () => {
    it('lists pages by id and space, with bodies, and page 2', async () => {
      const { api, v2, openSpace } = env;
      const ids = env.pagesOf(openSpace).filter((p) => p.type === 'page').slice(0, 3).map((p) => p.id);
      await api.get(`${v2}/pages?${ids.map((id) => `id=${id}`).join('&')}`, { status: 200, check: nonEmpty });
      await api.get(`${v2}/pages?space-id=${openSpace.id}&sort=-created-date`, { status: 200, check: nonEmpty });
      for (const format of LIST_FORMATS) await api.get(`${v2}/pages?body-format=${format}&limit=4`, { status: 200, check: all(nonEmpty, hasBody(format)) });
      await v2SecondPage(api, `${v2}/pages?limit=2&body-format=storage`, hasBody('storage'));
    });

    it('gets a page in every body format, an old version, with labels and versions', async () => {
      const { api, v2 } = env;
      const page = pageWith(env, (p) => p.versions.length >= 2 && p.labels.length > 0 && p.parentId !== null);
      await api.get(`${v2}/pages/${page.id}`, { status: 200 });
      for (const format of SINGLE_FORMATS) await api.get(`${v2}/pages/${page.id}?body-format=${format}`, { status: 200, check: hasBody(format, false) });
      await api.get(`${v2}/pages/${page.id}?version=1&body-format=storage`, { status: 200, check: hasBody('storage', false) });
      await api.get(`${v2}/pages/${page.id}?include-labels=true&include-versions=true`, { status: 200 });
    });

    it('lists children (page 2), ancestors and versions (with bodies, page 2)', async () => {
      const { api, v2 } = env;
      const control = env.emulator.control;
      const parent = pageWith(env, (p) => [...control.world.pages.values()].filter((c) => c.parentId === p.id && c.status === 'current' && !c.restrictions.read).length >= 2);
      await api.get(`${v2}/pages/${parent.id}/children`, { status: 200, check: nonEmpty });
      await v2SecondPage(api, `${v2}/pages/${parent.id}/children?limit=1&sort=-child-position`);
      const deep = pageWith(env, (p) => p.parentId !== null && control.world.pages.get(p.parentId)?.parentId != null);
      await api.get(`${v2}/pages/${deep.id}/ancestors`, { status: 200, check: nonEmpty });
      await api.get(`${v2}/pages/${deep.id}/ancestors?limit=1`, { status: 200, check: nonEmpty });
      const edited = pageWith(env, (p) => p.versions.length >= 2);
      await api.get(`${v2}/pages/${edited.id}/versions`, { status: 200, check: nonEmpty });
      for (const format of LIST_FORMATS) await api.get(`${v2}/pages/${edited.id}/versions?body-format=${format}`, { status: 200, check: all(nonEmpty, hasBody(format)) });
      await v2SecondPage(api, `${v2}/pages/${edited.id}/versions?limit=1&sort=-modified-date`);
    });

    it('creates, updates, trashes and purges a page', async () => {
      const { api, v2, openSpace } = env;
      const parent = env.pagesOf(openSpace).find((p) => p.type === 'page' && !p.restrictions.read && !p.restrictions.update) as Page;
      const body = { representation: 'storage', value: '<p>Contract test page</p>' };
      const created = await api.call('POST', `${v2}/pages`, { status: 200, json: { spaceId: openSpace.id, status: 'current', title: 'Contract: created', parentId: parent.id, body } });
      await api.call('POST', `${v2}/pages?root-level=true`, { status: 200, json: { spaceId: openSpace.id, title: 'Contract: root level', body } });
      await api.call('POST', `${v2}/pages`, { status: 200, json: { spaceId: openSpace.id, status: 'draft', title: 'Contract: draft', body } });
      const id = String(created.data.id);
      const update = { id, status: 'current', title: 'Contract: updated', body, version: { number: 2, message: 'contract' } };
      await api.call('PUT', `${v2}/pages/${id}`, { status: 200, json: update });
      // Moving (a new parentId) keeps the page's shape.
      const other = env.pagesOf(openSpace).find((p) => p.type === 'page' && p.id !== id && p.id !== parent.id && !p.restrictions.read && !p.restrictions.update) as Page;
      await api.call('PUT', `${v2}/pages/${id}`, { status: 200, json: { ...update, parentId: other.id, version: { number: 3 } } });
      await api.call('DELETE', `${v2}/pages/${id}`, { status: 204 });
      await api.get(`${v2}/pages/${id}?status=trashed`, { status: 200 });
      await api.call('DELETE', `${v2}/pages/${id}?purge=true`, { status: 204 });
    });
  });
}

function descriptionIn(format: string, listed: boolean) {
  return (response: { data: Record<string, unknown> & { results?: Array<Record<string, unknown>> } }): string[] => {
    const items = listed ? (response.data.results ?? []) : [response.data];
    return items.flatMap((item, index) => {
      const description = item.description as Record<string, { representation?: string }> | undefined;
      return description?.[format]?.representation === format ? [] : [`item ${index}: no description.${format} although description-format=${format} was asked`];
    });
  };
}
