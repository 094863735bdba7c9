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

function handlerFor(node: DomElement): Handler | undefined {
  const name = elementName(node);
  return HANDLERS[name] ?? (name.startsWith('ri:') ? HANDLERS['ri:*'] : undefined);
}

/** A turndown service whose every rule is ours (turndown's own are dropped). */
export function createTurndown(ctx: ReaderContext): TurndownService {
  const convert = (content: string, node: unknown): string => {
    const element = node as DomElement;
    const handler = handlerFor(element);
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
  return service;
}
