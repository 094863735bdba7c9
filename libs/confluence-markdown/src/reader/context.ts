/** State of one conversion, shared by the rules: options, warnings, element sources, layout decisions. */
import { encodeBegin, encodeEnd, isBodySlot } from '../macro-body';
import { encodePlaceholder } from '../placeholder';
import { StorageToMarkdownOptions } from '../types';
import { DomElement, DomNode, childElements, elementName, isElement, sourceIndex } from './dom';
import { MARK, plainText } from './escape';
import { SourceMap } from './source-map';
import { WarningCollector } from './warnings';

/** Wraps the index of a deferred placeholder payload. */
const DEFERRED = '\u0001';
// eslint-disable-next-line no-control-regex -- the control character is the point: text can never hold it.
const DEFERRED_PAYLOAD = /\u0001([0-9]+)\u0001/g;

/** One conversion's state; rules get it as their third argument. */
export class ReaderContext {
  /** Markdown of GFM table cells, written by the cell rule and read by the table rule. */
  readonly cells = new WeakMap<DomElement, string>();
  /** HTML of tables kept as HTML, rendered before turndown walks their children. */
  readonly htmlTables = new WeakMap<DomElement, string>();
  private readonly looseLists = new WeakMap<DomElement, boolean>();
  /** Placeholder payloads, put into the Markdown by `withPayloads`. */
  private readonly payloads: string[] = [];
  /** Storage never holds U+0001 (XML forbids it), so it can stand in for payloads; a page that does keeps them inline. */
  private readonly deferPayloads: boolean;
  private readonly listMarkers = new WeakMap<DomElement, number>();

  constructor(
    readonly options: StorageToMarkdownOptions,
    readonly warnings: WarningCollector,
    readonly sources: SourceMap,
    storage: string,
  ) {
    this.deferPayloads = !storage.includes(DEFERRED);
  }

  /** The placeholder for a numbered element (its exact storage source), counted as a warning. */
  placeholder(node: DomElement): string {
    const index = sourceIndex(node);
    if (!this.sources.has(index)) {
      this.warnings.add('unknown-element', `<${elementName(node)}> without source dropped`);
      return '';
    }
    const name = this.sources.name(index);
    this.warnings.add('placeholder', `${name} kept as a placeholder`);
    const placeholder = encodePlaceholder(name, this.sources.source(index));
    if (!this.deferPayloads) return `${MARK}${placeholder}`;
    // The payload joins the Markdown at the end (`withPayloads`): turndown copies an element's Markdown once per
    // enclosing element, so a large placeholder deep in nested macros was copied 200 times.
    const payloadStart = placeholder.lastIndexOf(':') + 1;
    this.payloads.push(placeholder.slice(payloadStart, -3));
    return `${MARK}${placeholder.slice(0, payloadStart)}${DEFERRED}${this.payloads.length - 1}${DEFERRED}-->`;
  }

  /** The finished Markdown with the placeholder payloads `placeholder` deferred put in place. */
  withPayloads(markdown: string): string {
    if (!this.payloads.length) return markdown;
    return markdown.replace(DEFERRED_PAYLOAD, (_match, index: string) => this.payloads[Number(index)]);
  }

