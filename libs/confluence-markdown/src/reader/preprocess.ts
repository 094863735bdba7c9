/**
 * One linear pass over storage XHTML that produces HTML turndown's parser (domino) reads the way Confluence meant:
 * CDATA becomes escaped text (an HTML parser would make it a comment), self-closing non-void elements get an
 * explicit end tag (an HTML parser ignores `/>` and `<ri:page/>` would swallow its siblings), unknown elements
 * and macros are replaced by an empty `<cf-placeholder data-cf-index="N">` and their exact source is recorded.
 * Confluence elements the rules read are numbered too, so a rule can still fall back to a placeholder.
 */
import { attributeValue, isSpace, scanEndTag, scanStartTag, ScannedTag } from './scanner';
import { DROPPED_FORMATTING, classify, macroName } from './classify';
import { OPAQUE_TEXT } from './escape';
import { DROPPED, KEPT_VOIDS, MAX_ATTRIBUTES, MAX_DEPTH, READ_ATTRIBUTES, UNWRAPPED, VOID_NAMES } from './elements';
import { SourceMap } from './source-map';
import { RichBodyLookahead } from './lookahead';
import { ElementSpec, TreeWriter } from './tree-writer';
import { WarningCollector } from './warnings';

/** The HTML for turndown and the sources of the elements it numbered. */
export interface Preprocessed {
  html: string;
  sources: SourceMap;
}

/** Runs the pass; warnings about the markup itself (depth, invalid markup) go to `warnings`. */
export function preprocess(storage: string, warnings: WarningCollector): Preprocessed {
  return new Preprocessor(storage, warnings).run();
}

class Preprocessor {
  private readonly sources: SourceMap;
  private readonly writer: TreeWriter;
  private readonly richBodies: RichBodyLookahead;

  constructor(
    private readonly input: string,
    private readonly warnings: WarningCollector,
  ) {
    this.sources = new SourceMap(input);
    this.writer = new TreeWriter(warnings, (index, end, innerEnd) => this.sources.close(index, end, innerEnd));
    this.richBodies = new RichBodyLookahead(input);
  }

  run(): Preprocessed {
    const input = this.input;
    let pos = 0;
    while (pos < input.length) {
      const lt = input.indexOf('<', pos);
      if (lt < 0) {
        this.text(input.slice(pos));
        break;
      }
      if (lt > pos) this.text(input.slice(pos, lt));
      pos = this.markup(lt);
    }
    this.writer.finish(input.length);
    return { html: this.writer.chunks.join(''), sources: this.sources };
  }

