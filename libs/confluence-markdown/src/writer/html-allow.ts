/**
 * Which raw HTML in the Markdown is written to storage as it is (CONVENTIONS.md, "Raw HTML"): the elements and
 * attributes of Confluence's own storage format, so a page keeps what Confluence's editor could have written.
 * Links and images are not here: `<a href>` and `<img>` follow the Markdown link and image conventions.
 */
import type { WriterContext } from './context';
import { escapeAttr } from './escape';
import { decodeHtmlEntities } from './md-utils';

/** Inline elements: at the top of an HTML block they are wrapped in a paragraph. */
export const INLINE_ELEMENTS: ReadonlySet<string> = new Set(
  'span strong b em i u s del strike sup sub code kbd br time a img ac:link ac:image ac:emoticon'.split(' '),
);

/** Every HTML element kept (besides `a` and `img`, which become links and images). */
const BLOCK_ELEMENTS = 'p div h1 h2 h3 h4 h5 h6 ul ol li blockquote pre hr table caption colgroup col thead tbody tfoot tr th td';
export const HTML_ELEMENTS: ReadonlySet<string> = new Set([...BLOCK_ELEMENTS.split(' '), ...INLINE_ELEMENTS].filter((n) => n !== 'a' && n !== 'img' && !n.includes(':')));

/** Attributes any kept element may carry. */
const GLOBAL_ATTRIBUTES: ReadonlySet<string> = new Set(['style', 'class', 'title']);

/** Attributes some elements carry in storage (table layout, cell spans and highlights, list start, dates). */
const ELEMENT_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  table: new Set(['data-layout', 'data-table-width', 'width']),
  col: new Set(['span', 'width']),
  colgroup: new Set(['span']),
  td: new Set(['colspan', 'rowspan', 'data-highlight-colour', 'align', 'valign']),
  th: new Set(['colspan', 'rowspan', 'data-highlight-colour', 'align', 'valign', 'scope']),
  ol: new Set(['start']),
  time: new Set(['datetime']),
};

/** Whether an element is written to storage: a kept HTML element, or a Confluence (`ac:`/`ri:`) one. */
export function isKeptElement(name: string): boolean {
  return HTML_ELEMENTS.has(name) || isConfluenceName(name);
}

/** `ac:` and `ri:` names, as Confluence writes them in storage. */
export function isConfluenceName(name: string): boolean {
  return name.startsWith('ac:') || name.startsWith('ri:');
}

/**
 * The attributes to write, values decoded then escaped for XML. An HTML element keeps the allowed ones, a
 * Confluence element every attribute but event handlers; anything else is dropped with a `formatting-dropped`
 * warning naming it (event handlers included: dropping them is on purpose, but it is still a change).
 */
export function keptAttributes(element: string, attrs: ReadonlyArray<readonly [string, string]>, context: WriterContext): string {
  let out = '';
  const own = ELEMENT_ATTRIBUTES[element];
  const confluence = isConfluenceName(element);
  for (const [rawName, value] of attrs) {
    const name = rawName.toLowerCase();
    const kept = confluence ? !name.startsWith('on') : GLOBAL_ATTRIBUTES.has(name) || own?.has(name) || isConfluenceName(name);
    if (kept) out += ` ${rawName}="${escapeAttr(decodeHtmlEntities(value))}"`;
    else context.warnings.add('formatting-dropped', `HTML attribute ${name} of <${element}> dropped`);
  }
  return out;
}

/**
 * The attributes of `<a>` and `<img>`, which become Markdown-style links and images: the link or image keeps
 * `keep`, every other attribute (`target`, `width`...) is dropped with a warning.
 */
export function linkAttributes(element: 'a' | 'img', attrs: ReadonlyArray<readonly [string, string]>, context: WriterContext): Map<string, string> {
  const keep = element === 'a' ? ['href', 'title'] : ['src', 'alt', 'title'];
  const out = new Map<string, string>();
  for (const [rawName, value] of attrs) {
    const name = rawName.toLowerCase();
    if (keep.includes(name)) out.set(name, decodeHtmlEntities(value));
    else context.warnings.add('formatting-dropped', `HTML attribute ${name} of <${element}> dropped`);
  }
  return out;
}

/** URL schemes never written as links or images (script or local file access). */
export const UNSAFE_URL = /^\s*(?:javascript|vbscript|file|data):/i;
