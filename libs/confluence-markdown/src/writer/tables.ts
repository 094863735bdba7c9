/** GFM table cells: markdown-it marks column alignment as `style="text-align:X"`; storage keeps it. */
import { type Token, attr } from './tokens';

const ALIGNMENTS = new Set(['left', 'center', 'right']);

/**
 * `<th>` / `<td>`, with `style="text-align: X;"` (the form the Confluence editor writes) when the
 * delimiter row aligned the column.
 */
export function tableCellOpen(token: Token): string {
  const align = /^text-align:(\w+)$/.exec(attr(token, 'style'))?.[1];
  return align && ALIGNMENTS.has(align) ? `<${token.tag} style="text-align: ${align};">` : `<${token.tag}>`;
}
