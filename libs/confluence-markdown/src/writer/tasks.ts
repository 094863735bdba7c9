/**
 * Task lists: a bullet list whose every item starts with `[ ]` or `[x]` becomes an `ac:task-list`. This is
 * a core rule of our own (no plugin dependency); it runs after block parsing and before inline parsing, so
 * the marker is removed from the item's text before anything reads it as Markdown.
 */
import type MarkdownIt from 'markdown-it';
import { contextOf } from './context';
import { matchClosings, setMeta } from './tokens';

type StateCore = MarkdownIt.StateCore;

/** Token types the renderer turns into `ac:task-list` / `ac:task`. */
export const TASK_LIST_OPEN = 'task_list_open';
export const TASK_LIST_CLOSE = 'task_list_close';
export const TASK_ITEM_OPEN = 'task_item_open';
export const TASK_ITEM_CLOSE = 'task_item_close';

/** `[ ]`, `[x]` or `[X]`, then whitespace or the end of the item's first paragraph. */
const MARKER = /^\[([ xX])\](?:[ \t]+|\n|$)/;

/** The core rule. Linear: each list's items are visited once, skipping their contents. */
export function taskListRule(state: StateCore): void {
  const tokens = state.tokens;
  let closing: Int32Array | undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'bullet_list_open') continue;
    closing ??= matchClosings(tokens);
    const items: number[] = [];
    let tasks = 0;
    for (let j = i + 1; j < closing[i] && tokens[j].type === 'list_item_open'; j = closing[j] + 1) {
      items.push(j);
      if (taskMarker(tokens, j)) tasks++;
    }
    if (tasks === 0) continue;
    if (tasks < items.length) {
      contextOf(state.env).warnings.add(
        'formatting-dropped',
        'a list that mixes task items and plain items keeps its task markers as text',
      );
      continue;
    }
    tokens[i].type = TASK_LIST_OPEN;
    tokens[closing[i]].type = TASK_LIST_CLOSE;
    for (const j of items) {
      const marker = taskMarker(tokens, j) as RegExpExecArray;
      const inline = tokens[j + 2];
      inline.content = inline.content.slice(marker[0].length);
      tokens[j].type = TASK_ITEM_OPEN;
      setMeta(tokens[j], { complete: marker[1] !== ' ' });
      tokens[closing[j]].type = TASK_ITEM_CLOSE;
      // The first paragraph is the task's text: `ac:task-body` holds it without a `<p>`.
      tokens[j + 1].hidden = true;
      tokens[j + 3].hidden = true;
    }
  }
}

function taskMarker(tokens: MarkdownIt.Token[], item: number): RegExpExecArray | null {
  if (tokens[item + 1]?.type !== 'paragraph_open' || tokens[item + 2]?.type !== 'inline') return null;
  return MARKER.exec(tokens[item + 2].content);
}
