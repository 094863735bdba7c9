/**
 * The slice of the DOM the rules use. The library compiles without the `dom` lib (it runs in Node, where turndown
 * parses with domino), so the shapes are declared here and turndown's nodes are viewed through them.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  nodeValue: string | null;
  readonly textContent: string | null;
  readonly parentNode: DomElement | null;
  readonly firstChild: DomNode | null;
  readonly lastChild: DomNode | null;
  readonly previousSibling: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  /** Set by turndown on every node it has processed. */
  isBlank?: boolean;
}

/** An element, as domino implements it. */
export interface DomElement extends DomNode {
  /** Lower-case name as parsed (`p`, `ac:link`); cheaper than `nodeName`, which domino upper-cases per call. */
  readonly localName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  removeChild(child: DomNode): DomNode;
}

const ELEMENT_NODE = 1;

/** Narrows a node to an element. */
export function isElement(node: DomNode | null | undefined): node is DomElement {
  return !!node && node.nodeType === ELEMENT_NODE;
}

/** Lower-case element name; Confluence elements written as `<div data-cf="ac:...">` answer with their own name. */
export function elementName(node: DomElement): string {
  const name = node.localName;
  if (name === 'div') return node.getAttribute('data-cf') ?? 'div';
  return name;
}

/** Direct element children called `name` (by elementName). */
export function childElements(node: DomNode, name?: string): DomElement[] {
  const out: DomElement[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && (name === undefined || elementName(child) === name)) out.push(child);
  }
  return out;
}

/** The first direct child element called `name` (by elementName). */
export function firstChildElement(node: DomNode, name: string): DomElement | undefined {
  for (let child = node.firstChild; child; child = child.nextSibling) if (isElement(child) && elementName(child) === name) return child;
  return undefined;
}

/** `data-cf-index` of an element, or -1. */
export function sourceIndex(node: DomElement): number {
  const value = node.getAttribute('data-cf-index');
  return value === null ? -1 : Number(value);
}
