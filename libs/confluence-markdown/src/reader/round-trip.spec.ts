/**
 * The fixed point CONVENTIONS.md promises: storage -> Markdown -> (writer) storage -> Markdown gives the same
 * Markdown, and the second storage keeps the links, code blocks and tasks of the first.
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { markdownToStorage } from '../writer';
import { storageToMarkdown } from './storage-to-markdown';
import { countStorage, referenceFiles } from './spec-helpers';

function expectFixedPoint(storage: string): void {
  const first = storageToMarkdown(storage).markdown;
  const written = markdownToStorage(first).storage;
  expect(storageToMarkdown(written).markdown).toBe(first);
  const before = countStorage(storage);
  const after = countStorage(written);
  expect(after.links).toBeGreaterThanOrEqual(before.links);
  expect(after.codeBlocks).toBeGreaterThanOrEqual(before.codeBlocks);
  expect(after.tasks).toBe(before.tasks);
}

describe('reader -> writer -> reader', () => {
  it.each([
    ...referenceFiles('mark-testdata/storage-to-md', /\.xml$/),
    ...referenceFiles('mark-testdata/md-to-storage', /\.html$/),
    ...referenceFiles('mark-testdata/md-to-storage-extra', /\.html$/),
    ...referenceFiles('airbyte-confluence-records', /\.storage\.xml$/),
  ])('%s is a fixed point', (_name, storage) => {
    expectFixedPoint(storage);
  });

  it("is a fixed point on the emulator's pages", async () => {
    const emulator = await startEmulator({ spaces: 2, pagesPerSpace: 60, seed: 7 });
    const bodies = [...emulator.control.world.pages.values()].map((page) => page.versions[page.versions.length - 1].body);
    await emulator.close();
    for (const body of bodies) expectFixedPoint(body);
  });

  it.each([
    ['escapes', '<p># a<br/>1. b<br/>- c<br/>&gt; d<br/>--- | ---<br/>*e* _f_ `g` [h] https://i.io www.j.io k@l.io :status[m]</p>'],
    ['nested lists and tasks', '<ul><li>a<ol start="4"><li>b</li></ol></li></ul><ul><li>c</li></ul><ac:task-list><ac:task><ac:task-status>complete</ac:task-status><ac:task-body>d</ac:task-body></ac:task></ac:task-list>'],
    ['panels and code in a list', '<ol><li><p>x</p><ac:structured-macro ac:name="info"><ac:rich-text-body><p>y</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="title">t "q"</ac:parameter><ac:plain-text-body><![CDATA[z\n\n  w]]></ac:plain-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro></li></ol>'],
    ['inline placeholders at line starts', '<p><ac:structured-macro ac:name="anchor"/>a<br/><ac:structured-macro ac:name="anchor"/><br/>b</p>'],
  ])('%s', (_name, storage) => {
    expectFixedPoint(storage);
  });
});
