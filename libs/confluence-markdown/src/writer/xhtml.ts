/**
 * Well-formed XHTML in the Markdown -> storage: the reader's HTML tables and the HTML blocks people and models write
 * (`<p>temporary</p>`). Kept elements and attributes (html-allow.ts) are written with their values re-escaped;
 * `<a href>` and `<img src>` follow the Markdown link and image conventions (`confluence-page:` etc.); placeholder
 * comments are restored and macro body markers put their macro around what they enclose; text may hold inline
 * directives (`:status[…]`), which `&#58;status[` escapes. Other tags and comments are escaped as text with a
 * `raw-html-escaped` warning.
 */
import { decodeMarker } from '../macro-body';
import { decodePlaceholder } from '../placeholder';
import type { WriterContext } from './context';
import { escapeText } from './escape';
import { INLINE_ELEMENTS, UNSAFE_URL, isKeptElement, keptAttributes, linkAttributes } from './html-allow';
import { matchDirective, renderDirective } from './inline-directives';
import { type LinkShape, classifyLink, linkShape, renderImage } from './links';
import { restoreEmptyMacro, restoreWrapper } from './macro-bodies';
import { decodeHtmlEntities } from './md-utils';
import { restorePlaceholder, warnEscaped } from './restore';
import { type XmlEvent, tokenizeXml } from './xml';

/**
 * Output being collected: the root, a link (its body is wrapped as plain text or rich content when it ends), or a
 * macro body between markers (wrapped in its macro when its end marker comes).
 */
interface Frame {
  kind: 'root' | 'link' | 'marker';
  out: string;
  text: string;
  onlyText: boolean;
  shape?: LinkShape;
  /** Marker frames: the macro name, and the element depth the begin marker was met at. */
  name?: string;
  depth: number;
}

/**
 * Converts one HTML block; inline content at its top level is wrapped in a paragraph.
 * @returns storage, or undefined when the block is not well-formed XHTML (the caller escapes it).
 */
export function convertXhtml(html: string, context: WriterContext): string | undefined {
  const events = tokenizeXml(html, { htmlVoids: true, placeholderComments: true });
  return events && new Converter(context).run(events);
}

class Converter {
  private readonly frames: Frame[] = [{ kind: 'root', out: '', text: '', onlyText: true, depth: 0 }];
  /** For each open `<a>`: whether it started a link frame. */
  private readonly anchors: boolean[] = [];
  private depth = 0;
  /** An implied `<p>` is open at the top level. */
  private paragraph = false;

  constructor(private readonly context: WriterContext) {}

  run(events: readonly XmlEvent[]): string {
    for (const event of events) this.event(event);
    this.closeMarkers(0);
    this.closeParagraph();
    return this.frames[0].out;
  }

  private event(event: XmlEvent): void {
    switch (event.type) {
      case 'text':
        this.text(event.raw);
        break;
      case 'cdata':
        if (event.text.trim()) this.inline();
        this.emit(escapeText(event.text), event.text);
        break;
      case 'comment':
        this.comment(event.raw);
        break;
      case 'open':
        this.open(event);
        break;
      case 'close':
        this.close(event);
        break;
    }
  }

  private emit(markup: string, text?: string): void {
    const frame = this.frames[this.frames.length - 1];
    frame.out += markup;
    if (text === undefined) frame.onlyText = false;
    else frame.text += text;
  }

  /** Inline content at the top of a block goes in a paragraph. */
  private inline(): void {
    if (this.depth === 0 && !this.paragraph && this.frames.length === 1) {
      this.frames[0].out += '<p>';
      this.paragraph = true;
    }
  }

  private closeParagraph(): void {
    if (!this.paragraph) return;
    this.frames[0].out += '</p>';
    this.paragraph = false;
  }

  /** Text with directives found on the raw source (so `&#58;` can escape one), then decoded and re-escaped. */
  private text(raw: string): void {
    // Layout between top-level blocks is not content.
    if (this.depth === 0 && !this.paragraph && !raw.trim()) return;
    this.inline();
    let last = 0;
    for (let colon = raw.indexOf(':'); colon >= 0; colon = raw.indexOf(':', colon + 1)) {
      const match = matchDirective(raw, colon);
      if (!match) continue;
      this.plain(raw.slice(last, colon));
      const { directive } = match;
      this.emit(
        renderDirective({
          name: directive.name,
          label: decodeHtmlEntities(directive.label),
          attrs: directive.attrs.map(([key, value]) => [key, decodeHtmlEntities(value)]),
        }),
      );
      last = match.end;
      colon = match.end - 1;
    }
    this.plain(raw.slice(last));
  }

