/**
 * Writes the HTML that turndown parses, one element at a time, while keeping the stack of open storage elements.
 * It makes the HTML parser's tree equal the storage tree: every element is closed explicitly, a `<p>` that gets a
 * block inside becomes a `<div>` (the parser would otherwise close the paragraph and scatter its content), inline
 * runs beside blocks get an implied `<p>`, nesting is capped at MAX_DEPTH.
 */
import { WarningCollector } from './warnings';
import { MAX_DEPTH } from './elements';

/** Source name of implied paragraphs (never matches an end tag). */
const IMPLIED = '#implied';

/** One open storage element. */
export interface Entry {
  /** Storage element name, lower-cased, or IMPLIED / '#root'. */
  name: string;
  /** Whether a tag was written for it (unwrapped and skipped elements have none). */
  emitted: boolean;
  emitName: string;
  closeText: string;
  /** Its attributes as written out, for a paragraph rewritten into a `<div>`. */
  attrText: string;
  /** Index of its start tag in the output chunks. */
  chunk: number;
  /** Holds inline runs and blocks side by side: inline runs get an implied paragraph. */
  container: boolean;
  /** Holds elements only: whitespace between them is indentation, not content. */
  textless: boolean;
  /** Stack index of the nearest `<p>` the HTML parser would close when a block starts here, or -1. */
  pScope: number;
  /**
   * Stack indexes of the open `li`, `tr` and `td`/`th` a new one would close (HTML's implied end tags; -1 when a
   * list or table starts in between). Unclosed `<li>` and cells are common in HTML pasted into storage.
   */
  itemScope: number;
  rowScope: number;
  cellScope: number;
  /** Stack index of the nearest written element (itself when written). */
  emittedParent: number;
  /** Nesting depth of written elements. */
  depth: number;
  /** Inside a placeholder or dropped element: nothing is written. */
  skip: boolean;
  /** Its `data-cf-index`, or -1. */
  index: number;
  /**
   * Lists and tables open inside it whose tags were not written (past the depth limit). An item, row or cell in
   * one is nested there, not a sibling of an open one: no implied end applies.
   */
  unwrittenContainers: number;
}

/** How an element is written. */
export interface ElementSpec {
  emitName: string;
  block: boolean;
  container: boolean;
  textless?: boolean;
  attrText: string;
  /** Written right after the start tag (`<pre>` of a code body), closed before the end tag. */
  inner?: { open: string; close: string };
  index: number;
}

/** Callback for the end of a numbered element: `index`, the source offset where it ends and where its content ends. */
type CloseListener = (index: number, end: number, innerEnd: number) => void;

/** Inline formatting whose adjacent repeats mean the same as one element. */
const MERGEABLE: ReadonlySet<string> = new Set(['strong', 'b', 'em', 'i', 's', 'del', 'strike', 'code', 'tt', 'u', 'sup', 'sub']);

/** Elements that hold items, rows or cells (see `Entry.unwrittenContainers`). */
const CONTAINERS: ReadonlySet<string> = new Set(['ul', 'ol', 'table']);

/** The output chunks and the stack of open elements. */
export class TreeWriter {
  readonly chunks: string[] = [];
  private readonly stack: Entry[];
  private readonly openCount = new Map<string, number>();
  private readonly unwrapped = new Map<string, number>();
  private anchors = 0;
  /** The formatting element closed by the last chunk written, which an identical start tag right after reopens. */
  private lastClosed: { entry: Entry; chunk: number } | undefined;

  constructor(
    private readonly warnings: WarningCollector,
    private readonly onClose: CloseListener,
  ) {
    this.stack = [
      { name: '#root', emitted: true, emitName: '#root', closeText: '', attrText: '', chunk: -1, container: true, textless: false, pScope: -1, itemScope: -1, rowScope: -1, cellScope: -1, emittedParent: 0, depth: 0, skip: false, index: -1, unwrittenContainers: 0 },
    ];
  }

  get top(): Entry {
    return this.stack[this.stack.length - 1];
  }

  /** The nearest written element: what the HTML parser sees as the parent of the next node. */
  get parent(): Entry {
    return this.stack[this.top.emittedParent];
  }

  get inAnchor(): boolean {
    return this.anchors > 0;
  }

