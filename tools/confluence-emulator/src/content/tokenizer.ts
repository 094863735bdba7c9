/**
 * A forgiving, linear-time tokenizer for storage-format XHTML. Every step moves forward; anything that is not a
 * complete tag (a stray `<`, a tag cut off at the end) is text. No recursion, so nesting depth costs nothing.
 */

export const TEXT = 0;
export const CDATA = 1;
export const OPEN = 2;
export const CLOSE = 3;
/** Comments, processing instructions and doctypes: skipped by every consumer. */
export const OTHER = 4;

export interface Token {
  type: number;
  /** Source range of the whole token. */
  start: number;
  end: number;
  /** Tag name (OPEN and CLOSE), as written. */
  name: string;
  /** Raw attribute text of an OPEN tag, trimmed, without the closing `/`. */
  attrs: string;
  selfClosing: boolean;
  /** Text of TEXT (raw, entities undecoded) and CDATA tokens. */
  text: string;
}

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 58 || c === 45 || c === 46;

/** Whether the character after a `<` can begin a tag, a closing tag, a comment, CDATA or a declaration. */
const mayStartMarkup = (c: number): boolean => isNameStart(c) || c === 47 || c === 33 || c === 63;

export class Tokenizer {
  private pos = 0;
  readonly token: Token = { type: TEXT, start: 0, end: 0, name: '', attrs: '', selfClosing: false, text: '' };

  constructor(private readonly src: string) {}

  /** Advances to the next token (in `this.token`); false at the end. */
  next(): boolean {
    const src = this.src;
    const start = this.pos;
    if (start >= src.length) return false;
    const t = this.token;
    t.start = start;
    if (src.charCodeAt(start) !== 60 /* < */) return this.text(start, start + 1);
    if (src.startsWith('<![CDATA[', start)) {
      const close = src.indexOf(']]>', start + 9);
      const end = close < 0 ? src.length : close;
      return this.emit(CDATA, close < 0 ? end : end + 3, src.slice(start + 9, end));
    }
    if (src.startsWith('<!--', start)) {
      const close = src.indexOf('-->', start + 4);
      return this.emit(OTHER, close < 0 ? src.length : close + 3, '');
    }
    const c1 = src.charCodeAt(start + 1);
    if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
      const close = src.indexOf('>', start + 2);
      return close < 0 ? this.text(start, src.length) : this.emit(OTHER, close + 1, '');
    }
    const closing = c1 === 47; /* / */
    let i = closing ? start + 2 : start + 1;
    if (!isNameStart(src.charCodeAt(i))) return this.text(start, start + 1);
    const nameStart = i;
    while (i < src.length && isNameChar(src.charCodeAt(i))) i++;
    const name = src.slice(nameStart, i);
    const attrStart = i;
    // Find the tag's end, skipping quoted attribute values (they may contain '>').
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === 62 /* > */) break;
      if (c === 34 || c === 39) {
        const q = src.indexOf(c === 34 ? '"' : "'", i + 1);
        if (q < 0) return this.text(start, src.length);
        i = q + 1;
      } else if (c === 60 /* < */) {
        return this.text(start, i);
      } else i++;
    }
    if (i >= src.length) return this.text(start, src.length);
    let attrEnd = i;
    while (attrEnd > attrStart && src.charCodeAt(attrEnd - 1) <= 32) attrEnd--;
    const selfClosing = !closing && attrEnd > attrStart && src.charCodeAt(attrEnd - 1) === 47;
    if (selfClosing) attrEnd--;
    t.name = name;
    t.attrs = closing || attrEnd <= attrStart ? '' : src.slice(attrStart, attrEnd).trim();
    t.selfClosing = selfClosing;
    return this.emit(closing ? CLOSE : OPEN, i + 1, '');
  }

  /** Text from `start` up to the next `<` at or after `from` that may begin markup (a stray `<` is text). */
  private text(start: number, from: number): boolean {
    const src = this.src;
    let lt = src.indexOf('<', from);
    while (lt >= 0 && !mayStartMarkup(src.charCodeAt(lt + 1))) lt = src.indexOf('<', lt + 1);
    const end = lt < 0 ? src.length : lt;
    return this.emit(TEXT, end, this.src.slice(start, end));
  }

  private emit(type: number, end: number, text: string): boolean {
    const t = this.token;
    t.type = type;
    t.end = end;
    t.text = text;
    this.pos = end;
    return true;
  }
}

const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Attribute values by name (raw: entities undecoded). */
export function parseAttrs(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!attrs) return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) out[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}
