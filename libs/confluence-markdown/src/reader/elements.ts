/**
 * How the pre-processor treats each storage element. The HTML parser turndown uses has its own ideas about tags it
 * knows (it closes a `<p>` when a block starts, moves stray content out of tables, treats `<script>` as raw text),
 * so the pre-processor only lets through elements whose HTML parsing matches their storage meaning; everything
 * else is kept out of the DOM as a placeholder holding its exact source.
 */

/** Macros the reader converts; any other macro becomes a placeholder without being parsed. */
export const BLOCK_MACROS: ReadonlySet<string> = new Set(['code', 'noformat', 'info', 'tip', 'note', 'warning', 'panel', 'expand']);
export const INLINE_MACROS: ReadonlySet<string> = new Set(['status', 'jira']);

/** HTML elements that may hold inline content and blocks side by side: inline runs get an implied `<p>`. */
export const HTML_CONTAINERS: ReadonlySet<string> = new Set([
  'div', 'blockquote', 'li', 'dd', 'dt', 'td', 'th', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav',
  'figure', 'figcaption', 'address', 'center', 'details',
]);

/** HTML block elements that are not containers (they hold inline content or list items only). */
const HTML_OTHER_BLOCKS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'pre', 'hr', 'table', 'summary', 'hgroup', 'menu', 'dir'];

/** Emitted names that start a block: they close an implied paragraph (and the HTML parser closes an open `<p>`). */
export const BLOCK_NAMES: ReadonlySet<string> = new Set([...HTML_CONTAINERS, ...HTML_OTHER_BLOCKS]);

/** Table structure: only emitted in its proper parent, as the HTML parser drops it anywhere else. */
export const TABLE_PARENTS: Readonly<Record<string, readonly string[]>> = {
  thead: ['table'],
  tbody: ['table'],
  tfoot: ['table'],
  tr: ['table', 'thead', 'tbody', 'tfoot'],
  td: ['tr'],
  th: ['tr'],
};

/** Inline HTML elements kept in the DOM. */
export const HTML_INLINE: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'label', 'nobr',
]);

/** Void elements that are kept (others, such as `<input>` or `<embed>`, become placeholders). */
export const KEPT_VOIDS: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'wbr']);

/** Every HTML void element: never pushed on the stack, an end tag for one is ignored. */
export const VOID_NAMES: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** Wrappers whose tags are dropped and whose content is kept. */
export const UNWRAPPED: ReadonlySet<string> = new Set(['html', 'body', 'ac:confluence']);

/** Elements dropped with their content: instructional text and presentation-only table parts. */
export const DROPPED: ReadonlySet<string> = new Set(['ac:placeholder', 'colgroup', 'col', 'caption']);

/** Confluence elements that are blocks: emitted as `<div data-cf="name">` so turndown treats them as blocks. */
export const CONFLUENCE_BLOCKS: ReadonlySet<string> = new Set([
  'ac:rich-text-body', 'ac:plain-text-body', 'ac:task-list', 'ac:task', 'ac:task-body', 'ac:layout', 'ac:layout-section',
  'ac:layout-cell',
]);

/** Confluence blocks that hold inline runs and blocks side by side. */
export const CONFLUENCE_CONTAINERS: ReadonlySet<string> = new Set(['ac:rich-text-body', 'ac:layout-cell', 'ac:task-body']);

/** Confluence inline elements the rules read. Every `ri:` resource is kept as well (links and images decide). */
export const CONFLUENCE_INLINE: ReadonlySet<string> = new Set([
  'ac:link', 'ac:plain-text-link-body', 'ac:link-body', 'ac:image', 'ac:caption', 'ac:emoticon', 'ac:inline-comment-marker',
  'ac:parameter', 'ac:task-id', 'ac:task-uuid', 'ac:task-status',
]);

/** HTML elements turned into blocks in the DOM because turndown would otherwise treat them as inline. */
export const HTML_AS_DIV: ReadonlySet<string> = new Set(['details', 'summary']);

/** Deepest element nesting written to the DOM: deeper elements are unwrapped (text kept), so that the recursive
 * DOM walks in turndown and in the rules stay far from the stack limit. */
export const MAX_DEPTH = 200;

/**
 * Most attributes written to the DOM per element. Domino compares each new attribute with all earlier ones of its
 * element, which is quadratic (539 KB of attributes on one element took 6.7 s); real elements carry fewer than 20.
 */
export const MAX_ATTRIBUTES = 100;

/** HTML attributes some rule reads; on an element over MAX_ATTRIBUTES only these and `ac:`/`ri:` ones are kept. */
export const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href', 'src', 'alt', 'title', 'style', 'class', 'start', 'datetime', 'align', 'width', 'height', 'colspan', 'rowspan',
  'data-card-appearance',
]);