  text(text: string, whitespaceOnly: boolean): void {
    if (this.top.skip || (whitespaceOnly && this.parent.textless)) return;
    if (!whitespaceOnly) this.inline();
    this.chunks.push(text);
  }

  /** Opens an implied paragraph when inline content starts directly in a container. */
  inline(): void {
    const parent = this.parent;
    if (!parent.container || parent.depth >= MAX_DEPTH) return;
    this.pushEntry({ emitName: 'p', block: true, container: false, attrText: '', index: -1 }, IMPLIED, '<p data-cf-implied="">');
  }

  /** Makes room for a block: closes an implied paragraph, turns an enclosing `<p>` into a `<div>`. */
  block(): void {
    let parent = this.parent;
    // A block cannot sit in a heading's single line: the heading ends there (its end tag is then ignored).
    if (/^h[1-6]$/.test(parent.emitName)) {
      this.warnings.add('invalid-markup', 'Unclosed elements closed');
      this.popThrough(this.top.emittedParent, -1);
      parent = this.parent;
    }
    if (parent.name === IMPLIED) {
      this.popThrough(this.top.emittedParent, -1);
      return;
    }
    if (parent.emitName === 'p') {
      this.convertParagraph(parent, true);
      return;
    }
    if (parent.pScope >= 0 && this.stack[parent.pScope].emitName === 'p') this.convertParagraph(this.stack[parent.pScope], false);
  }

  /**
   * Closes what a new `li`, `tr`, `td` or `th` implicitly ends (an open item of the same list, row or cell of
   * the same table), as the HTML parser would.
   */
  impliedEnd(emitName: string, start: number): void {
    const parent = this.parent;
    const scope = emitName === 'li' ? parent.itemScope : emitName === 'tr' ? parent.rowScope : emitName === 'td' || emitName === 'th' ? parent.cellScope : -1;
    // Closing the open item from inside an unwritten list would move every deeper level back up and write it
    // again: 20 000 nested lists (380 KB) gave 4 MB of Markdown in 9 s.
    if (scope < 0 || parent.unwrittenContainers > 0) return;
    this.warnings.add('invalid-markup', 'Unclosed elements closed');
    this.popThrough(scope, start);
  }

  /** Writes an element's start tag; `selfClosing` closes it at once. */
  element(name: string, spec: ElementSpec, selfClosing: boolean, end: number): void {
    // `<strong>a</strong><strong>b</strong>` is `**a****b**` in Markdown, which does not parse: merge them.
    const closed = this.lastClosed;
    if (closed && closed.entry.name === name && !selfClosing && closed.chunk === this.chunks.length - 1 && this.stack.length === closed.entry.emittedParent) {
      this.chunks.pop();
      this.lastClosed = undefined;
      this.stack.push(closed.entry);
      this.count(name, 1);
      return;
    }
    const attrs = `${spec.index >= 0 ? ` data-cf-index="${spec.index}"` : ''}${spec.attrText}`;
    const open = `<${spec.emitName}${attrs}>${spec.inner?.open ?? ''}`;
    const entry = this.pushEntry(spec, name, open);
    if (spec.inner) entry.closeText = `${spec.inner.close}${entry.closeText}`;
    if (selfClosing) this.pop(end);
  }

  /** Writes a void element (never on the stack). */
  void(html: string): void {
    if (!this.top.skip) this.chunks.push(html);
  }

  /**
   * An element whose tags are not written. With `skip` its content is dropped too: it stays on the stack so that
   * its end (the end of its source) is found. Otherwise only its name is counted, so that its end tag is
   * consumed: on the stack it would close the implied paragraph its content opened.
   */
  unwritten(name: string, skip: boolean, index = -1): void {
    if (!skip && !this.top.skip) {
      this.unwrapped.set(name, (this.unwrapped.get(name) ?? 0) + 1);
      if (CONTAINERS.has(name)) this.parent.unwrittenContainers++;
      return;
    }
    const parent = this.top;
    this.stack.push({
      name,
      emitted: false,
      emitName: '',
      closeText: '',
      attrText: '',
      chunk: -1,
      container: false,
      textless: parent.textless,
      pScope: parent.pScope,
      itemScope: parent.itemScope,
      rowScope: parent.rowScope,
      cellScope: parent.cellScope,
      emittedParent: parent.emittedParent,
      depth: parent.depth,
      skip: true,
      index,
      unwrittenContainers: 0,
    });
    this.count(name, 1);
  }

