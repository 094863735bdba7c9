/** Paragraphs, headings, breaks, quotes, inline formatting and preformatted text. */
import { ReaderContext, structuralParent } from '../context';
import { DomElement, DomNode, elementName, firstChildElement, isElement } from '../dom';
import { BREAK, plainText, stripMarks } from '../escape';
import { codeSpan, fencedBlock, quoteLines, trimNewlines } from '../markdown';
import { Handler, Handlers, nothing, passThrough } from './types';

const HARD_BREAK = BREAK;
// Placeholders start with MARK (NUL, escape.ts) while the Markdown is assembled.
// eslint-disable-next-line no-control-regex
const PLACEHOLDER = /\u0000<!--confluence:[^>]*-->/g;
// eslint-disable-next-line no-control-regex
const ONLY_PLACEHOLDERS = /^(?:[ \t]|\u0000<!--confluence:[^>]*-->)*$/;

/**
 * A paragraph's Markdown: lines joined by hard breaks, leading and trailing breaks dropped (Markdown cannot end
 * a paragraph with one). A placeholder alone on its line is a block for the writer, so within a longer paragraph
 * such placeholders join the next line (or the previous one). A paragraph of placeholders only is written as
 * one block per placeholder: the writer reads them back as blocks, which come back here as separate paragraphs.
 */
function paragraphMarkdown(content: string): string {
  const lines = content.split(BREAK);
  const kept: string[] = [];
  let pending = '';
  for (let i = 0; i < lines.length; i++) {
    // Runs of spaces come from inline elements whose edge spaces meet; HTML shows one (code text is collapsed too).
    const line = trimAscii(lines[i]).replace(/ {2,}/g, ' ');
    if (!stripMarks(line).trim()) continue;
    if (ONLY_PLACEHOLDERS.test(line)) {
      pending += line.replace(/[ \t]+/g, '');
      continue;
    }
    kept.push(pending + line);
    pending = '';
  }
  if (!kept.length) return pending.match(PLACEHOLDER)?.join('\n\n') ?? '';
  if (pending) kept[kept.length - 1] += pending;
  return kept.join(HARD_BREAK);
}

/**
 * Trims spaces and tabs, and line ends too with `lineEnds`: a no-break space is content. A scan, because a
 * regex such as `/[ \t]+$/` retries at every space of a long run that text follows (quadratic).
 */
