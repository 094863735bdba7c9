/**
 * One linear pass over storage XHTML that produces HTML turndown's parser (domino) reads the way Confluence meant:
 * CDATA becomes escaped text (an HTML parser would make it a comment), self-closing non-void elements get an
 * explicit end tag (an HTML parser ignores `/>` and `<ri:page/>` would swallow its siblings), unknown elements
 * and macros are replaced by an empty `<cf-placeholder data-cf-index="N">` and their exact source is recorded.
 * Confluence elements the rules read are numbered too, so a rule can still fall back to a placeholder.
 */
import { attributeValue, isSpace, scanEndTag, scanStartTag, ScannedAttribute, ScannedTag } from './scanner';
import { decodeEntities } from './entities';
import {
  BLOCK_MACROS, BLOCK_NAMES, CONFLUENCE_BLOCKS, CONFLUENCE_CONTAINERS, CONFLUENCE_INLINE, DROPPED, HTML_AS_DIV,
  HTML_CONTAINERS, HTML_INLINE, INLINE_MACROS, KEPT_VOIDS, MAX_DEPTH, TABLE_PARENTS, UNWRAPPED, VOID_NAMES,
} from './elements';
import { SourceMap } from './source-map';
import { ElementSpec, TreeWriter } from './tree-writer';
import { WarningCollector } from './warnings';

export interface Preprocessed {
  html: string;
  sources: SourceMap;
}

/** Runs the pass; warnings about the markup itself (depth, invalid markup) go to `warnings`. */
export function preprocess(storage: string, warnings: WarningCollector): Preprocessed {
  return new Preprocessor(storage, warnings).run();
}

/**
 * Inline elements rendered from attributes rather than text get an `<area>` inside: turndown's whitespace
 * collapsing treats a void element as an opaque inline object, so the spaces around `Owner: <mention/>` survive.
 * `<area>` because turndown checks void elements in a fixed order and it comes first (the check walks the
 * subtree once per name); the HTML parser handles it like `<wbr>`. Rules ignore it.
 */
const OPAQUE: ElementSpec['inner'] = { open: '<area>', close: '' };
const OPAQUE_INLINE: ReadonlySet<string> = new Set(['ac:link', 'ac:image', 'ac:emoticon']);

/** Elements holding only elements: whitespace text in them is layout of the source, dropped. */
const TEXTLESS: ReadonlySet<string> = new Set([
  'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'ac:task-list', 'ac:task', 'ac:layout', 'ac:layout-section',
]);

/** Inline formatting without Markdown syntax: unwrapped, with the warning it is worth ('' for none). */
const DROPPED_FORMATTING: Readonly<Record<string, string>> = {
  u: 'Underline', ins: 'Underline', sup: 'Superscript', sub: 'Subscript', mark: 'Highlight', font: 'Font', big: 'Text size',
  small: 'Text size', span: '', abbr: '', cite: '', dfn: '', var: '', bdi: '', bdo: '', data: '', label: '', nobr: '', q: '',
  'ac:inline-comment-marker': 'inline comment',
};

type Decision =
  | { kind: 'element'; spec: Omit<ElementSpec, 'index' | 'attrText'>; numbered: boolean; marked: boolean }
  | { kind: 'placeholder'; name: string }
  | { kind: 'unwrap' };

class Preprocessor {
  private readonly sources: SourceMap;
  private readonly writer: TreeWriter;

