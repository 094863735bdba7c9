/**
 * User text that tries to break out of a CQL value must stay a literal: against the real emulator, a query
 * restricted to one space never returns content from another, whatever the text says.
 */
import { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { buildSearchCql, cql } from '../cql';
import { FLAVORS, clientFor, emulatorFor, openSpace } from '../testing/emulator';

const HOSTILE = [
  'x" OR space = "OTHER',
  'x") OR (space != "NONE',
  '" OR type = page OR text ~ "',
  'kafka\\" OR title ~ "*',
  'a AND b OR NOT c',
  'x\n) OR space != "NONE',
  'ORDER BY title',
];

describe.each(FLAVORS)('hostile search text on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await emulatorFor(flavor, { spaces: 2, pagesPerSpace: 25 })));
  afterAll(() => emulator.close());

  it.each(HOSTILE)('keeps %j inside its value and inside the space', async (text) => {
    const space = openSpace(emulator);
    const other = [...emulator.control.world.spaces.values()].find((s) => s.id !== space.id)!;
    // A page in the other space that would match if the text escaped its quotes.
    emulator.control.createPage({ spaceKey: other.key, title: `Bait ${HOSTILE.indexOf(text)} ${flavor}`, body: '<p>kafka x a b c</p>' });
    const client = clientFor(emulator);
    const restricted = cql.restrictToSpaces(cql.contains('text', text), [space.key]);
    const structured = buildSearchCql({ text, spaceKeys: [space.key] });
    for (const query of [restricted, structured]) {
      const hits = await client.search.cql(query, { limit: 50 });
      for (const hit of hits.items) expect(hit.spaceKey).toBe(space.key);
    }
  });
});
