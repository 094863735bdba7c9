/**
 * HTML `<table>` blocks (the reader writes them for tables with spans or block content) -> storage tables.
 * The block must be well-formed XHTML (HTML void elements may omit `/`). Known HTML elements are kept with
 * their attributes re-escaped; `<a href>` and `<img src>` follow the Markdown link conventions; placeholder
 * comments are restored; `ac:`/`ri:` elements pass through; text may hold inline directives (`:status[…]`),
 * which `&#58;status[` escapes. Other tags are escaped as text with a warning.
 */
import type { WriterContext } from './context';
import { escapeAttr, escapeText } from './escape';
import { restorePlaceholder, warnEscaped } from './restore';
import { matchDirective, renderDirective } from './inline-directives';
import { type LinkShape, classifyLink, linkShape, renderImage } from './links';
import { decodeHtmlEntities } from './md-utils';
import { decodePlaceholder } from '../placeholder';
import { tokenizeXml } from './xml';

const HTML_ELEMENTS = new Set(
  (
    'table caption colgroup col thead tbody tfoot tr th td p br hr div span strong b em i s del strike u ' +
    'sup sub code pre kbd ul ol li blockquote h1 h2 h3 h4 h5 h6 time'
  ).split(' '),
);
const SAFE_ATTR = /^(?!on)[A-Za-z_][\w.:-]*$/i;
const UNSAFE_URL = /^\s*(?:javascript|vbscript|file|data):/i;

/** A link being written: its body is collected first, then wrapped as plain text or rich content. */
interface Frame {
  out: string;
  text: string;
  onlyText: boolean;
  shape: LinkShape;
}

/**
 * Converts one HTML table block.
 * @returns storage, or undefined when the block is not well-formed (the caller escapes it).
 */
export function convertHtmlTable(html: string, context: WriterContext): string | undefined {
  const events = tokenizeXml(html, { htmlVoids: true });
  if (!events) return undefined;
  const frames: Frame[] = [{ out: '', text: '', onlyText: true, shape: { open: '', close: '' } }];
  const linkDepth: boolean[] = []; // for each open <a>: did it start a frame?
  const emit = (markup: string, text?: string): void => {
    const frame = frames[frames.length - 1];
    frame.out += markup;
    if (text === undefined) frame.onlyText = false;
    else frame.text += text;
  };
  for (const event of events) {
    switch (event.type) {
      case 'text':
        emitText(event.raw, emit);
        break;
      case 'cdata':
        emit(escapeText(event.text), event.text);
        break;
      case 'comment': {
        const placeholder = decodePlaceholder(event.raw);
        const restored = placeholder && restorePlaceholder(placeholder.source, context);
        if (typeof restored === 'string') emit(restored);
        else escapeTag(event.raw, context, emit);
        break;
      }
      case 'open': {
        const name = event.name;
        const attrs = new Map(event.attrs.map(([key, value]) => [key.toLowerCase(), decodeHtmlEntities(value)]));
        if (name === 'a') {
          const href = attrs.get('href');
          const usable = href !== undefined && !UNSAFE_URL.test(href);
          if (event.selfClosing) break;
          linkDepth.push(usable);
          if (usable) frames.push({ out: '', text: '', onlyText: true, shape: linkShape(classifyLink(href, attrs.get('title'), context)) });
        } else if (name === 'img') {
          const src = attrs.get('src') ?? '';
          // Always self-closing here (an HTML void), so no end tag follows.
          if (src && !UNSAFE_URL.test(src)) emit(renderImage(src, attrs.get('alt') ?? '', attrs.get('title')));
        } else if (HTML_ELEMENTS.has(name) || /^(?:ac|ri):/.test(name)) {
          emit(`<${name}${safeAttrs(event.attrs)}${event.selfClosing ? '/' : ''}>`);
        } else {
          escapeTag(event.raw, context, emit);
        }
        break;
      }
      case 'close':
        if (event.name === 'a') {
          if (linkDepth.pop()) closeLink(frames, emit);
        } else if (HTML_ELEMENTS.has(event.name) || /^(?:ac|ri):/.test(event.name)) {
          emit(`</${event.name}>`);
        } else {
          escapeTag(event.raw, context, emit);
        }
        break;
    }
  }
  return frames[0].out;
}

function closeLink(frames: Frame[], emit: (markup: string, text?: string) => void): void {
  const frame = frames.pop() as Frame;
  const { shape } = frame;
  if (shape.dropBody) emit(shape.open);
  else if (shape.plainText && frame.onlyText) emit(shape.plainText(frame.text));
  else emit(shape.open + frame.out + shape.close);
}

/** Text with directives found on the raw source (so `&#58;` can escape one), then decoded and re-escaped. */
function emitText(raw: string, emit: (markup: string, text?: string) => void): void {
  let last = 0;
  for (let colon = raw.indexOf(':'); colon >= 0; colon = raw.indexOf(':', colon + 1)) {
    const match = matchDirective(raw, colon);
    if (!match) continue;
    emitPlain(raw.slice(last, colon), emit);
    const { directive } = match;
    emit(
      renderDirective({
        name: directive.name,
        label: decodeHtmlEntities(directive.label),
        attrs: directive.attrs.map(([key, value]) => [key, decodeHtmlEntities(value)]),
      }),
    );
    last = match.end;
    colon = match.end - 1;
  }
  emitPlain(raw.slice(last), emit);
}

function emitPlain(raw: string, emit: (markup: string, text?: string) => void): void {
  if (!raw) return;
  const text = decodeHtmlEntities(raw);
  emit(escapeText(text), text);
}

function escapeTag(raw: string, context: WriterContext, emit: (markup: string, text?: string) => void): void {
  warnEscaped(raw, context);
  emit(escapeText(raw), raw);
}

function safeAttrs(attrs: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  for (const [name, value] of attrs) {
    if (SAFE_ATTR.test(name)) out += ` ${name}="${escapeAttr(decodeHtmlEntities(value))}"`;
  }
  return out;
}
