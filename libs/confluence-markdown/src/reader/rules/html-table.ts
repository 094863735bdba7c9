/**
 * Renders a table Markdown cannot hold (spans, blocks in cells) as an XHTML `<table>` block: one row per line and
 * no blank line (a blank line would end the HTML block), cells converted recursively to HTML. Confluence
 * constructs with an HTML form (links, mentions, images, emoticons, dates) use it, with the same URLs as the
 * Markdown; a macro with a rich-text body is its body between macro body markers; the others (other macros, task
 * lists) are placeholders.
 */
import { ReaderContext } from '../context';
import { DomElement, DomNode, elementName, isElement } from '../dom';
import { MARK, plainText } from '../escape';
import { escapeHtml } from '../markdown';
import { linkTarget } from './links';
import { jira, status } from './macros';
import { emoticonText, imageTarget, validDate } from './media';
import { rowCells } from './table-dom';

const SAME_TAG = new Set(['strong', 'em', 's', 'del', 'u', 'sup', 'sub', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'p']);
const RENAMED: Readonly<Record<string, string>> = { b: 'strong', i: 'em', strike: 's', tt: 'code', kbd: 'code', samp: 'code' };
const DROPPED: Readonly<Record<string, string>> = { ins: 'Underline', mark: 'Highlight', font: 'Font' };
/** Elements that only wrap their content. */
const TRANSPARENT = new Set(['div', 'span', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'figure', 'figcaption', 'address', 'center', 'dl', 'dt', 'dd', 'small', 'big', 'abbr', 'cite', 'q', 'dfn', 'var', 'bdi', 'bdo', 'data', 'label', 'nobr', 'ac:plain-text-link-body', 'ac:link-body', 'ac:rich-text-body', 'ac:layout', 'ac:layout-section', 'ac:layout-cell']);

/** A table as XHTML, one row per line. */
export function serializeTable(table: DomElement, ctx: ReaderContext): string {
  const lines = ['<table>'];
  const sections = new Map<string, string[]>();
  for (const child of childList(table)) {
    const name = elementName(child);
    const rows = name === 'tr' ? [child] : name === 'thead' || name === 'tbody' || name === 'tfoot' ? childList(child).filter((r) => elementName(r) === 'tr') : [];
    const section = name === 'tr' ? 'tbody' : name;
    for (const row of rows) {
      const cells = rowCells(row).map((cell) => serializeCell(cell, ctx)).join('');
      if (!sections.has(section)) sections.set(section, []);
      (sections.get(section) as string[]).push(`<tr>${cells}</tr>`);
    }
  }
  for (const section of ['thead', 'tbody', 'tfoot']) {
    const rows = sections.get(section);
    if (rows) lines.push(`<${section}>`, ...rows, `</${section}>`);
  }
  lines.push('</table>');
  return lines.join('\n');
}

function childList(node: DomNode): DomElement[] {
  const out: DomElement[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (isElement(child)) out.push(child);
  return out;
}

function serializeCell(cell: DomElement, ctx: ReaderContext): string {
  const tag = cell.nodeName === 'TH' ? 'th' : 'td';
  let attributes = '';
  for (const name of ['colspan', 'rowspan']) {
    const value = cell.getAttribute(name)?.trim();
    if (value && /^[0-9]{1,4}$/.test(value) && value !== '1') attributes += ` ${name}="${value}"`;
  }
  return `<${tag}${attributes}>${children(cell, ctx)}</${tag}>`;
}

function children(node: DomNode, ctx: ReaderContext): string {
  let out = '';
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (isElement(child)) out += element(child, ctx);
    else if (child.nodeType === 3) out += escapeText(child.nodeValue ?? '');
  }
  return out;
}

