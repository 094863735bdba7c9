/**
 * The turndown service for one conversion. All rules go through one dispatcher keyed by element name: turndown
 * tries rules one by one, so a table of handlers keeps the per-node cost constant however many rules there are.
 */
import TurndownService from 'turndown';
import { ReaderContext } from '../context';
import { DomElement, elementName } from '../dom';
import { escapeTextNode } from '../escape';
import { linkHandlers } from './links';
import { listHandlers } from './lists';
import { macroHandlers } from './macros';
import { mediaHandlers } from './media';
import { panelHandlers } from './panels';
import { structureHandlers } from './structure';
import { prepareTable, tableHandlers } from './tables';
import { fallback, textHandlers } from './text';
import { Handler, Handlers } from './types';

const HANDLERS: Handlers = {
  ...textHandlers,
  ...listHandlers,
  ...linkHandlers,
  ...mediaHandlers,
  ...macroHandlers,
  ...panelHandlers,
  ...tableHandlers,
  ...structureHandlers,
};

function handlerFor(name: string): Handler | undefined {
  return HANDLERS[name] ?? (name.startsWith('ri:') ? HANDLERS['ri:*'] : undefined);
}

/**
 * The element wrapping the whole document. Its rule keeps the document's Markdown and returns nothing, so that
 * turndown's final trim (`/[\t\r\n\s]+$/`, quadratic in every run of spaces that text follows: 400 000
 * no-break spaces before one letter took 104 s) only ever sees an empty string. `canvas` because the HTML parser
 * treats it like any unknown element (a `div` would change how it repairs misnested tables) while turndown counts
 * it as a block (it moves no edge whitespace out of it). Storage cannot forge it: the pre-processor makes a
 * placeholder of `canvas`.
 */
const ROOT = 'canvas';

/**
 * Converts the pre-processor's HTML with a turndown service whose every rule is ours (turndown's own are dropped).
 * Returns the Markdown turndown would return, before `finalize`.
 */
export function turndownHtml(html: string, ctx: ReaderContext): string {
  let markdown = '';
  const convert = (content: string, node: unknown): string => {
    const element = node as DomElement;
    const name = elementName(element);
    if (name === ROOT) {
      markdown = content;
      return '';
    }
    const handler = handlerFor(name);
    return handler ? handler(content, element, ctx) : fallback(content, element, ctx);
  };
  // `rules: {}` drops turndown's own rules (not in its typings): every element goes through `convert`, blank
  // ones too (an empty `<ac:link><ri:user/></ac:link>` is "blank" to turndown but is a mention).
  const options = { rules: {}, blankReplacement: convert, defaultReplacement: convert } as TurndownService.Options;
  const service = new TurndownService(options);
  service.escape = escapeTextNode;
  service.addRule('confluence', {
    filter: (node) => {
      // Runs before turndown walks the children: the only hook where a table can still choose to be HTML.
      if ((node as unknown as DomElement).localName === 'table') prepareTable(node as unknown as DomElement, ctx);
      return true;
    },
    replacement: convert,
  });
  service.turndown(`<${ROOT}>${html}</${ROOT}>`);
  return trimLikeTurndown(markdown);
}

/** Turndown's final trim (leading tabs and line ends, trailing whitespace as `\s` means it), in linear time. */
function trimLikeTurndown(markdown: string): string {
  let start = 0;
  while (start < markdown.length && (markdown[start] === '\n' || markdown[start] === '\t' || markdown[start] === '\r')) start++;
  let end = markdown.length;
  while (end > start && JS_SPACE.test(markdown[end - 1])) end--;
  return start === 0 && end === markdown.length ? markdown : markdown.slice(start, end);
}

const JS_SPACE = /\s/;
