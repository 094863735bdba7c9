/**
 * Real and realistic storage: mark's fixtures (both directions' storage), Airbyte's Cloud records and the
 * emulator's generated pages. Nothing throws, no link, code block or task is lost (counted in the storage and in
 * the Markdown, placeholders included), no storage markup leaks outside placeholders.
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import MarkdownIt from 'markdown-it';
import { storageToMarkdown } from './storage-to-markdown';
import { countMarkdown, countStorage, referenceFiles, withoutPlaceholders } from './spec-helpers';

const corpus = [
  ...referenceFiles('mark-testdata/storage-to-md', /\.xml$/),
  ...referenceFiles('mark-testdata/md-to-storage', /\.html$/),
  ...referenceFiles('mark-testdata/md-to-storage-extra', /\.html$/),
  ...referenceFiles('airbyte-confluence-records', /\.storage\.xml$/),
];

function expectFaithful(storage: string): void {
  const { markdown } = storageToMarkdown(storage);
  expect(countMarkdown(markdown)).toEqual(countStorage(storage));
  expect(withoutPlaceholders(markdown)).not.toMatch(/<\/?(?:ac|ri):/);
  expect(markdown === '' || (markdown.endsWith('\n') && !markdown.endsWith('\n\n'))).toBe(true);
  expect(markdown).not.toMatch(/\n{3}(?![^`]*```)/);
}

describe('reference storage', () => {
  it('holds the files this spec reads', () => {
    expect(corpus.length).toBeGreaterThan(40);
  });

  it.each(corpus)('%s keeps its links, code blocks and tasks', (_name, storage) => {
    expectFaithful(storage);
  });
});

describe("mark's storage -> Markdown fixtures, compared for meaning", () => {
  const markdownIt = new MarkdownIt({ html: true });
  const expected = new Map(referenceFiles('mark-testdata/storage-to-md', /\.md$/));
  /** What both Markdown texts must agree on: code blocks, task items, tables, web links. */
  const meaning = (markdown: string) => {
    const tokens = markdownIt.parse(markdown, {});
    return {
      fences: tokens.filter((t) => t.type === 'fence').map((t) => t.content),
      tasks: markdown.match(/^\s*- \[[ x]\]/gm)?.length ?? 0,
      tables: tokens.filter((t) => t.type === 'table_open').length + (markdown.match(/^<table/gm)?.length ?? 0),
      urls: [...new Set(markdown.match(/https?:\/\/[^\s)>\]"]+/g) ?? [])].sort(),
    };
  };

  it.each(referenceFiles('mark-testdata/storage-to-md', /\.xml$/))('%s', (name, storage) => {
    const ours = meaning(storageToMarkdown(storage).markdown);
    const theirs = meaning(expected.get(name.replace(/\.xml$/, '.md')) as string);
    // mark keeps a noformat macro as raw XML where we write a fence: compare the fences mark wrote.
    expect(ours.fences).toEqual(expect.arrayContaining(theirs.fences));
    expect(ours.tasks).toBe(theirs.tasks);
    expect(ours.tables).toBe(theirs.tables);
    expect(ours.urls).toEqual(theirs.urls);
  });

  it('escaping.xml renders back to exactly the text of the storage', () => {
    const [, storage] = referenceFiles('mark-testdata/storage-to-md', /^escaping\.xml$/)[0];
    const text = (html: string) =>
      html
        .replace(/<ac:parameter[^>]*>[^<]*<\/ac:parameter>/g, '')
        .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, cdata: string) => cdata.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
        .replace(/<\/?(?:strong|em|code)>/g, '')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&#10;/g, '\n')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim();
    const rendered = new MarkdownIt({ html: false, linkify: true }).render(storageToMarkdown(storage).markdown);
    // The storage's only bold was dropped (`**"quoted"**next` cannot be delimited): the text is what counts.
    expect(text(rendered)).toBe(text(storage));
    expect(rendered).not.toMatch(/<(?:h1|ol|ul|a)\b/);
    expect(rendered.match(/<blockquote>/g)).toHaveLength(1);
  });
});

describe("the emulator's generated pages", () => {
  let bodies: string[] = [];

  beforeAll(async () => {
    const emulator = await startEmulator({ spaces: 2, pagesPerSpace: 60 });
    bodies = [...emulator.control.world.pages.values()].map((page) => page.versions[page.versions.length - 1].body);
    await emulator.close();
  });

  it('convert without losing links, code blocks or tasks', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(120);
    for (const body of bodies) expectFaithful(body);
  });

  it('show every construct the generator writes, with placeholders only for macros Markdown has no form for', () => {
    const all = bodies.map((body) => storageToMarkdown(body));
    const markdown = all.map((r) => r.markdown).join('\n');
    for (const construct of ['```', '> [!NOTE]', '> [!PANEL]', '<details>', ':status[', ':jira[', ':time[', '- [x] ', '](confluence-user:', '](confluence-page:', '](confluence-attachment:', '](confluence-space:', '| --- |', '<table>']) {
      expect(markdown).toContain(construct);
    }
    const placeholders = new Set(all.flatMap((r) => r.warnings.filter((w) => w.kind === 'placeholder').map((w) => w.message)));
    expect([...placeholders].sort()).toEqual(
      [
        ...['attachments', 'blog-posts', 'children'].map((name) => `${name} kept as a placeholder`),
        // The excerpt's body is Markdown between markers: only its wrapper is opaque.
        'excerpt kept as markers around its body',
        ...['excerpt-include', 'include', 'jira', 'recently-updated', 'toc', 'view-file'].map((name) => `${name} kept as a placeholder`),
      ],
    );
    expect(markdown).toMatch(/^<!--confluence-begin:excerpt-->\n\n\w/m);
  });
});
