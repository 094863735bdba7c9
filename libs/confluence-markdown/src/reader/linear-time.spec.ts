/**
 * storageToMarkdown stays linear on hostile pages: one page must not stall a shared server. Each family is
 * converted at 50 K and 500 K characters; the time ratio must stay near 10 (linear), far from 100 (quadratic).
 * Families that were quadratic: runs of no-break (or any Unicode) spaces, through turndown's final `\s+$` trim;
 * runs of spaces in `<pre><code>`, through the code rule's trim; an element with thousands of attributes, through
 * the HTML parser's duplicate-attribute check.
 */
import { storageToMarkdown } from './storage-to-markdown';

/** Input sizes, in characters. */
const SMALL = 50_000;
const LARGE = 500_000;

/** Largest accepted t(LARGE) / t(SMALL): 10 is linear, 100 quadratic; the slack absorbs GC and other processes. */
const MAX_RATIO = 25;

/**
 * Small times count as at least this (ms). A 50 K conversion that cheap runs from the CPU caches and the young
 * generation; the 500 K one cannot, which alone makes it up to 5 times slower per character (measured on 2 cores).
 * A family then fails only when 500 K take more than 25 times this (250 ms); the quadratic paths took seconds.
 */
const SMALL_FLOOR_MS = 10;

/** `unit` repeated to at least `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

/**
 * Converts `make(SMALL)` (after a warm-up run) and `make(LARGE)`, median of three runs each; returns the ratio of
 * the median times. Every run gets a fresh input: runs repeated on one string object were up to 8 times faster
 * than on an equal fresh one (some cache keyed by the string). The large input runs only until two runs agree on
 * which side of MAX_RATIO the median lies, so a regression fails after two slow runs instead of three.
 */
function timeRatio(make: (size: number) => string, convert: (input: string) => unknown): number {
  const once = (size: number): number => {
    const input = make(size);
    const started = performance.now();
    convert(input);
    return performance.now() - started;
  };
  once(SMALL); // warm-up: compiles the code paths this family takes
  const small = median([once(SMALL), once(SMALL), once(SMALL)]);
  const bound = MAX_RATIO * Math.max(small, SMALL_FLOOR_MS);
  const large: number[] = [];
  for (;;) {
    large.push(once(LARGE));
    const within = large.filter((t) => t <= bound).length;
    if (within >= 2 || large.length - within >= 2) break;
  }
  // With two agreeing runs, the larger of them is on the same side of the bound as the median of three would be.
  return median(large) / Math.max(small, SMALL_FLOOR_MS);
}

/**
 * The best of up to three `timeRatio`s: a super-linear path is slow on every try, a busy machine (other test
 * workers on two cores) only now and then, so a noisy run gets two more chances and a regression none.
 */
function bestRatio(make: (size: number) => string, convert: (input: string) => unknown): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best > MAX_RATIO; attempt++) best = Math.min(best, timeRatio(make, convert));
  return best;
}

/** The median of three, or the larger of two. */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[1];
}

/** Every character JavaScript's `\s` matches beyond ASCII, which is what turndown's whitespace regexes test. */
const UNICODE_SPACES = '\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** Where text sits in a page: each reaches turndown's whitespace handling through a different rule. */
const WRAPPERS: ReadonlyArray<readonly [string, string]> = [
  ['<p>', '</p>'],
  ['<ul><li>', '</li></ul>'],
  ['<table><tbody><tr><td>', '</td></tr></tbody></table>'],
  ['<h1>', '</h1>'],
  ['<p><strong>', '</strong></p>'],
  ['<p><code>', '</code></p>'],
  ['<pre>', '</pre>'],
  ['<pre><code>', '</code></pre>'],
  ['<p><a href="https://example.com">', '</a></p>'],
  ['<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[', ']]></ac:plain-text-body></ac:structured-macro>'],
  ['<p><ac:link><ri:page ri:content-title="T"/><ac:plain-text-link-body><![CDATA[', ']]></ac:plain-text-link-body></ac:link></p>'],
];

/** `spaces` around and between two characters, in every wrapper. */
const spacesEverywhere = (spaces: string) => (size: number) => {
  const run = fill(spaces, size / WRAPPERS.length / 3);
  return WRAPPERS.map(([open, close]) => `${open}${run}x${run}y${run}${close}`).join('');
};

const attributes = (size: number) => Array.from({ length: Math.ceil(size / 12) }, (_, i) => `a${i}="v"`).join(' ');
const nested = (open: string, close: string) => (size: number) => {
  const depth = Math.ceil(size / (open.length + close.length));
  return `${open.repeat(depth)}deep${close.repeat(depth)}`;
};

/** Backtick runs of every length 1, 2, 3...: the code span's delimiter must differ from all of them. */
const backtickRuns = (size: number) => {
  let text = '';
  for (let run = 1; text.length < size; run++) text += `${'`'.repeat(run)}a`;
  return `<p><code>${text}</code></p>`;
};