  /**
   * The markers around a macro's body (macro-body.ts): the macro's source split around the content of its only
   * `ac:rich-text-body`. Undefined when the macro holds anything but parameters and that body, or its source cannot
   * be split into two halves that are well-formed together.
   */
  macroBody(node: DomElement): { name: string; begin: string; end: string; body: DomElement } | undefined {
    let body: DomElement | undefined;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (!isElement(child)) {
        if (plainText(child.nodeValue).trim()) return undefined;
        continue;
      }
      const name = elementName(child);
      if (name === 'ac:parameter') continue;
      if (name !== 'ac:rich-text-body' || body) return undefined;
      body = child;
    }
    const macro = sourceIndex(node);
    const index = body ? sourceIndex(body) : -1;
    if (!body || !this.sources.has(macro) || !this.sources.has(index)) return undefined;
    const parts = this.sources.around(index, macro);
    if (!parts || !isBodySlot(parts.before, parts.after)) return undefined;
    const name = this.sources.name(macro);
    return { name, begin: encodeBegin(name), end: encodeEnd(name, parts.before, parts.after), body };
  }

  /** Formatting that Markdown cannot show: the text stays, one warning per kind. */
  dropped(what: string): void {
    this.warnings.add('formatting-dropped', `${what} dropped`);
  }

  /**
   * Wraps a block's Markdown with the separators turndown joins on. Inside a tight list item blocks follow each
   * other on the next line, except where CommonMark needs a blank line: after a list, quote, table or HTML block
   * (the next line would continue it) and before a thematic break (it would underline a paragraph).
   */
  block(node: DomElement, markdown: string, shape: 'line' | 'open' | 'break' = 'line'): string {
    if (!markdown) return '';
    if (!this.inTightItem(node)) return `\n\n${markdown}\n\n`;
    return `${shape === 'break' ? '\n\n' : '\n'}${markdown}${shape === 'line' ? '\n' : '\n\n'}`;
  }

  /** Whether the element sits directly in an item of a tight list (a list whose items hold one paragraph). */
  inTightItem(node: DomElement): boolean {
    const parent = structuralParent(node);
    if (!parent) return false;
    const name = elementName(parent);
    if (name === 'li' && parent.parentNode && isElement(parent.parentNode)) return !this.isLoose(parent.parentNode);
    if (name === 'ac:task-body') {
      const list = parent.parentNode?.parentNode;
      return !!list && isElement(list) && !this.isLoose(list);
    }
    return false;
  }

  /** A list is loose when one of its items holds two paragraphs. */
  isLoose(list: DomElement): boolean {
    const known = this.looseLists.get(list);
    if (known !== undefined) return known;
    let loose = false;
    for (const item of childElements(list)) {
      const name = elementName(item);
      const body = name === 'ac:task' ? childElements(item, 'ac:task-body')[0] : name === 'li' ? item : undefined;
      if (body && paragraphCount(body) >= 2) {
        loose = true;
        break;
      }
    }
    this.looseLists.set(list, loose);
    return loose;
  }

  /**
   * 0 or 1: which marker a list uses. Two lists in a row would merge into one in Markdown, so a list right after
   * another of the same kind switches marker (`-`/`*`, `1.`/`1)`).
   */
  listMarker(list: DomElement): number {
    // Walk back to the first list whose marker is known (or that follows no list), then assign forward.
    const chain: DomElement[] = [];
    let marker = 0;
    for (let current: DomElement | undefined = list; current; ) {
      const known = this.listMarkers.get(current);
      if (known !== undefined) {
        marker = 1 - known;
        break;
      }
      chain.push(current);
      current = previousListOfSameKind(current);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      this.listMarkers.set(chain[i], marker);
      marker = 1 - marker;
    }
    return this.listMarkers.get(list) ?? 0;
  }
}

/** The parent, looking through `<div data-cf-p>` (a paragraph that held a block, split by the pre-processor). */
export function structuralParent(node: DomNode): DomElement | undefined {
  let parent = node.parentNode;
  while (parent && isElement(parent) && parent.localName === 'div' && parent.hasAttribute('data-cf-p')) parent = parent.parentNode;
  return parent && isElement(parent) ? parent : undefined;
}

function paragraphCount(node: DomElement): number {
  let count = 0;
  for (const child of childElements(node)) {
    if (child.nodeName === 'P' && !child.isBlank) count++;
    else if (child.nodeName === 'DIV' && child.hasAttribute('data-cf-p')) count += paragraphCount(child);
  }
  return count;
}

const BULLET_LISTS = new Set(['ul', 'ac:task-list']);

/** The list right before this one, with nothing rendered in between, when it is of the same kind. */
function previousListOfSameKind(list: DomElement): DomElement | undefined {
  const bullet = BULLET_LISTS.has(elementName(list));
  for (let node = list.previousSibling; node; node = node.previousSibling) {
    if (!isElement(node)) {
      if ((node.nodeValue ?? '').trim()) return undefined;
      continue;
    }
    if (node.isBlank) continue;
    const name = elementName(node);
    if (name === 'ol') return bullet ? undefined : node;
    return bullet && BULLET_LISTS.has(name) ? node : undefined;
  }
  return undefined;
}
