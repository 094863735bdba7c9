/** Layouts (flattened), inline comment markers (text kept) and placeholders. */
import { isElement } from '../dom';
import { Handler, Handlers, passThrough } from './types';

const layout: Handler = (content, _node, ctx) => {
  ctx.warnings.add('layout-flattened', 'Page layout flattened');
  return content;
};

const commentMarker: Handler = (content, _node, ctx) => {
  ctx.warnings.add('inline-comment-marker-dropped', 'Inline comment markers dropped');
  return content;
};

/**
 * A placeholder in a paragraph stays inline; one directly in a list, table or other structure is a block of its
 * own (the pre-processor puts placeholders met between blocks in an implied paragraph already).
 */
const placeholder: Handler = (_content, node, ctx) => {
  const text = ctx.placeholder(node);
  const parent = node.parentNode;
  const inline = !parent || !isElement(parent) || !(parent as typeof parent & { isBlock?: boolean }).isBlock || parent.nodeName === 'P' || /^H[1-6]$/.test(parent.nodeName);
  return inline ? text : ctx.block(node, text);
};

/** Layouts, inline comment markers, placeholders. */
export const structureHandlers: Handlers = {
  'ac:layout': layout,
  'ac:layout-section': passThrough,
  'ac:layout-cell': passThrough,
  'ac:inline-comment-marker': commentMarker,
  'cf-placeholder': placeholder,
};