  constructor(
    private readonly input: string,
    private readonly warnings: WarningCollector,
  ) {
    this.sources = new SourceMap(input);
    this.writer = new TreeWriter(warnings, (index, end) => this.sources.close(index, end));
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
    if (FORBIDDEN.test(text)) {
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
        writer.void(`<${name}${attributeText(tag.attributes)}>`);
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
    const decision = this.decide(tag);
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
    const index = decision.numbered ? this.sources.open(sourceName, start, leaf ? tag.end : -1) : -1;
    // Elements written under another name keep theirs in `data-cf`, which is what the rules dispatch on.
    const mark = decision.marked ? ` data-cf="${name}"` : '';
    const textless = TEXTLESS.has(name) || name.startsWith('ri:') || (name === 'ac:structured-macro' && spec.emitName === 'div') || spec.inner === OPAQUE;
    // An object literal, not a spread: this runs once per element of a 5 MB page.
    const full: ElementSpec = { emitName: spec.emitName, block: spec.block, container: spec.container, inner: spec.inner, textless, index, attrText: mark + attributeText(tag.attributes) };
    writer.element(name, full, tag.selfClosing, tag.end);
  }

  private decide(tag: ScannedTag): Decision {
    const { name } = tag;
    const parent = this.writer.parent.emitName;
    const confluence = name.startsWith('ac:') || name.startsWith('ri:');
    if (confluence) {
      if (name === 'ac:structured-macro') {
        const macro = macroName(tag.attributes);
        if (BLOCK_MACROS.has(macro)) return element('div', true, false, true, undefined, true);
        if (INLINE_MACROS.has(macro)) return element(name, false, false, true, OPAQUE);
        return { kind: 'placeholder', name: macro || name };
      }
      if (CONFLUENCE_BLOCKS.has(name)) {
        // Only a task list can still become a placeholder (inside an HTML table); the others need no source.
        const spec = element('div', true, CONFLUENCE_CONTAINERS.has(name), name === 'ac:task-list', undefined, true);
        if (name === 'ac:plain-text-body') spec.spec.inner = { open: '<pre>\n', close: '</pre>' };
        return spec;
      }
      if (name.startsWith('ri:')) {
        // A resource outside a link or image renders as a placeholder: only then is its source needed.
        const owned = parent === 'ac:link' || parent === 'ac:image' || parent.startsWith('ri:');
        return element(name, false, false, !owned);
      }
      if (CONFLUENCE_INLINE.has(name)) return element(name, false, false, name === 'ac:link' || name === 'ac:image', OPAQUE_INLINE.has(name) ? OPAQUE : undefined);
      return { kind: 'placeholder', name };
    }
    if (HTML_INLINE.has(name)) {
      // Nested links make the HTML parser restructure the tree; the inner one keeps its text only.
      if (name === 'a' && this.writer.inAnchor) return { kind: 'unwrap' };
      return name === 'time' ? element(name, false, false, true, OPAQUE) : element(name, false, false, false);
    }
    const tableParents = TABLE_PARENTS[name];
    if (tableParents) {
      const ok = tableParents.includes(parent) || ((name === 'td' || name === 'th') && TABLE_PARENTS.tr.includes(parent));
      return ok ? element(name, true, name === 'td' || name === 'th', false) : { kind: 'unwrap' };
    }
    if (HTML_AS_DIV.has(name)) return element('div', true, name === 'details', true, undefined, true);
    if (BLOCK_NAMES.has(name)) {
      if (/^h[1-6]$/.test(name) && /^h[1-6]$/.test(parent)) return { kind: 'unwrap' };
      // A list item outside a list (or a term outside a definition list) is re-parented by the HTML parser.
      if ((name === 'li' && parent !== 'ul' && parent !== 'ol') || ((name === 'dt' || name === 'dd') && parent !== 'dl')) return element('div', true, true, false);
      return element(name, true, HTML_CONTAINERS.has(name), false, name === 'pre' ? { open: '\n', close: '' } : undefined);
    }
    return { kind: 'placeholder', name };
  }

  /** Writes an empty placeholder element for the source from `start`; `end` -1 means it ends with `openName`. */
  private placeholder(name: string, start: number, end: number, openName?: string): void {
    const index = this.sources.open(name, start, end);
    this.writer.inline();
    this.writer.void(`<cf-placeholder data-cf-index="${index}"><area></cf-placeholder>`);
    if (openName) this.writer.unwritten(openName, true, index);
  }
}

function element(emitName: string, block: boolean, container: boolean, numbered: boolean, inner?: ElementSpec['inner'], marked = false): Decision & { kind: 'element' } {
  return { kind: 'element', spec: { emitName, block, container, inner }, numbered, marked };
}

/** Attributes to write out: the source's, minus any that could forge the pre-processor's own `data-cf*` marks. */
function attributeText(attributes: readonly ScannedAttribute[]): string {
  let out = '';
  for (const attribute of attributes) if (!attribute.name.toLowerCase().startsWith('data-cf')) out += ` ${attribute.raw}`;
  return out;
}

function macroName(attributes: readonly ScannedAttribute[]): string {
  return decodeEntities(attributeValue(attributes, 'ac:name') ?? '').trim();
}

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
