/**
 * Renders markdown-it's block token stream as storage. Every element is written here (markdown-it's HTML
 * renderer is never used), so every name, attribute and text is escaped for XML. Block tokens are a flat
 * list of open/close pairs: one loop, no recursion, whatever the nesting depth.
 */
import { ALERT_CLOSE, ALERT_END, ALERT_OPEN, type AlertMeta, alertOpen } from './alerts';
import { parseInfoString, renderCodeMacro } from './code';
import type { WriterContext } from './context';
import { EXPAND_CLOSE, EXPAND_END, EXPAND_OPEN, type ExpandMeta, expandOpen } from './details';
import { escapeText } from './escape';
import { renderHtmlBlock } from './html';
import { renderInline } from './inline';
import { MACRO_BODY_CLOSE, MACRO_BODY_OPEN, MACRO_BODY_STORAGE, type StorageMeta } from './macro-bodies';
import { DEPTH_LIMITED } from './parser';
import { tableCellOpen } from './tables';
import { TASK_ITEM_CLOSE, TASK_ITEM_OPEN, TASK_LIST_CLOSE, TASK_LIST_OPEN } from './tasks';
import { type Token, attr, getMeta } from './tokens';

/** Tokens whose storage is fixed text. */
const FIXED: Record<string, string> = {
  bullet_list_close: '</ul>',
  ordered_list_close: '</ol>',
  list_item_open: '<li>',
  list_item_close: '</li>',
  blockquote_open: '<blockquote>',
  blockquote_close: '</blockquote>',
  hr: '<hr/>',
  // GFM tables: storage tables have no `<thead>`; header cells are `<th>` in the first row.
  table_open: '<table><tbody>',
  table_close: '</tbody></table>',
  thead_open: '',
  thead_close: '',
  tbody_open: '',
  tbody_close: '',
  tr_open: '<tr>',
  tr_close: '</tr>',
  th_close: '</th>',
  td_close: '</td>',
  [TASK_LIST_OPEN]: '<ac:task-list>',
  [TASK_LIST_CLOSE]: '</ac:task-list>',
  [TASK_ITEM_CLOSE]: '</ac:task-body></ac:task>',
  [ALERT_CLOSE]: ALERT_END,
  [EXPAND_CLOSE]: EXPAND_END,
};

/** Storage for a whole token stream. */
export function renderTokens(tokens: readonly Token[], context: WriterContext): string {
  // String concatenation builds a rope in V8: cheaper than collecting parts and joining them.
  let out = '';
  for (const token of tokens) {
    const fixed = FIXED[token.type];
    if (fixed !== undefined) {
      out += fixed;
      continue;
    }
    switch (token.type) {
      case 'paragraph_open':
      case 'paragraph_close':
      case 'heading_open':
      case 'heading_close':
        // Tight list items and task bodies hide their paragraphs.
        if (!token.hidden) out += token.nesting === 1 ? `<${token.tag}>` : `</${token.tag}>`;
        break;
      case 'inline':
        out += renderInline(token.children ?? [], context);
        break;
      case 'bullet_list_open':
        out += '<ul>';
        break;
      case 'ordered_list_open': {
        const start = Number(attr(token, 'start') || 1);
        out += start === 1 ? '<ol>' : `<ol start="${start}">`;
        break;
      }
      case 'fence':
      case 'code_block':
        out += renderCode(token, context);
        break;
      case 'html_block':
        out += renderHtmlBlock(token.content, context);
        break;
      case 'th_open':
      case 'td_open':
        out += tableCellOpen(token);
        break;
      case TASK_ITEM_OPEN: {
        const status = getMeta<{ complete: boolean }>(token).complete ? 'complete' : 'incomplete';
        const id = context.nextTaskId++;
        out += `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${status}</ac:task-status><ac:task-body>`;
        break;
      }
      case ALERT_OPEN:
        out += alertOpen(getMeta<AlertMeta>(token));
        break;
      case EXPAND_OPEN:
        out += expandOpen(getMeta<ExpandMeta>(token));
        break;
      case MACRO_BODY_OPEN:
      case MACRO_BODY_CLOSE:
      case MACRO_BODY_STORAGE:
        out += getMeta<StorageMeta>(token).storage;
        break;
      case DEPTH_LIMITED:
        out += `<p>${escapeText(token.content)}</p>`;
        break;
      default:
        // Every token markdown-it and our rules produce is handled above; keep any other text visible.
        if (token.content) out += `<p>${escapeText(token.content)}</p>`;
    }
  }
  return out;
}

function renderCode(token: Token, context: WriterContext): string {
  const info = parseInfoString(token.type === 'fence' ? token.info : '');
  if (info.ignored.length) {
    context.warnings.add('formatting-dropped', 'words in a code fence info string that are not key="value" were ignored', info.ignored.length);
  }
  return renderCodeMacro(info, token.content);
}
