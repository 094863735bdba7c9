/**
 * Tables: a GFM table when every cell holds one paragraph of inline content and nothing spans; otherwise the table is
 * kept as an XHTML `<table>` block (html-table.ts). The choice is made before turndown walks the cells
 * (`prepareTable`), so an HTML table's cells are rendered once, as HTML.
 */
import { ReaderContext } from '../context';
import { DomElement, childElements } from '../dom';
import { BLOCK_NAMES } from '../elements';
import { BREAK, stripMarks } from '../escape';
import { trimNewlines } from '../markdown';
import { serializeTable } from './html-table';
import { trimAscii } from './text';
import { rowCells, tableRows } from './table-dom';
import { Handler, Handlers, nothing } from './types';

function spans(cell: DomElement): boolean {
  return ['colspan', 'rowspan'].some((name) => {
    const value = cell.getAttribute(name);
    return value !== null && value.trim() !== '1';
  });
}

/** Whether a cell holds more than one paragraph of inline content (line breaks are fine: `<br/>`). */
function hasBlockContent(cell: DomElement): boolean {
  let paragraphs = 0;
  for (const child of childElements(cell)) {
    const name = child.nodeName.toLowerCase();
    if (name === 'p' && ++paragraphs === 1) continue;
    if (name === 'p' || name === 'div' || BLOCK_NAMES.has(name)) return true;
  }
  return false;
}

function alignment(cell: DomElement): string | undefined {
  const value = /text-align:\s*(left|center|right)/i.exec(cell.getAttribute('style') ?? '')?.[1] ?? cell.getAttribute('align') ?? undefined;
  return value?.toLowerCase();
}

const DELIMITERS: Readonly<Record<string, string>> = { left: ':---', center: ':---:', right: '---:' };

/** A column's alignment when all its cells agree (the writer puts it on every cell of the column). */
function columnDelimiters(rows: DomElement[][], width: number, ctx: ReaderContext): string[] {
  const out: string[] = [];
  for (let column = 0; column < width; column++) {
    const values = new Set(rows.filter((cells) => column < cells.length).map((cells) => alignment(cells[column])));
    const only = values.size === 1 ? [...values][0] : undefined;
    if (!only && [...values].some(Boolean)) ctx.dropped('Table cell alignment');
    out.push((only && DELIMITERS[only]) || '---');
  }
  return out;
}

/** Called before turndown walks a table: an HTML table is rendered now and its children removed. */
export function prepareTable(table: DomElement, ctx: ReaderContext): void {
  const rows = tableRows(table);
  if (!rows.some((row) => rowCells(row).some((cell) => spans(cell) || hasBlockContent(cell)))) return;
  ctx.htmlTables.set(table, serializeTable(table, ctx));
  while (table.firstChild) table.removeChild(table.firstChild);
}

const table: Handler = (_content, node, ctx) => {
  const html = ctx.htmlTables.get(node);
  if (html !== undefined) return ctx.block(node, html, 'open');
  const rows = tableRows(node).map((row) => rowCells(row));
  const width = rows.reduce((max, cells) => Math.max(max, cells.length), 0);
  if (!width) return '';
  if (rows.slice(1).some((cells) => cells.some((cell) => cell.nodeName === 'TH'))) ctx.dropped('Header cells outside the first row');
  const line = (cells: DomElement[]) => {
    const texts = cells.map((cell) => ctx.cells.get(cell) ?? '');
    while (texts.length < width) texts.push('');
    return `| ${texts.join(' | ')} |`;
  };
  const lines = [line(rows[0]), `| ${columnDelimiters(rows, width, ctx).join(' | ')} |`, ...rows.slice(1).map(line)];
  return ctx.block(node, lines.join('\n'), 'open');
};

/**
 * A cell's Markdown on one line: hard breaks become `<br/>` (which the writer reads back as a line break), pipes
 * are escaped (also inside code spans, where GFM requires it too).
 */
const cell: Handler = (content, node, ctx) => {
  const text = trimAscii(trimNewlines(content).split(BREAK).join('<br/>').replace(/\n+/g, ' ').replace(/ {2,}/g, ' '));
  ctx.cells.set(node, stripMarks(text).trim() ? text.replace(/\|/g, '\\|') : '');
  return '';
};

/** Tables and their parts (cells are collected, the table writes them). */
export const tableHandlers: Handlers = {
  table,
  thead: nothing,
  tbody: nothing,
  tfoot: nothing,
  tr: nothing,
  td: cell,
  th: cell,
};
