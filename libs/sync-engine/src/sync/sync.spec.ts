import { FLAVORS } from '@confluence-mcp/confluence-client/testing';
import { LocalIndex } from '../sinks/local-sink';
import { runSync } from './runner';
import { expectConverged } from '../testing/converged';
import { RecordingSink, SyncWorld, syncWorld, visiblePages } from '../testing/sync-world';

describe.each(FLAVORS)('sync into the local index (%s)', (flavor) => {
  let world: SyncWorld;
  let local: LocalIndex;
  let sink: RecordingSink;
  const sync = () => runSync({ client: world.client, store: world.store, index: world.index, sink, meter: world.meter });

  beforeEach(async () => {
    world = await syncWorld(flavor);
    local = new LocalIndex(world.db, world.index.id);
    sink = new RecordingSink(local);
  });
  afterEach(() => world.close());

  it('a first sync holds exactly the pages alice can read, with their content and metadata', async () => {
    const summary = await sync();
    const truth = visiblePages(world.emulator, world.spaceKey);
    expect(summary).toMatchObject({ status: 'succeeded', listed: truth.length, new: truth.length, changed: 0, deleted: 0, failed: 0 });
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.bytes).toBeGreaterThan(0);
    await expectConverged(world, local);
    const history = await world.store.listRuns(world.index.id);
    expect(history[0]).toMatchObject({ id: summary.runId, status: 'succeeded', new: truth.length, requests: summary.requests });
  });

  it('a second sync with nothing changed writes nothing and fetches no body', async () => {
    await sync();
    sink.reset();
    world.emulator.control.clearLog();
    const summary = await sync();
    expect(summary).toMatchObject({ new: 0, changed: 0, deleted: 0, unchanged: visiblePages(world.emulator, world.spaceKey).length });
    expect(sink.upserted).toEqual([]);
    expect(sink.deleted).toEqual([]);
    const bodyRequests = world.emulator.control.requests().filter((r) => /body-format=storage|body\.storage/.test(r.url));
    expect(bodyRequests).toEqual([]);
  });

  it('one incremental sync converges after edits, renames, moves, new, trashed, deleted and newly restricted pages', async () => {
    await sync();
    const { control } = world.emulator;
    const pages = visiblePages(world.emulator, world.spaceKey);
    const leaves = pages.filter((p) => !pages.some((c) => c.parentId === p.id));
    const [edited, renamed, moved, trashed, deleted, restricted] = leaves;
    control.editPage(edited.id, { body: '<p>Fresh words about zebras and quasars.</p><h2>Setup</h2><p>Install the widget.</p>' });
    control.renamePage(renamed.id, 'A renamed page title');
    const parentWithChildren = pages.find((p) => pages.some((c) => c.parentId === p.id) && p.id !== moved.parentId);
    control.movePage(moved.id, parentWithChildren?.id ?? null);
    const parentOfMany = pages.find((p) => p.parentId && pages.filter((c) => c.parentId === p.id).length > 0 && p.id !== parentWithChildren?.id);
    if (parentOfMany) control.renamePage(parentOfMany.id, 'Renamed parent (its children change ancestors)');
    control.trashPage(trashed.id);
    control.deletePage(deleted.id);
    control.restrictPage(restricted.id, { read: [control.user('bob').accountId] });
    control.createPage({ spaceKey: world.spaceKey, title: 'Brand new page', body: '<p>Newly written about pelicans.</p>', parentId: edited.parentId });

    sink.reset();
    const summary = await sync();
    expect(summary.new).toBe(1);
    expect(summary.deleted).toBe(3);
    expect(summary.changed).toBeGreaterThanOrEqual(3);
    await expectConverged(world, local);
    expect(local.search('pelicans').map((h) => h.title)).toEqual(['Brand new page']);
    expect(local.search('quasars')[0]?.page_id).toBe(edited.id);
  });
});

describe.each(FLAVORS)('labels in chunk metadata (%s)', (flavor) => {
  let world: SyncWorld;
  beforeEach(async () => {
    world = await syncWorld(flavor, { pagesPerSpace: 12 });
  });
  afterEach(() => world.close());

  it(`are ${flavor === 'dc' ? 'read with the bodies at no extra request' : 'read per page only when asked (labels: always)'}`, async () => {
    const page = visiblePages(world.emulator, world.spaceKey)[0];
    world.emulator.control.addLabel(page.id, 'runbook');
    const local = new LocalIndex(world.db, world.index.id);
    const base = { client: world.client, store: world.store, index: world.index, sink: local, meter: world.meter };
    const first = await runSync(base);
    const labelsOf = () => local.chunks().find((c) => c.page_id === page.id)?.metadata['labels'];
    if (flavor === 'dc') {
      expect(labelsOf()).toContain('runbook');
      expect(world.emulator.control.requests().filter((r) => /\/label/.test(r.url))).toEqual([]);
      return;
    }
    expect(labelsOf()).toEqual([]);
    // Labels do not change the version: a new index (or a rebuild) picks them up with labels: always.
    const index = await world.store.createIndex({ name: 'with-labels', siteUrl: world.client.siteUrl, spaces: [world.spaceKey], destination: 'local' });
    const labelled = new LocalIndex(world.db, index.id);
    const second = await runSync({ ...base, index, sink: labelled, labels: 'always' });
    expect(labelled.chunks().find((c) => c.page_id === page.id)?.metadata['labels']).toContain('runbook');
    expect(second.requests).toBeGreaterThan(first.requests);
  });
});