function element(node: DomElement, ctx: ReaderContext): string {
  const name = elementName(node);
  if (SAME_TAG.has(name)) {
    // Paragraphs the pre-processor made up (implied, or split around a block) were not in the storage.
    if (name === 'p' && node.hasAttribute('data-cf-implied')) return children(node, ctx);
    return `<${name}>${children(node, ctx)}</${name}>`;
  }
  if (name === 'div' && node.hasAttribute('data-cf-p')) return children(node, ctx);
  const renamed = RENAMED[name];
  if (renamed === 'code' || name === 'code') return `<code>${escapeHtml(plainText(node.textContent))}</code>`;
  if (renamed) return `<${renamed}>${children(node, ctx)}</${renamed}>`;
  if (DROPPED[name]) {
    ctx.dropped(DROPPED[name]);
    return children(node, ctx);
  }
  if (TRANSPARENT.has(name)) {
    if (name === 'span' && node.getAttribute('style')) ctx.dropped(/color|background/i.test(node.getAttribute('style') ?? '') ? 'Text colour' : 'Text style');
    if (name === 'ac:layout') ctx.warnings.add('layout-flattened', 'Page layout flattened');
    return children(node, ctx);
  }
  switch (name) {
    case 'br':
      return '<br/>';
    case 'hr':
      return '<hr/>';
    case 'wbr':
    case 'ac:caption':
      return '';
    case 'pre':
      // Newlines as references: a blank line would end the HTML block in the Markdown.
      return `<pre>${escapeHtml(plainText(node.textContent)).replace(/\n/g, '&#10;')}</pre>`;
    case 'table':
      return serializeTable(node, ctx).replace(/\n/g, '');
    case 'a': {
      const href = node.getAttribute('href')?.trim();
      if (node.hasAttribute('data-card-appearance')) ctx.dropped('Smart link card appearance');
      return href ? `<a href="${escapeHtml(href)}">${children(node, ctx)}</a>` : children(node, ctx);
    }
    case 'ac:link': {
      const target = linkTarget(node, ctx);
      if (!target) return placeholder(node, ctx);
      const body = target.ignoreBody ? '' : children(node, ctx);
      return `<a href="${escapeHtml(target.url)}">${body.trim() ? body : escapeHtml(target.label)}</a>`;
    }
    case 'img':
    case 'ac:image': {
      const target = imageTarget(node, ctx);
      if (!target) return name === 'img' ? '' : placeholder(node, ctx);
      return `<img src="${escapeHtml(target.src)}" alt="${escapeHtml(target.alt)}"/>`;
    }
    case 'ac:emoticon':
      return escapeHtml(emoticonText(node));
    case 'ac:inline-comment-marker':
      ctx.warnings.add('inline-comment-marker-dropped', 'Inline comment markers dropped');
      return children(node, ctx);
    case 'ac:structured-macro':
      return directive(node, ctx);
    case 'time': {
      const datetime = validDate(node);
      if (!node.hasAttribute('datetime')) return children(node, ctx);
      return datetime ? `<time datetime="${datetime}"/>` : placeholder(node, ctx);
    }
    default:
      // Macros, task lists, details, resources outside links and anything unknown keep their exact source.
      return node.hasAttribute('data-cf-index') ? placeholder(node, ctx) : children(node, ctx);
  }
}

/** Text in a cell: the writer finds directives in it before decoding references, so `&#58;status[` stays text. */
function escapeText(text: string): string {
  return escapeHtml(plainText(text)).replace(/:(?=(?:status|jira|time)\[)/g, '&#58;');
}

/**
 * Status and jira macros as directives (the writer reads them in table HTML too) when they fit in XHTML text; a
 * macro with a rich-text body as its body's HTML between macro body markers (comments the writer pairs).
 */
function directive(node: DomElement, ctx: ReaderContext): string {
  const name = node.getAttribute('ac:name');
  if (name !== 'status' && name !== 'jira') return macroWithBody(node, ctx);
  const text = name === 'status' ? status(node, ctx) : jira(node, ctx, false);
  if (text.startsWith(MARK)) return text.slice(1);
  return text && !/[<>&]/.test(text) ? text : placeholder(node, ctx);
}

function macroWithBody(node: DomElement, ctx: ReaderContext): string {
  const markers = ctx.macroBody(node);
  const body = markers ? children(markers.body, ctx) : '';
  if (!markers || !body) return placeholder(node, ctx);
  ctx.warnings.add('placeholder', `${markers.name} kept as markers around its body`);
  return `${markers.begin}${body}${markers.end}`;
}

function placeholder(node: DomElement, ctx: ReaderContext): string {
  return ctx.placeholder(node).split(MARK).join('');
}