  /** Handles the construct starting with `<` at `lt`; returns where scanning resumes. */
  private markup(lt: number): number {
    const input = this.input;
    if (input.startsWith('<!--', lt)) {
      const close = input.indexOf('-->', lt + 4);
      if (close < 0) return this.restAsText(lt);
      this.placeholder('comment', lt, close + 3);
      return close + 3;
    }
    if (input.startsWith('<![CDATA[', lt)) {
      const close = input.indexOf(']]>', lt + 9);
      if (close < 0) this.warnings.add('invalid-markup', 'Unterminated CDATA section');
      this.text(escapeText(input.slice(lt + 9, close < 0 ? input.length : close)));
      return close < 0 ? input.length : close + 3;
    }
    const next = input.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      // Doctype and processing instructions carry no content.
      const close = input.indexOf('>', lt);
      return close < 0 ? this.restAsText(lt) : close + 1;
    }
    if (next === 47 /* / */) {
      const endTag = scanEndTag(input, lt);
      if (endTag === 'eof') return this.restAsText(lt);
      if (!endTag) return this.strayLessThan(lt);
      if (!VOID_NAMES.has(endTag.name)) this.writer.end(endTag.name, lt, endTag.end);
      return endTag.end;
    }
    const tag = scanStartTag(input, lt);
    if (tag === 'eof') return this.restAsText(lt);
    if (!tag) return this.strayLessThan(lt);
    this.startTag(tag, lt);
    return tag.end;
  }

  private text(text: string): void {
    if (!text) return;
    if (SUSPECT.test(text) && FORBIDDEN.test(text)) {
      // XML 1.0 forbids them and the writer replaces them the same way: the Markdown stays a fixed point.
      this.warnings.add('invalid-markup', 'Characters XML 1.0 forbids replaced with U+FFFD');
      text = text.replace(FORBIDDEN_ALL, '\ufffd');
    }
    this.writer.text(text, isWhitespace(text));
  }

  private strayLessThan(lt: number): number {
    this.text('&lt;');
    return lt + 1;
  }

  /** A tag, comment or CDATA section cut off by the end of the input: the rest is text. */
  private restAsText(from: number): number {
    this.warnings.add('invalid-markup', 'Unterminated tag at the end of the input kept as text');
    this.text(this.input.slice(from).replace(/</g, '&lt;'));
    return this.input.length;
  }

  private startTag(tag: ScannedTag, start: number): void {
    const writer = this.writer;
    const { name } = tag;
    const leaf = tag.selfClosing || VOID_NAMES.has(name);
    if (writer.top.skip) {
      if (!leaf) writer.unwritten(name, true);
      return;
    }
    if (VOID_NAMES.has(name)) {
      if (!KEPT_VOIDS.has(name)) this.placeholder(name, start, tag.end);
      else if (name === 'hr') {
        writer.block();
        writer.void('<hr>');
      } else {
        writer.inline();
        writer.void(`<${name}${attributeText(this.input, tag, this.warnings)}>`);
      }
      return;
    }
    if (DROPPED.has(name)) {
      if (name === 'caption') this.warnings.add('formatting-dropped', 'Table caption dropped');
      else if (name !== 'ac:placeholder') this.warnings.add('formatting-dropped', 'Table column widths dropped');
      if (!leaf) writer.unwritten(name, true);
      return;
    }
    if (UNWRAPPED.has(name) || (name === 'a' && attributeValue(tag.attributes, 'href') === undefined)) {
      if (!leaf) writer.unwritten(name, false);
      return;
    }
    const dropped = DROPPED_FORMATTING[name];
    if (dropped !== undefined) {
      // Formatting Markdown cannot show is unwrapped here, so the text around it forms the same text nodes as
      // after the writer (escaping depends on a character's neighbours within its text node).
      const style = name === 'span' ? attributeValue(tag.attributes, 'style') : undefined;
      const what = style ? (/color|background/i.test(style) ? 'Text colour' : 'Text style') : dropped;
      if (name === 'ac:inline-comment-marker') this.warnings.add('inline-comment-marker-dropped', 'Inline comment markers dropped');
      else if (what) this.warnings.add('formatting-dropped', `${what} dropped`);
      if (!leaf) writer.unwritten(name, false);
      return;
    }
    if (name === 'li' || name === 'tr' || name === 'td' || name === 'th') writer.impliedEnd(name, start);
    // Only a macro with a rich-text body is parsed whatever its name: its body is shown as Markdown.
    const richBody = name === 'ac:structured-macro' && !tag.selfClosing && this.richBodies.followsAt(tag.end);
    const decision = classify(tag, writer.parent.emitName, writer.inAnchor, richBody);
    if (decision.kind === 'placeholder') {
      this.placeholder(decision.name, start, leaf ? tag.end : -1, leaf ? undefined : name);
      return;
    }
    if (decision.kind === 'unwrap') {
      if (!leaf) writer.unwritten(name, false);
      return;
    }
    const { spec } = decision;
    if (spec.block) writer.block();
    else writer.inline();
    if (writer.parent.depth >= MAX_DEPTH) {
      if (name.startsWith('ac:') || name.startsWith('ri:')) {
        this.placeholder(name === 'ac:structured-macro' ? macroName(tag.attributes) : name, start, leaf ? tag.end : -1, leaf ? undefined : name);
        return;
      }
      this.warnings.add('depth-limited', `Elements nested deeper than ${MAX_DEPTH} levels unwrapped`);
      if (!leaf) writer.unwritten(name, false);
      return;
    }
    const sourceName = name === 'ac:structured-macro' ? macroName(tag.attributes) || name : name;
    const index = decision.numbered ? this.sources.open(sourceName, start, leaf ? tag.end : -1, tag.end) : -1;
    // Elements written under another name keep theirs in `data-cf`, which is what the rules dispatch on.
    const mark = decision.marked ? ` data-cf="${name}"` : '';
    // An object literal, not a spread: this runs once per element of a 5 MB page.
    const full: ElementSpec = { emitName: spec.emitName, block: spec.block, container: spec.container, inner: spec.inner, textless: spec.textless, index, attrText: mark + attributeText(this.input, tag, this.warnings) };
    writer.element(name, full, tag.selfClosing, tag.end);
  }

  /** Writes an empty placeholder element for the source from `start`; `end` -1 means it ends with `openName`. */
  private placeholder(name: string, start: number, end: number, openName?: string): void {
    const index = this.sources.open(name, start, end);
    this.writer.inline();
    this.writer.void(`<cf-placeholder data-cf-index="${index}">${OPAQUE_TEXT}</cf-placeholder>`);
    if (openName) this.writer.unwritten(openName, true, index);
  }
}

/**
 * Attributes to write out: the source's, as written (the HTML parser reads quotes the way the scanner does),
 * minus any that could forge the pre-processor's own `data-cf*` marks. An element with more than MAX_ATTRIBUTES
 * keeps only those the rules read (a warning says so): the HTML parser is quadratic in an element's attributes.
 */
function attributeText(input: string, tag: ScannedTag, warnings: WarningCollector): string {
  if (tag.attrStart === tag.attrEnd) return '';
  let end = tag.attrEnd;
  while (end > tag.attrStart && isSpace(input.charCodeAt(end - 1))) end--;
  const raw = input.slice(tag.attrStart, end);
  // Every attribute but the last takes at least two characters (`a b`): short attribute text needs no count.
  const crowded = raw.length > 2 * MAX_ATTRIBUTES && tag.attributes.length > MAX_ATTRIBUTES;
  if (!crowded && !/data-cf/i.test(raw)) return raw && isSpace(raw.charCodeAt(0)) ? raw : raw && ` ${raw}`;
  let out = '';
  let kept = 0;
  for (const attribute of tag.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('data-cf') || (crowded && (kept >= MAX_ATTRIBUTES || !isReadAttribute(name)))) continue;
    out += ` ${attribute.raw}`;
    kept++;
  }
  if (crowded) warnings.add('formatting-dropped', `Unused attributes of elements with more than ${MAX_ATTRIBUTES} attributes dropped`);
  return out;
}

function isReadAttribute(name: string): boolean {
  return READ_ATTRIBUTES.has(name) || name.startsWith('ac:') || name.startsWith('ri:');
}

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates): matching them is the point. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');
/** A cheap first test: surrogates are fine in pairs, which only FORBIDDEN's look-arounds can tell. */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
