/** Table structure as the HTML parser builds it (rows may sit in sections or directly in the table). */
import { DomElement, childElements, elementName } from '../dom';

/** Rows in document order: in `thead`, `tbody`, `tfoot`, or directly in the table. */
export function tableRows(table: DomElement): DomElement[] {
  const rows: DomElement[] = [];
  for (const child of childElements(table)) {
    const name = elementName(child);
    if (name === 'tr') rows.push(child);
    else if (name === 'thead' || name === 'tbody' || name === 'tfoot') for (const row of childElements(child, 'tr')) rows.push(row);
  }
  return rows;
}

/** A row's `td` and `th` cells. */
export function rowCells(row: DomElement): DomElement[] {
  return childElements(row).filter((cell) => cell.nodeName === 'TD' || cell.nodeName === 'TH');
}
