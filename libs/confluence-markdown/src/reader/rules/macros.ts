/**
 * Macros: code and noformat become fenced blocks, status and jira the `:status[...]` / `:jira[...]` syntax,
 * panels and expand are in panels.ts, any other macro with a rich-text body its body between markers
 * (macro-body.ts). A macro whose parameters the syntax cannot carry stays a placeholder, or its body between
 * markers when it has a rich-text one.
 */
import { ReaderContext } from '../context';
import { DomElement, firstChildElement } from '../dom';
import { escapeInline, plainText } from '../escape';
import { fencedBlock, linkDestination } from '../markdown';
import { macroWithBody } from './macro-body';
import { alert, expand } from './panels';
import { Parameters, macroParameters, parameter } from './parameters';
import { neighbourChar } from './text';
import { Handler, Handlers, nothing, passThrough } from './types';

/** Parameter names the writer reads in `key="value"` (info strings and directive attributes). */
const KEY = /^[A-Za-z_][\w.:-]*$/;

/** `key="value"` with the writer's two escapes (`\"`, `\\`); undefined when a value spans lines. */
function keyValues(parameters: Parameters): string | undefined {
  let out = '';
  for (const [key, value] of parameters) {
    if (!KEY.test(key) || /[\n\r]/.test(value)) return undefined;
    out += ` ${key}="${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return out;
}

function code(node: DomElement, ctx: ReaderContext, noformat: boolean): string {
  const parameters = macroParameters(node);
  if (!parameters) return ctx.placeholder(node);
  const body = plainText(firstChildElement(node, 'ac:plain-text-body')?.textContent);
  let language = noformat ? 'noformat' : parameter(parameters, 'language');
  // Confluence's `none` means no highlighting, which is what a fence without language says.
  if (language === 'none' || language === '') language = undefined;
  // The writer decodes backslash escapes and references in the language word: such languages stay placeholders.
  if (language !== undefined && (!/^[^\s`"=\\&]+$/.test(language) || (!noformat && language === 'noformat'))) return ctx.placeholder(node);
  const others = keyValues(noformat ? parameters : parameters.filter(([key]) => key !== 'language'));
  if (others === undefined) return ctx.placeholder(node);
  const info = `${language ?? (others ? 'none' : '')}${others}`;
  return ctx.block(node, fencedBlock(body, info));
}

/**
 * The writer reads `word:status[…]` as text (a `:` after a letter or digit never starts a directive, so that
 * URLs and `key:value` stay text): a directive right after a word is kept as a placeholder instead.
 */
export function afterWord(node: DomElement): boolean {
  return /[\p{L}\p{N}]/u.test(neighbourChar(node, 'before') ?? '');
}

/** `:status[Title]{colour="Green"}`, or a placeholder. */
export function status(node: DomElement, ctx: ReaderContext): string {
  const parameters = macroParameters(node);
  if (!parameters || afterWord(node)) return ctx.placeholder(node);
  const colour = parameters.filter(([key]) => key === 'colour');
  const attributes = keyValues([...colour, ...parameters.filter(([key]) => key !== 'colour' && key !== 'title')]);
  if (attributes === undefined) return ctx.placeholder(node);
  const title = escapeInline((parameter(parameters, 'title') ?? '').replace(/\s+/g, ' '));
  return `:status[${title}]${attributes ? `{${attributes.slice(1)}}` : ''}`;
}

/** A jira macro showing one issue (a `key`); JQL tables and the like have no Markdown form. */
/** `:jira[KEY]{…}` (or a link with `jiraBaseUrl` when `allowLink`), or a placeholder. */
export function jira(node: DomElement, ctx: ReaderContext, allowLink = true): string {
  const parameters = macroParameters(node);
  const key = parameters && parameter(parameters, 'key');
  if (!parameters || !key || !/^[A-Z][A-Z0-9_]*-[0-9]+$/.test(key) || (!(ctx.options.jiraBaseUrl && allowLink) && afterWord(node))) return ctx.placeholder(node);
  const server = parameters.filter(([name]) => name === 'server' || name === 'serverId').sort(([a], [b]) => (a === 'server' ? -1 : b === 'server' ? 1 : 0));
  const attributes = keyValues([...server, ...parameters.filter(([name]) => !['key', 'server', 'serverId'].includes(name))]);
  if (attributes === undefined) return ctx.placeholder(node);
  const base = ctx.options.jiraBaseUrl;
  if (base && allowLink) {
    if (attributes) ctx.dropped('Jira macro parameters');
    return `[${key}](${linkDestination(`${base.replace(/\/+$/, '')}/browse/${key}`)} "jira")`;
  }
  return `:jira[${key}]${attributes ? `{${attributes.slice(1)}}` : ''}`;
}

const structuredMacro: Handler = (content, node, ctx) => {
  const name = node.getAttribute('ac:name')?.trim() ?? '';
  // A body of rich text has no place in a fence: it stays Markdown between markers.
  if ((name === 'code' || name === 'noformat') && firstChildElement(node, 'ac:rich-text-body')) return macroWithBody(content, node, ctx);
  switch (name) {
    case 'code':
    case 'noformat':
      return code(node, ctx, name === 'noformat');
    case 'status':
      return status(node, ctx);
    case 'jira':
      return jira(node, ctx);
    case 'info':
    case 'tip':
    case 'note':
    case 'warning':
    case 'panel':
      return alert(name, content, node, ctx);
    case 'expand':
      return expand(content, node, ctx);
    default:
      // Only macros with a rich-text body reach the rules (classify.ts); the others are placeholders already.
      return macroWithBody(content, node, ctx);
  }
};

/** Macros and their parts. */
export const macroHandlers: Handlers = {
  'ac:structured-macro': structuredMacro,
  'ac:parameter': nothing,
  'ac:plain-text-body': nothing,
  'ac:rich-text-body': passThrough,
};
