import { ReaderContext } from '../context';
import { DomElement } from '../dom';

/**
 * Converts one element: `content` is the Markdown of its children (turndown walks them first), the result is
 * joined with its siblings' on the newlines at its ends (blocks are wrapped with `ctx.block`).
 */
export type Handler = (content: string, node: DomElement, ctx: ReaderContext) => string;

/** Handlers by element name (`elementName`: `p`, `ac:link`, `ac:structured-macro`...). */
export type Handlers = Readonly<Record<string, Handler>>;

/** Returns the content unchanged (transparent elements). */
export const passThrough: Handler = (content) => content;

/** Renders nothing (elements read by their parent rule). */
export const nothing: Handler = () => '';