const FAMILIES: ReadonlyArray<readonly [string, (size: number) => string]> = [
  ['a paragraph of no-break spaces', (size) => `<p>${fill('\u00a0', size)}x</p>`],
  ['a paragraph of &nbsp; references, then text', (size) => `<p>${fill('&nbsp;', size)}x</p>`],
  ['every Unicode space in every kind of text', spacesEverywhere(UNICODE_SPACES)],
  ['spaces, tabs and line breaks in every kind of text', spacesEverywhere(' \t\n')],
  ['spaces, tabs and line breaks in code in a <pre>', (size) => `<pre><code>x${fill(' \t\n', size)}y</code></pre>`],
  ['many attributes on one paragraph', (size) => `<p ${attributes(size)}>x</p>`],
  ['many attributes on one image', (size) => `<p><img src="a.png" ${attributes(size)}/></p>`],
  ['many attributes on one macro', (size) => `<ac:structured-macro ac:name="info" ${attributes(size)}><ac:rich-text-body><p>x</p></ac:rich-text-body></ac:structured-macro>`],
  ['a long attribute value', (size) => `<p><a href="https://example.com/${fill('a', size)}">x</a></p>`],
  ['nested divs past the depth limit', nested('<div>', '</div>')],
  ['nested lists past the depth limit', nested('<ul><li>', '</li></ul>')],
  ['nested bold and italics past the depth limit', nested('<strong><em>', '</em></strong>')],
  ['nested tables past the depth limit', nested('<table><tbody><tr><td>', '</td></tr></tbody></table>')],
  ['a long heading', (size) => `<h1>${fill('word ', size)}</h1>`],
  ...['*', '_', '`', '[', '&lt;', '\\', '#', '|', '~'].map((text) => [`a run of ${text} in a paragraph`, (size: number) => `<p>${fill(text, size)}</p>`] as const),
  ['a run of # closing a heading', (size) => `<h2>a ${fill('#', size)}</h2>`],
  ['backtick runs of every length in inline code', backtickRuns],
  // About 50 characters per element: enough elements (10 000 at 500 K) for a cost per pair of siblings to show.
  ['many sibling inline elements', (size) => `<p>${fill('<strong>bold words</strong> then <a href="https://example.com/x">a link</a> ', size)}</p>`],
  ['many mentions and page links', (size) => `<p>${fill('<ac:link><ri:user ri:account-id="42"/></ac:link> and <ac:link><ri:page ri:content-title="Page"/></ac:link> ', size)}</p>`],
  ['many hard breaks', (size) => `<p>${fill('a line of some thirty characters<br/>', size)}</p>`],
  ['many placeholders', (size) => `<p>${fill('<ac:structured-macro ac:name="toc"/> and some words ', size)}</p>`],
  ['many macros with a rich-text body', (size) => fill('<ac:structured-macro ac:name="excerpt"><ac:parameter ac:name="hidden">true</ac:parameter><ac:rich-text-body><p>body</p></ac:rich-text-body></ac:structured-macro>', size)],
  ['macros with rich-text bodies nested past the depth limit', nested('<ac:structured-macro ac:name="section"><ac:rich-text-body>', '</ac:rich-text-body></ac:structured-macro>')],
  ['macros nested in parameters', nested('<ac:structured-macro ac:name="x"><ac:parameter ac:name="p">', '</ac:parameter></ac:structured-macro>')],
  ['many macros without a body, then one body', (size) => `${fill('<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">v</ac:parameter></ac:structured-macro>', size)}<ac:rich-text-body><p>x</p></ac:rich-text-body>`],
  ['many paragraphs', (size) => fill('<p>A paragraph of some fifty characters of text.</p>', size)],
  ['many list items', (size) => `<ul>${fill('<li>an item of some fifty characters of plain text</li>', size)}</ul>`],
  ['a table with many rows', (size) => `<table><tbody>${fill('<tr><td>first cell text</td><td>second cell text</td></tr>', size)}</tbody></table>`],
  ['an HTML table with many rows', (size) => `<table><tbody>${fill('<tr><td colspan="2">one cell spanning two columns</td></tr>', size)}</tbody></table>`],
  ['a table with many columns', (size) => `<table><tbody><tr>${fill('<td>a cell of some thirty characters</td>', size)}</tr></tbody></table>`],
  ['a long word', (size) => `<p>${fill('a', size)}</p>`],
  ['a long URL', (size) => `<p>https://example.com/${fill('a', size)}</p>`],
  ['many entities', (size) => `<p>${fill('&amp;&lt;&gt;&hellip;&#169;&#x1F600;&bogus;', size)}</p>`],
];

describe('storageToMarkdown time on hostile input', () => {
  it.each(FAMILIES)(`grows at most ${MAX_RATIO}x for 10x more of: %s`, (_name, make) => {
    expect(bestRatio(make, (storage) => storageToMarkdown(storage))).toBeLessThanOrEqual(MAX_RATIO);
  });
});