  /** Closes the innermost open element called `name` and everything opened inside it. */
  end(name: string, start: number, end: number): void {
    // Unwrapped elements are the innermost of their name (a depth-capped run, formatting without syntax).
    const unwrapped = this.unwrapped.get(name) ?? 0;
    if (unwrapped > 0 && !this.top.skip) {
      this.unwrapped.set(name, unwrapped - 1);
      if (CONTAINERS.has(name) && this.parent.unwrittenContainers > 0) this.parent.unwrittenContainers--;
      return;
    }
    if (!this.openCount.get(name)) {
      this.warnings.add('invalid-markup', 'Stray end tags ignored');
      return;
    }
    while (this.stack.length > 1) {
      const entry = this.top;
      if (entry.name === name) {
        this.pop(end, start);
        return;
      }
      if (entry.name !== IMPLIED) this.warnings.add('invalid-markup', 'Unclosed elements closed');
      this.pop(start);
    }
  }

  /** Closes everything still open at the end of the input. */
  finish(end: number): void {
    while (this.stack.length > 1) {
      if (this.top.name !== IMPLIED) this.warnings.add('invalid-markup', 'Unclosed elements closed');
      this.pop(end);
    }
  }

  private pushEntry(spec: ElementSpec, name: string, open: string): Entry {
    const parentIndex = this.top.emittedParent;
    const parent = this.stack[parentIndex];
    const index = this.stack.length;
    const emit = spec.emitName;
    const pScope = emit === 'p' ? index : emit === 'table' || emit === 'td' || emit === 'th' ? -1 : parent.pScope;
    const itemScope = emit === 'li' ? index : emit === 'ul' || emit === 'ol' ? -1 : parent.itemScope;
    const rowScope = emit === 'tr' ? index : emit === 'table' ? -1 : parent.rowScope;
    const cellScope = emit === 'td' || emit === 'th' ? index : emit === 'table' || emit === 'tr' ? -1 : parent.cellScope;
    const entry: Entry = {
      name,
      emitted: true,
      emitName: spec.emitName,
      closeText: `</${spec.emitName}>`,
      attrText: spec.attrText,
      chunk: this.chunks.length,
      container: spec.container,
      textless: spec.textless ?? false,
      pScope,
      itemScope,
      rowScope,
      cellScope,
      emittedParent: index,
      depth: parent.depth + 1,
      skip: false,
      index: spec.index,
      unwrittenContainers: 0,
    };
    this.chunks.push(open);
    this.stack.push(entry);
    this.count(name, 1);
    if (spec.emitName === 'a') this.anchors++;
    return entry;
  }

  private pop(end: number, innerEnd = end): void {
    const entry = this.stack.pop() as Entry;
    if (entry.emitted) {
      this.chunks.push(entry.closeText);
      if (entry.emitName === 'a') this.anchors--;
      this.lastClosed = MERGEABLE.has(entry.name) ? { entry, chunk: this.chunks.length - 1 } : undefined;
    }
    if (entry.index >= 0) this.onClose(entry.index, end, innerEnd);
    this.count(entry.name, -1);
  }

  private popThrough(stackIndex: number, end: number): void {
    while (this.stack.length > stackIndex) this.pop(end);
  }

  private count(name: string, delta: number): void {
    if (name === IMPLIED) return;
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + delta);
  }

  /**
   * A block inside a paragraph: the paragraph becomes a `<div>`. When the block is its direct child, the inline
   * run before it is wrapped in an implied paragraph, so it stays a paragraph of its own.
   */
  private convertParagraph(p: Entry, direct: boolean): void {
    if (p.name === IMPLIED) this.chunks[p.chunk] = '<div data-cf-p="">';
    else if (direct) {
      this.chunks[p.chunk] = `<div data-cf-p=""><p data-cf-implied=""${p.attrText}>`;
      this.chunks.push('</p>');
    } else this.chunks[p.chunk] = `<div data-cf-p=""${p.attrText}>`;
    p.emitName = 'div';
    p.closeText = '</div>';
    p.container = true;
    p.pScope = -1;
  }
}
