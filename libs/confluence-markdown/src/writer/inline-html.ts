/**
 * Inline HTML around Markdown (`<u>some *text*</u>`, `<span style="color:red">x</span>`): markdown-it gives each
 * tag as its own token with the Markdown between them as tokens of their own. Before one inline run is rendered,
 * its tags are paired, so a tag is written only with its partner and the storage always nests: a pair must not
 * cross Markdown emphasis or a link, and an open tag closed by another name's end tag is not a pair. An `<a href>`
 * pair becomes a link token (the Markdown link conventions apply); unpaired and unknown tags are left for
 * `renderHtmlInline`, which escapes them with a warning.
 */
import type { WriterContext } from './context';
import { UNSAFE_URL, isKeptElement, keptAttributes, linkAttributes } from './html-allow';
import { renderImage } from './links';
import type { Token } from './tokens';
import { type XmlEvent, readTag } from './xml';

type OpenTag = Extract<XmlEvent, { type: 'open' }>;

/**
 * What is open while pairing: Markdown syntax (`strong`, `em`, `s`, `link`) or an HTML tag; `inLink` says whether it
 * or anything it is inside is a link (links cannot nest).
 */
type Open = ({ kind: 'markdown'; syntax: string } | { kind: 'html'; tag: OpenTag; index: number }) & { inLink: boolean };

/** How far back an end tag looks for its start tag: real text nests a few levels, and it keeps pairing linear. */
const MAX_LOOK_BACK = 64;

const MARKDOWN_SYNTAX = /^(strong|em|s|link)_(open|close)$/;

/**
 * Storage for the inline HTML tokens of one inline run that are written as markup, by token index. `<a href>` pairs
 * are turned into `link_open`/`link_close` tokens in place instead.
 */
export function pairInlineHtml(tokens: Token[], context: WriterContext): Map<number, string> {
  const written = new Map<number, string>();
  if (!tokens.some((t) => t.type === 'html_inline')) return written;
  const stack: Open[] = [];
  const inLink = (link: boolean) => link || (stack.length > 0 && stack[stack.length - 1].inLink);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const syntax = MARKDOWN_SYNTAX.exec(token.type);
    if (syntax) {
      if (syntax[2] === 'open') stack.push({ kind: 'markdown', syntax: syntax[1], inLink: inLink(syntax[1] === 'link') });
      else while (stack.length && (stack.pop() as Open).kind !== 'markdown');
      continue;
    }
    if (token.type !== 'html_inline') continue;
    const tag = readTag(token.content, { htmlVoids: true });
    if (!tag || tag.name === 'br') continue;
    if (tag.type === 'open' && tag.selfClosing) {
      const single = selfClosing(tag, context);
      if (single !== undefined) written.set(i, single);
    } else if (tag.type === 'open') {
      if (isKeptElement(tag.name) || tag.name === 'a') stack.push({ kind: 'html', tag, index: i, inLink: inLink(tag.name === 'a') });
    } else {
      const open = matchingOpen(stack, tag.name);
      if (open) writePair(tokens, open, i, stack, written, context);
    }
  }
  return written;
}

/** A tag that closes itself (`<img …>`, `<ac:emoticon …/>`), or undefined when it is escaped. */
function selfClosing(tag: OpenTag, context: WriterContext): string | undefined {
  if (tag.name === 'img') {
    const attrs = linkAttributes('img', tag.attrs, context);
    const src = attrs.get('src') ?? '';
    if (!src || UNSAFE_URL.test(src)) return undefined;
    return renderImage(src, attrs.get('alt') ?? '', attrs.get('title'));
  }
  return isKeptElement(tag.name) ? `<${tag.name}${keptAttributes(tag.name, tag.attrs, context)}/>` : undefined;
}

/** The open HTML entry an end tag closes (looking through other HTML tags only), removed from the stack with those. */
function matchingOpen(stack: Open[], name: string): Extract<Open, { kind: 'html' }> | undefined {
  for (let at = stack.length - 1; at >= 0 && at >= stack.length - MAX_LOOK_BACK; at--) {
    const entry = stack[at];
    if (entry.kind === 'markdown') return undefined;
    if (entry.tag.name === name) {
      // Tags opened inside it and never closed stay unpaired (escaped).
      stack.length = at;
      return entry;
    }
  }
  return undefined;
}

function writePair(tokens: Token[], open: Extract<Open, { kind: 'html' }>, close: number, stack: Open[], written: Map<number, string>, context: WriterContext): void {
  const { tag } = open;
  if (tag.name !== 'a') {
    written.set(open.index, `<${tag.name}${keptAttributes(tag.name, tag.attrs, context)}>`);
    written.set(close, `</${tag.name}>`);
    return;
  }
  const attrs = linkAttributes('a', tag.attrs, context);
  const href = attrs.get('href');
  // The stack now ends at what the pair sits in.
  const insideLink = stack.length > 0 && stack[stack.length - 1].inLink;
  if (href === undefined || UNSAFE_URL.test(href) || insideLink) {
    // An anchor without a target, an unsafe one, or a link in a link: the text stays, the link does not.
    context.warnings.add('formatting-dropped', 'HTML links without a usable href (none, an unsafe URL, or inside another link) dropped, their text kept');
    written.set(open.index, '');
    written.set(close, '');
    return;
  }
  const title = attrs.get('title');
  tokens[open.index].type = 'link_open';
  tokens[open.index].attrs = title ? [['href', href], ['title', title]] : [['href', href]];
  tokens[close].type = 'link_close';
}