  private plain(raw: string): void {
    if (!raw) return;
    const text = decodeHtmlEntities(raw);
    this.emit(escapeText(text), text);
  }

  private escaped(raw: string): void {
    this.inline();
    warnEscaped(raw, this.context);
    this.emit(escapeText(raw), raw);
  }

  private comment(raw: string): void {
    const marker = decodeMarker(raw);
    if (marker === undefined) {
      const placeholder = decodePlaceholder(raw);
      const restored = placeholder && restorePlaceholder(placeholder.source, this.context);
      if (typeof restored === 'string') this.emit(restored);
      else this.escaped(raw);
      return;
    }
    if (marker === null) {
      this.context.warnings.add('invalid-placeholder', 'a macro body marker that could not be decoded was kept as text');
      this.inline();
      this.emit(escapeText(raw), raw);
      return;
    }
    if (marker.kind === 'begin') {
      this.closeParagraph();
      this.frames.push({ kind: 'marker', out: '', text: '', onlyText: true, name: marker.name, depth: this.depth });
      return;
    }
    const top = this.frames[this.frames.length - 1];
    const paired = top.kind === 'marker' && top.name === marker.name && top.depth === this.depth;
    const wrapper = restoreWrapper(marker.before, marker.after, this.context);
    if (paired) this.frames.pop();
    if (!wrapper) {
      if (paired) this.emit(top.out);
      this.context.warnings.add('invalid-placeholder', 'a macro body end marker whose macro is not well-formed was kept as text');
      this.emit(escapeText(raw), raw);
      return;
    }
    this.closeParagraph();
    if (paired) this.emit(wrapper.before + top.out + wrapper.after);
    else this.emit(restoreEmptyMacro(wrapper, this.context));
  }

  /** Macro bodies whose begin was met deeper than `depth` and whose end never came: their content stays. */
  private closeMarkers(depth: number): void {
    for (let top = this.frames[this.frames.length - 1]; top.kind === 'marker' && top.depth >= depth; top = this.frames[this.frames.length - 1]) {
      this.frames.pop();
      this.context.warnings.add('invalid-placeholder', 'a macro body begin marker without its end marker was dropped: its body was kept, its macro was lost');
      this.emit(top.out);
    }
  }

  private open(event: Extract<XmlEvent, { type: 'open' }>): void {
    const name = event.name;
    const attrs = name === 'a' || name === 'img' ? linkAttributes(name, event.attrs, this.context) : new Map<string, string>();
    if (INLINE_ELEMENTS.has(name)) this.inline();
    else if (this.depth === 0) this.closeParagraph();
    if (name === 'a') {
      if (event.selfClosing) return;
      this.depth++;
      const href = attrs.get('href');
      const usable = href !== undefined && !UNSAFE_URL.test(href) && !this.anchors.includes(true);
      if (!usable) this.context.warnings.add('formatting-dropped', 'HTML links without a usable href (none, an unsafe URL, or inside another link) dropped, their text kept');
      this.anchors.push(usable);
      if (usable) this.frames.push({ kind: 'link', out: '', text: '', onlyText: true, shape: linkShape(classifyLink(href, attrs.get('title'), this.context)), depth: this.depth });
    } else if (name === 'img') {
      const src = attrs.get('src') ?? '';
      // Always self-closing here (an HTML void), so no end tag follows.
      if (src && !UNSAFE_URL.test(src)) this.emit(renderImage(src, attrs.get('alt') ?? '', attrs.get('title')));
      else this.context.warnings.add('formatting-dropped', 'images without a usable src dropped');
    } else if (isKeptElement(name)) {
      if (!event.selfClosing) this.depth++;
      this.emit(`<${name}${keptAttributes(name, event.attrs, this.context)}${event.selfClosing ? '/' : ''}>`);
    } else {
      if (!event.selfClosing) this.depth++;
      this.escaped(event.raw);
    }
  }

  private close(event: Extract<XmlEvent, { type: 'close' }>): void {
    this.closeMarkers(this.depth);
    this.depth--;
    if (event.name === 'a') {
      if (this.anchors.pop()) this.closeLink();
    } else if (isKeptElement(event.name)) {
      this.emit(`</${event.name}>`);
    } else {
      this.escaped(event.raw);
    }
  }

  private closeLink(): void {
    const frame = this.frames.pop() as Frame;
    const shape = frame.shape as LinkShape;
    if (shape.dropBody) this.emit(shape.open);
    else if (shape.plainText && frame.onlyText) this.emit(shape.plainText(frame.text));
    else this.emit(shape.open + frame.out + shape.close);
  }
}
