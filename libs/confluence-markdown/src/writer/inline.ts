/**
 * Renders markdown-it's inline tokens as storage. The token list is flat (open/close pairs), so one loop with
 * a stack of end tags handles any nesting depth without recursion.
 */
import type { WriterContext } from './context';
import { escapeText } from './escape';
import { renderHtmlInline } from './html';
import { pairInlineHtml } from './inline-html';
import { DIRECTIVE_TOKEN, type Directive, renderDirective } from './inline-directives';
import { classifyLink, linkShape, renderImage } from './links';
import { type Token, attr, getMeta } from './tokens';

const SIMPLE_TAGS: Record<string, string> = {
  strong_open: '<strong>',
  strong_close: '</strong>',
  em_open: '<em>',
  em_close: '</em>',
  s_open: '<s>',
  s_close: '</s>',
};

/** Storage for the children of one `inline` token. */
export function renderInline(tokens: Token[], context: WriterContext): string {
  const html = pairInlineHtml(tokens, context);
  let out = '';
  const linkEnds: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'text':
      case 'text_special':
        out += escapeText(token.content);
        break;
      case 'softbreak':
        out += '\n';
        break;
      case 'hardbreak':
        out += '<br/>';
        break;
      case 'code_inline':
        out += `<code>${escapeText(token.content)}</code>`;
        break;
      case 'link_open': {
        const end = linkClose(tokens, i);
        const shape = linkShape(classifyLink(attr(token, 'href'), attr(token, 'title') || undefined, context));
        const text = shape.plainText ? plainText(tokens, i + 1, end) : undefined;
        if (shape.dropBody || text !== undefined) {
          out += shape.dropBody ? shape.open : (shape.plainText as (text: string) => string)(text as string);
          i = end;
        } else {
          out += shape.open;
          linkEnds.push(shape.close);
        }
        break;
      }
      case 'link_close':
        out += linkEnds.pop() ?? '';
        break;
      case 'image':
        out += renderImage(attr(token, 'src'), altText(token), attr(token, 'title') || undefined);
        break;
      case 'html_inline':
        out += html.get(i) ?? renderHtmlInline(token.content, context);
        break;
      case DIRECTIVE_TOKEN:
        out += renderDirective(getMeta<Directive>(token));
        break;
      default:
        out += SIMPLE_TAGS[token.type] ?? escapeText(token.content);
    }
  }
  return out;
}

/** The index of the `link_close` that ends the link opened at `open` (or the last token). */
function linkClose(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].type === 'link_open') depth++;
    else if (tokens[i].type === 'link_close' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** The link's text when it is only text (then it can go in `ac:plain-text-link-body`), else undefined. */
function plainText(tokens: readonly Token[], from: number, to: number): string | undefined {
  let text = '';
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (token.type === 'text' || token.type === 'text_special') text += token.content;
    else if (token.type === 'softbreak') text += '\n';
    else return undefined;
  }
  return text;
}

/** An image's alt text: the plain text of its description, nested images included (iteratively). */
function altText(image: Token): string {
  let text = '';
  const pending: Token[] = [...(image.children ?? [])].reverse();
  for (let token = pending.pop(); token; token = pending.pop()) {
    if (token.type === 'image') {
      for (let i = (token.children ?? []).length - 1; i >= 0; i--) pending.push((token.children as Token[])[i]);
    } else if (token.type === 'softbreak' || token.type === 'hardbreak') {
      text += ' ';
    } else if (['text', 'text_special', 'code_inline', DIRECTIVE_TOKEN].includes(token.type)) {
      text += token.content;
    }
  }
  return text;
}