export function trimAscii(text: string, lineEnds = false): string {
  const blank = (c: string) => c === ' ' || c === '\t' || (lineEnds && (c === '\n' || c === '\r'));
  let start = 0;
  let end = text.length;
  while (start < end && blank(text[start])) start++;
  while (end > start && blank(text[end - 1])) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const paragraph: Handler = (content, node, ctx) => {
  if (node.hasAttribute('style') && /text-align|margin|padding/.test(node.getAttribute('style') ?? '')) ctx.dropped('Paragraph alignment and indentation');
  return ctx.block(node, paragraphMarkdown(content));
};

const heading: Handler = (content, node, ctx) => {
  let text = trimAscii(trimNewlines(content));
  if (text.includes('\n') || text.includes(BREAK)) {
    if (stripMarks(text.split(BREAK).slice(1).join('')).trim()) ctx.dropped('Line breaks in headings');
    text = trimAscii(text.split(BREAK).join(' ').replace(/\n+/g, ' '));
  }
  text = text.replace(/ {2,}/g, ' ');
  if (!stripMarks(text).trim()) return '';
  // A run of `#` at the end, after a space (or a text run's MARK), would be read as the optional closing sequence.
  // eslint-disable-next-line no-control-regex
  text = text.replace(/(^|[ \t\u0000])(#+)([ \t]*)$/, (_m, before: string, hashes: string, after: string) => `${before}\\${hashes}${after}`);
  return ctx.block(node, `${'#'.repeat(Number(node.nodeName.charAt(1)))} ${text}`);
};

const blockquote: Handler = (content, node, ctx) => {
  const body = trimNewlines(content);
  return body ? ctx.block(node, quoteLines(body), 'open') : '';
};

/** First and last character of the Markdown of elements that always write syntax at their edges. */
const EDGES: Readonly<Record<string, readonly [string, string]>> = {
  'ac:link': ['[', ')'],
  'ac:image': ['!', ')'],
  img: ['!', ')'],
  code: ['`', '`'],
  tt: ['`', '`'],
  kbd: ['`', '`'],
  samp: ['`', '`'],
  strong: ['*', '*'],
  b: ['*', '*'],
  em: ['*', '*'],
  i: ['*', '*'],
  s: ['~', '~'],
  del: ['~', '~'],
  strike: ['~', '~'],
  time: [':', ']'],
  'ac:structured-macro': [':', ']'],
  'cf-placeholder': ['<', '>'],
  'ac:emoticon': ['\u2705', '\u2705'],
  br: ['\n', '\n'],
};

/**
 * The character of the Markdown just before/after an element (undefined at the edge of its block), for
 * CommonMark's flanking rules and the directive rule. Read from the DOM: text, or the syntax an element is known
 * to start or end with (so a page link reads the same whether its text is a body or the page title).
 */
export function neighbourChar(node: DomNode, side: 'before' | 'after'): string | undefined {
  const before = side === 'before';
  let sibling = before ? node.previousSibling : node.nextSibling;
  while (sibling && isElement(sibling) && sibling.isBlank) sibling = before ? sibling.previousSibling : sibling.nextSibling;
  // Descend to the nearest text or known syntax at that edge (bounded by the DOM depth).
  while (sibling && isElement(sibling)) {
    const name = elementName(sibling);
    const edges = name === 'a' && sibling.hasAttribute('href') ? (['[', ')'] as const) : EDGES[name];
    if (edges) return before ? edges[1] : edges[0];
    sibling = before ? sibling.lastChild : sibling.firstChild;
  }
  const text = sibling?.nodeValue ?? '';
  return text ? (before ? text[text.length - 1] : text[0]) : undefined;
}

const isSpaceOrPunctuation = (c: string | undefined) => c === undefined || /[\s\p{P}\p{S}]/u.test(c);

/** Whether `delimiter + inner + delimiter` opens and closes here (CommonMark left/right-flanking rules). */
function canDelimit(node: DomElement, inner: string, open: boolean, close: boolean): boolean {
  const first = inner[0];
  const last = inner[inner.length - 1];
  if (open && (/\s/.test(first) || (isSpaceOrPunctuation(first) && !isSpaceOrPunctuation(neighbourChar(node, 'before'))))) return false;
  if (close && (/\s/.test(last) || (isSpaceOrPunctuation(last) && !isSpaceOrPunctuation(neighbourChar(node, 'after'))))) return false;
  return true;
}

/** Whether a neighbouring sibling is the same kind of emphasis: `**a****b**` would not parse, so they merge. */
function sameKindNeighbour(node: DomElement, side: 'previous' | 'next', kinds: readonly string[]): boolean {
  const sibling = side === 'previous' ? node.previousSibling : node.nextSibling;
  return !!sibling && isElement(sibling) && kinds.includes(elementName(sibling)) && !!plainText(sibling.textContent).trim();
}

/** Length of the run of spaces and hard breaks at the start (or end) of inline Markdown. */
function edgeRun(text: string, fromEnd: boolean): number {
  let i = fromEnd ? text.length : 0;
  for (;;) {
    const c = fromEnd ? text[i - 1] : text[i];
    if (fromEnd && c === '\uffff' && text[i - 2] === '\\') i -= 2;
    else if (!fromEnd && c === '\\' && text[i + 1] === '\uffff') i += 2;
    else if (c === ' ' || c === '\t' || c === '\n') i += fromEnd ? -1 : 1;
    else break;
  }
  return fromEnd ? text.length - i : i;
}

/** Wraps inline Markdown whose syntax must touch the text: edge spaces and line breaks go outside the syntax. */
export function outsideEdges(content: string, _node: DomNode, wrap: (inner: string) => string): string {
  const lead = edgeRun(content, false);
  if (lead === content.length) return `${content}${wrap('')}`;
  const trail = edgeRun(content, true);
  // Doubled spaces this may leave next to a neighbour's are collapsed with the paragraph.
  return `${content.slice(0, lead)}${wrap(content.slice(lead, content.length - trail))}${content.slice(content.length - trail)}`;
}

function emphasis(delimiter: string, kinds: readonly string[], what: string): Handler {
  return (content, node, ctx) => {
    if (!stripMarks(content).trim() || insideSameKind(node, kinds)) return content;
    const open = !sameKindNeighbour(node, 'previous', kinds);
    const close = !sameKindNeighbour(node, 'next', kinds);
    return outsideEdges(content, node, (body) => {
      const inner = stripMarks(body);
      if (!inner) return body;
      // Delimiters cannot span blocks (content with newlines holds one: hard breaks are not newlines yet).
      if (!inner.includes('\n') && canDelimit(node, inner, open, close)) return `${open ? delimiter : ''}${body}${close ? delimiter : ''}`;
      ctx.dropped(`${what} that Markdown cannot delimit here`);
      return body;
    });
  };
}

/** Bold inside bold is still bold: `****x****` would not parse as that, so the inner one writes no delimiters. */
function insideSameKind(node: DomElement, kinds: readonly string[]): boolean {
  for (let parent = node.parentNode; parent && isElement(parent) && !(parent as DomElement & { isBlock?: boolean }).isBlock; parent = parent.parentNode) {
    if (kinds.includes(elementName(parent))) return true;
  }
  return false;
}

/**
 * Inline code. Turndown moves the edge spaces of an inline element outside it, so the span holds none either. In
 * a `<pre>` its text keeps every space: `<pre><code>` with 40 000 spaces inside took 0.9 s with a trimming regex.
 */
const code: Handler = (_content, node) => codeSpan(trimAscii(plainText(node.textContent), true));

/** Formatting Markdown has no syntax for: the text stays, a warning names the formatting. */
function droppedFormatting(what: string): Handler {
  return (content, _node, ctx) => {
    if (stripMarks(content).trim()) ctx.dropped(what);
    return content;
  };
}

const span: Handler = (content, node, ctx) => {
  const style = node.getAttribute('style');
  if (style && stripMarks(content).trim()) ctx.dropped(/color|background/i.test(style) ? 'Text colour' : 'Text style');
  return content;
};

const pre: Handler = (_content, node, ctx) => {
  if (elementName(node.parentNode as DomElement) === 'ac:plain-text-body') return '';
  const codeChild = firstChildElement(node, 'code');
  const language = /(?:^|\s)(?:language|lang)-(\S+)/.exec(codeChild?.getAttribute('class') ?? '')?.[1] ?? '';
  return ctx.block(node, fencedBlock(plainText(node.textContent), /^[^\s`"]+$/.test(language) ? language : ''));
};

function previousBlock(node: DomNode): DomNode | undefined {
  for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) if (!isElement(sibling) || !sibling.isBlank) return sibling;
  return undefined;
}

const blockFallback: Handler = (content, node, ctx: ReaderContext) => ctx.block(node, trimNewlines(content), 'open');

/** Paragraphs, headings, quotes, breaks, inline formatting, preformatted text. */
export const textHandlers: Handlers = {
  p: paragraph,
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  h5: heading,
  h6: heading,
  br: () => HARD_BREAK,
  wbr: nothing,
  // `- ---` would be one thematic break, not a list item holding one.
  hr: (_content, node, ctx) => ctx.block(node, structuralParent(node)?.localName === 'li' && !previousBlock(node) ? '***' : '---', 'break'),
  blockquote,
  strong: emphasis('**', ['strong', 'b'], 'Bold'),
  b: emphasis('**', ['strong', 'b'], 'Bold'),
  em: emphasis('*', ['em', 'i'], 'Italics'),
  i: emphasis('*', ['em', 'i'], 'Italics'),
  s: emphasis('~~', ['s', 'del', 'strike'], 'Strikethrough'),
  del: emphasis('~~', ['s', 'del', 'strike'], 'Strikethrough'),
  strike: emphasis('~~', ['s', 'del', 'strike'], 'Strikethrough'),
  code,
  tt: code,
  kbd: code,
  samp: code,
  u: droppedFormatting('Underline'),
  ins: droppedFormatting('Underline'),
  sup: droppedFormatting('Superscript'),
  sub: droppedFormatting('Subscript'),
  mark: droppedFormatting('Highlight'),
  font: droppedFormatting('Font'),
  big: droppedFormatting('Text size'),
  small: droppedFormatting('Text size'),
  span,
  pre,
  div: passThrough,
  summary: nothing,
};

/** Elements without a handler: blocks keep their content as blocks, inline elements their text. */
export function fallback(content: string, node: DomElement, ctx: ReaderContext): string {
  return (node as DomElement & { isBlock?: boolean }).isBlock ? blockFallback(content, node, ctx) : content;
}
