/**
 * Lists and task lists: `-` and `1.` markers (nested by the marker's width), `- [ ]` / `- [x]` tasks. A list is
 * tight unless an item holds two paragraphs; two lists in a row switch marker so Markdown keeps them apart.
 */
import { DomElement, childElements, elementName, isElement } from '../dom';
import { prefixLines, trimNewlines } from '../markdown';
import { Handler, Handlers, nothing, passThrough } from './types';

function item(marker: string, content: string, loose: boolean, indent = marker.length + 1, bodyBelow = false): string {
  const body = trimNewlines(content);
  const pad = ' '.repeat(indent);
  const text = bodyBelow && body ? `${marker}\n\n${prefixLines(body, pad, pad)}` : prefixLines(body, `${marker} `, pad);
  return loose ? `\n\n${text}\n\n` : `\n${text}\n`;
}

/**
 * A list. In a tight item it follows the paragraph on the next line, except where CommonMark would not start a
 * list there: an ordered list not starting at 1, or an empty first item, cannot interrupt a paragraph.
 */
const list: Handler = (content, node, ctx) => {
  const body = trimNewlines(content);
  const interrupts = !(node.localName === 'ol' && startNumber(node) !== '1') && !/^(?:[-*]|\d+[.)])(?:\n|$)/.test(body);
  return ctx.block(node, body, interrupts ? 'open' : 'break');
};

/** An ordered list's number: every item repeats the start number (CommonMark counts on from the first). */
function startNumber(list: DomElement): string {
  const start = list.getAttribute('start')?.trim() ?? '';
  return /^[0-9]{1,9}$/.test(start) ? String(Number(start)) : '1';
}

const listItem: Handler = (content, node, ctx) => {
  const parent = node.parentNode;
  if (!parent || !isElement(parent)) return content;
  const alternate = ctx.listMarker(parent) === 1;
  const marker = parent.nodeName === 'OL' ? `${startNumber(parent)}${alternate ? ')' : '.'}` : alternate ? '*' : '-';
  return item(marker, content, ctx.isLoose(parent));
};

const taskList: Handler = (content, node, ctx) => {
  const body = trimNewlines(content);
  if (!body) return '';
  const parent = node.parentNode;
  // A task list nested directly in a task list belongs to the task before it.
  if (parent && isElement(parent) && elementName(parent) === 'ac:task-list') {
    const separator = ctx.isLoose(parent) ? '\n\n' : '\n';
    return `${separator}${prefixLines(body, '  ', '  ')}${separator}`;
  }
  return ctx.block(node, body, 'open');
};

const task: Handler = (content, node, ctx) => {
  const list = node.parentNode;
  if (!list || !isElement(list)) return content;
  const status = childElements(node, 'ac:task-status')[0]?.textContent?.trim();
  const marker = ctx.listMarker(list) === 1 ? '*' : '-';
  // The writer takes the item's first paragraph as the task's text: a body starting with another block (a
  // heading, a rule) goes below the box, after a blank line.
  const first = childElements(childElements(node, 'ac:task-body')[0] ?? node)[0];
  const paragraph = !first || first.localName === 'p' || first.hasAttribute('data-cf-p');
  return item(`${marker} [${status === 'complete' ? 'x' : ' '}]`, content, ctx.isLoose(list), 2, !paragraph);
};

const definitionList: Handler = (content, node: DomElement, ctx) => {
  ctx.dropped('Definition list layout');
  return ctx.block(node, trimNewlines(content), 'open');
};

/** Lists, task lists and their parts. */
export const listHandlers: Handlers = {
  ul: list,
  ol: list,
  li: listItem,
  'ac:task-list': taskList,
  'ac:task': task,
  'ac:task-body': passThrough,
  'ac:task-id': nothing,
  'ac:task-uuid': nothing,
  'ac:task-status': nothing,
  dl: definitionList,
};
