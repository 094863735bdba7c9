/** View HTML for structured macros, after Confluence's own rendering (simplified). */
import { escapeHtml } from './markup';
import { LinkResolver, Resource, attachmentHref, linkOpen } from './render-links';

export interface MacroData {
  name: string;
  id: string;
  /** Parameter values, entities decoded; the unnamed (default) parameter is `''`. */
  params: Record<string, string>;
  /** Text of `ac:plain-text-body`, or null when there is none. */
  plainBody: string | null;
  /** A `ri:` resource given as a parameter (include, excerpt-include, view-file). */
  resource?: Resource;
}

const INFO_ICONS: Record<string, string> = { info: 'info', note: 'warning', warning: 'error', tip: 'approve' };
const INFO_CLASSES: Record<string, string> = { info: 'information', note: 'note', warning: 'warning', tip: 'tip' };
const STATUS_CLASSES: Record<string, string> = { green: 'success', yellow: 'current', red: 'error', blue: 'complete', purple: 'progress' };

const block = (m: MacroData, cls: string, hasBody: boolean, extra = ''): string =>
  `<div class="${cls}${cls ? ' ' : ''}conf-macro output-block" data-hasbody="${hasBody}" data-macro-name="${escapeHtml(m.name)}"${m.id ? ` data-macro-id="${escapeHtml(m.id)}"` : ''}${extra}>`;
const inline = (m: MacroData, cls: string, extra = ''): string =>
  `<span class="${cls} conf-macro output-inline" data-hasbody="false" data-macro-name="${escapeHtml(m.name)}"${extra}>`;

function codeMacro(m: MacroData): [string, string] {
  const p = m.params;
  // Confluence's code macro falls back to the Java brush when no language is set.
  const brush = p.language || 'java';
  let params = `brush: ${brush}; gutter: ${p.linenumbers === 'true'}`;
  if (p.firstline) params += `; first-line: ${p.firstline}`;
  if (p.collapse === 'true') params += '; collapse: true';
  const header = p.title ? `<div class="codeHeader panelHeader pdl hide-border-bottom"><b class="code-title">${escapeHtml(p.title)}</b></div>` : '';
  const pre = `<pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="${escapeHtml(params)}" data-theme="${escapeHtml(p.theme || 'Confluence')}">${escapeHtml(m.plainBody ?? '')}</pre>`;
  return [`${block(m, 'code panel pdl', true)}${header}<div class="codeContent panelContent pdl">${pre}</div></div>`, ''];
}

function expandMacro(m: MacroData): [string, string] {
  const id = escapeHtml(m.id || 'expand');
  const title = escapeHtml(m.params.title || 'Click here to expand...');
  return [
    `<div id="expander-${id}" class="expand-container conf-macro output-block" data-hasbody="true" data-macro-name="expand"><div id="expander-control-${id}" class="expand-control"><span class="expand-control-icon icon">&nbsp;</span><span class="expand-control-text">${title}</span></div><div id="expander-content-${id}" class="expand-content expand-hidden">`,
    '</div></div>',
  ];
}

function pageReference(r: LinkResolver, m: MacroData): string {
  if (!m.resource) return '';
  const { open, text } = linkOpen(r, m.resource, undefined);
  return `${open}${escapeHtml(text)}</a>`;
}

/** Opening and closing HTML around the macro's rich body (already rendered between them). */
export function renderMacro(r: LinkResolver, m: MacroData): [string, string] {
  const p = m.params;
  switch (m.name) {
    case 'code':
      return codeMacro(m);
    case 'noformat':
      return [`${block(m, 'preformatted panel', true)}<div class="preformattedContent panelContent"><pre>${escapeHtml(m.plainBody ?? '')}</pre></div></div>`, ''];
    case 'info':
    case 'note':
    case 'warning':
    case 'tip': {
      const title = p.title ? `<p class="title">${escapeHtml(p.title)}</p>` : '';
      const icon = p.icon === 'false' ? '' : `<span class="aui-icon aui-icon-small aui-iconfont-${INFO_ICONS[m.name]} confluence-information-macro-icon"> </span>`;
      return [`${block(m, `confluence-information-macro confluence-information-macro-${INFO_CLASSES[m.name]}`, true)}${title}${icon}<div class="confluence-information-macro-body">`, '</div></div>'];
    }
    case 'panel': {
      const title = p.title ? `<div class="panelHeader" style="border-bottom-width: 1px;"><b>${escapeHtml(p.title)}</b></div>` : '';
      const bg = p.bgColor ? ` style="background-color: ${escapeHtml(p.bgColor)};"` : '';
      return [`${block(m, 'panel', true, ' style="border-width: 1px;"')}${title}<div class="panelContent"${bg}>`, '</div></div>'];
    }
    case 'expand':
      return expandMacro(m);
    case 'status': {
      const colour = STATUS_CLASSES[(p.colour ?? p.color ?? '').toLowerCase()];
      const cls = `status-macro aui-lozenge${p.subtle === 'true' ? ' aui-lozenge-subtle' : ''}${colour ? ` aui-lozenge-${colour}` : ''}`;
      return [`${inline(m, cls)}${escapeHtml(p.title ?? '')}</span>`, ''];
    }
    case 'jira': {
      if (p.key) {
        const href = `https://jira.example.com/browse/${encodeURIComponent(p.key)}`;
        return [`${inline(m, 'confluence-jim-macro jira-issue', ` data-jira-key="${escapeHtml(p.key)}"`)}<a href="${href}" class="jira-issue-key">${escapeHtml(p.key)}</a></span>`, ''];
      }
      const jql = p.jqlQuery ?? '';
      const href = `https://jira.example.com/issues/?jql=${encodeURIComponent(jql)}`;
      return [`${block(m, 'jira-table', false, ` data-jql="${escapeHtml(jql)}"`)}<a href="${escapeHtml(href)}">View these issues in Jira</a></div>`, ''];
    }
    case 'toc':
      return ['', ''];
    case 'children':
      return [`<ul class="childpages-macro conf-macro output-block" data-hasbody="false" data-macro-name="children"></ul>`, ''];
    case 'include':
    case 'excerpt-include':
      return [`${block(m, m.name === 'include' ? '' : 'panel', false)}${pageReference(r, m)}</div>`, ''];
    case 'excerpt':
      return [block(m, '', true), '</div>'];
    case 'view-file': {
      const res = m.resource;
      if (!res || res.kind !== 'attachment') return [inline(m, 'confluence-embedded-file-wrapper') + '</span>', ''];
      const name = escapeHtml(res.attrs.filename ?? '');
      return [`${inline(m, 'confluence-embedded-file-wrapper')}<a class="confluence-embedded-file" href="${escapeHtml(attachmentHref(r, res))}" data-linked-resource-type="attachment">${name}</a></span>`, ''];
    }
    case 'attachments':
      return [`${block(m, 'plugin_attachments_container', false)}<table class="attachments aui"><tbody></tbody></table></div>`, ''];
    case 'anchor':
      return [`<span class="confluence-anchor-link conf-macro output-inline" id="${escapeHtml(p[''] ?? '')}" data-hasbody="false" data-macro-name="anchor"></span>`, ''];
    default:
      return [block(m, '', m.plainBody !== null) + (m.plainBody ? `<pre>${escapeHtml(m.plainBody)}</pre>` : ''), '</div>'];
  }
}
