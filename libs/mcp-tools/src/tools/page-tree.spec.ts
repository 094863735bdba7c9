import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, spacesOf, startWorld, textOf } from '../testing/harness';

describe.each(['cloud', 'dc'] as const)('page hierarchy tools on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  /** homepage > top > [a, b > [b1]] in an open space, created fresh for each test. */
  function hierarchy(tag: string, spaceIndex = 0) {
    const space = spacesOf(emulator).open[spaceIndex];
    const homepageId = space.homepageId as string;
    const make = (name: string, parentId: string) => {
      const title = `${name} ${tag} ${flavor}`;
      return { id: emulator.control.createPage({ spaceKey: space.key, title, parentId }).id, title };
    };
    const top = make('Top', homepageId);
    const a = make('A', top.id);
    const b = make('B', top.id);
    const b1 = make('B1', b.id);
    return { space, homepageId, top, a, b, b1 };
  }

  it('lists the children of a page with positions, page by page', async () => {
    const { top, a, b } = hierarchy('children');
    const mcp = await connect(emulator);
    const all = await mcp.call('get_confluence_page_children', { page_id: top.id });
    expect(all.isError).toBeFalsy();
    const children = all.structuredContent?.['children'] as Array<{ id: string; title: string; position: number | null }>;
    expect(children.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(children[0].title).toBe(a.title);
    expect(textOf(all)).toContain(b.title);
    const first = await mcp.call('get_confluence_page_children', { page_id: top.id, limit: 1 });
    expect((first.structuredContent?.['children'] as unknown[]).length).toBe(1);
    const cursor = first.structuredContent?.['next_cursor'] as string;
    expect(cursor).toBeTruthy();
    const second = await mcp.call('get_confluence_page_children', { page_id: top.id, limit: 1, cursor });
    expect((second.structuredContent?.['children'] as Array<{ id: string }>)[0].id).toBe(b.id);
    await mcp.close();
  });

  it('answers the breadcrumb root first, and nothing for a page outside the allow-list', async () => {
    const { space, homepageId, top, b, b1 } = hierarchy('ancestors');
    const mcp = await connect(emulator);
    const result = await mcp.call('get_confluence_page_ancestors', { page_id: b1.id });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ page_id: b1.id, space_key: space.key });
    const ids = (result.structuredContent?.['ancestors'] as Array<{ id: string; title: string }>).map((x) => x.id);
    expect(ids).toEqual([homepageId, top.id, b.id]);
    expect(textOf(result)).toMatch(new RegExp(`${top.title}.*>.*${b.title}.*>.*${b1.title}`));
    await mcp.close();
    const other = spacesOf(emulator).open[1];
    const confined = await connect(emulator, { spaces: [other.key] });
    const hidden = await confined.call('get_confluence_page_ancestors', { page_id: b1.id });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toMatch(/^NOT_FOUND: /);
    expect(textOf(hidden)).not.toContain(b1.title);
    await confined.close();
  });

  it('reads a space tree from its homepage, depth- and count-limited, with truncated when cut', async () => {
    const { space, homepageId, top, a, b, b1 } = hierarchy('tree', 1);
    const mcp = await connect(emulator);
    type Node = { id: string; title: string; children?: Node[] };
    const find = (node: Node, id: string): Node | undefined => (node.id === id ? node : (node.children ?? []).map((c) => find(c, id)).find(Boolean));

    const deep = await mcp.call('get_confluence_space_page_tree', { space_key: space.key, max_depth: 3 });
    expect(deep.isError).toBeFalsy();
    const root = deep.structuredContent?.['root'] as Node;
    expect(root.id).toBe(homepageId);
    expect(deep.structuredContent?.['truncated']).toBe(false);
    expect(find(root, top.id)?.children?.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(find(root, b.id)?.children?.map((c) => c.id)).toEqual([b1.id]);
    expect(textOf(deep)).toContain(`    - ${b1.title}`);

    const shallow = await mcp.call('get_confluence_space_page_tree', { space_key: space.key });
    const shallowRoot = shallow.structuredContent?.['root'] as Node;
    expect(find(shallowRoot, a.id)).toBeDefined();
    expect(find(shallowRoot, a.id)?.children).toBeUndefined();
    expect(find(shallowRoot, b1.id)).toBeUndefined();

    emulator.control.clearLog();
    const cut = await mcp.call('get_confluence_space_page_tree', { space_key: space.key, max_depth: 5, max_pages: 3 });
    expect(cut.structuredContent).toMatchObject({ truncated: true, page_count: 3 });
    // The walk stops as soon as the cap is reached: the space and homepage reads plus one listing.
    expect(emulator.control.requestCount()).toBeLessThanOrEqual(Number(cut.structuredContent?.['requests']) + 1);
    expect(Number(cut.structuredContent?.['requests'])).toBeLessThanOrEqual(4);
    // Sizes past their range are clamped, and the answer says so.
    expect(textOf(await mcp.call('get_confluence_space_page_tree', { space_key: space.key, max_pages: 1001 }))).toMatch(/^Note: max_pages: 1001 is over the maximum of 1000; 1000 was used\./);
    expect(textOf(await mcp.call('get_confluence_space_page_tree', { space_key: space.key, max_depth: 6 }))).toMatch(/^Note: max_depth: 6 is over the maximum of 5; 5 was used\./);
    await mcp.close();

    const confined = await connect(emulator, { spaces: [spacesOf(emulator).open[0].key] });
    const refused = await confined.call('get_confluence_space_page_tree', { space_key: space.key });
    expect(textOf(refused)).toMatch(/^NOT_FOUND: Space/);
    await confined.close();
  });

  it('moves a page under another, and next to one, keeping its version; refuses another space', async () => {
    const { top, a, b, b1 } = hierarchy('move');
    const mcp = await connect(emulator);
    const version = emulator.control.page(b1.id).versions.length;
    const appended = await mcp.call('move_confluence_page', { page_id: b1.id, target_page_id: a.id });
    expect(appended.isError).toBeFalsy();
    expect(appended.structuredContent).toMatchObject({ id: b1.id, parent_id: a.id, position: 'append', target_page_id: a.id });
    expect(emulator.control.page(b1.id).parentId).toBe(a.id);
    expect(emulator.control.page(b1.id).versions.length).toBe(version);

    const before = await mcp.call('move_confluence_page', { page_id: b1.id, target_page_id: b.id, position: 'before' });
    expect(before.structuredContent).toMatchObject({ parent_id: top.id });
    const children = await mcp.call('get_confluence_page_children', { page_id: top.id });
    expect((children.structuredContent?.['children'] as Array<{ id: string }>).map((c) => c.id)).toEqual([a.id, b1.id, b.id]);

    const elsewhere = emulator.control.createPage({ spaceKey: spacesOf(emulator).open[1].key, title: `Elsewhere ${flavor}` });
    const across = await mcp.call('move_confluence_page', { page_id: a.id, target_page_id: elsewhere.id });
    expect(textOf(across)).toMatch(/^INVALID_ARGUMENT: target_page_id: .*same space|within their space/);
    expect(emulator.control.page(a.id).parentId).toBe(top.id);
    await mcp.close();

    const readOnly = await connect(emulator, { readOnly: true });
    expect((await readOnly.client.listTools()).tools.map((t) => t.name)).not.toContain('move_confluence_page');
    await readOnly.close();
  });
});
