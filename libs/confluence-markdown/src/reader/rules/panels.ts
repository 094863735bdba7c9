/**
 * Panels: info / tip / note / warning become GitHub alerts, panel our `[!PANEL]` extension, expand and HTML
 * `<details>` a `<details>` block whose body stays Markdown.
 */
import { ReaderContext } from '../context';
import { DomElement, firstChildElement } from '../dom';
import { escapeInline, plainText } from '../escape';
import { escapeHtml, quoteLines, trimNewlines } from '../markdown';
import { macroWithBody } from './macro-body';
import { macroParameters, parameter } from './parameters';
import { Handlers } from './types';

const ALERTS: Readonly<Record<string, string>> = { info: 'NOTE', tip: 'TIP', note: 'WARNING', warning: 'CAUTION', panel: 'PANEL' };

/** info / tip / note / warning / panel as a GitHub alert. */
export function alert(name: string, content: string, node: DomElement, ctx: ReaderContext): string {
  const parameters = macroParameters(node);
  if (!parameters || firstChildElement(node, 'ac:plain-text-body')) return macroWithBody(content, node, ctx);
  // `icon` only toggles the panel's default icon; any other parameter (colours, borders) is presentation.
  if (parameters.some(([key, value]) => key !== 'title' && !(key === 'icon' && value === 'true'))) ctx.dropped(`${name} macro parameters`);
  const title = (parameter(parameters, 'title') ?? '').replace(/\s+/g, ' ');
  const head = `[!${ALERTS[name]}]${title ? ` ${escapeInline(title)}` : ''}`;
  const body = trimNewlines(content);
  return ctx.block(node, quoteLines(body ? `${head}\n\n${body}` : head), 'open');
}

function details(title: string, content: string, node: DomElement, ctx: ReaderContext): string {
  const body = trimNewlines(content);
  const summary = `<details>\n<summary>${escapeHtml(title)}</summary>\n\n`;
  return ctx.block(node, body ? `${summary}${body}\n\n</details>` : `${summary}</details>`, 'open');
}

/** expand as a `<details>` block. */
export function expand(content: string, node: DomElement, ctx: ReaderContext): string {
  const parameters = macroParameters(node);
  if (!parameters || firstChildElement(node, 'ac:plain-text-body')) return macroWithBody(content, node, ctx);
  if (parameters.some(([key]) => key !== 'title')) ctx.dropped('expand macro parameters');
  return details((parameter(parameters, 'title') ?? '').replace(/\s+/g, ' ').trim(), content, node, ctx);
}

/** Storage `<details>` (its `<summary>` is read by the details rule). */
export const panelHandlers: Handlers = {
  details: (content, node, ctx) => details(plainText(firstChildElement(node, 'summary')?.textContent).replace(/\s+/g, ' ').trim(), content, node, ctx),
};
