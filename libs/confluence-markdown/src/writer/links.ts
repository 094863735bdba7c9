/**
 * Link and image targets (CONVENTIONS.md): `confluence-page:`, `confluence-attachment:`, `confluence-space:`
 * and `confluence-user:` URLs (an account id, `key:` a user key, `username:` a user name), URLs that
 * `resolvePageLink` recognises, the jira link form, plain URLs.
 */
import type { PageRef, UserRef } from '../types';
import { parseUserUrl, userAttribute } from '../user-link';
import type { WriterContext } from './context';
import { cdata, escapeAttr } from './escape';
import { renderDirective } from './inline-directives';

/** Where a Markdown link points, in storage terms. */
export type LinkTarget =
  | { kind: 'url'; href: string; title?: string }
  | { kind: 'page'; page: PageRef; anchor?: string }
  | { kind: 'attachment'; filename: string }
  | { kind: 'space'; spaceKey: string }
  | { kind: 'user'; user: UserRef }
  | { kind: 'jira'; key: string }
  /** A `confluence-*:` URL with nothing to point at: its text is kept, the link is not. */
  | { kind: 'unresolved'; href: string };

const JIRA_BROWSE = /\/browse\/([A-Z][A-Z0-9_]*-[0-9]+)\/?$/;

/**
 * Classifies a link. `href` is markdown-it's normalised (percent-encoded) destination, `title` the link title.
 * A `confluence-page:K/T` URL splits at the first literal `/` (a `/` inside a title is written `%2F`)
 * and at the first literal `#` (the anchor).
 */
export function classifyLink(href: string, title: string | undefined, context: WriterContext): LinkTarget {
  const scheme = /^confluence-(page|attachment|space|user):/i.exec(href);
  if (scheme) {
    const rest = href.slice(scheme[0].length);
    switch (scheme[1].toLowerCase()) {
      case 'page':
        return pageTarget(href, rest, context);
      case 'attachment':
        return nonEmpty(href, decode(rest), context, (filename) => ({ kind: 'attachment', filename }));
      case 'space':
        return nonEmpty(href, decode(rest), context, (spaceKey) => ({ kind: 'space', spaceKey }));
      default: {
        const user = parseUserUrl(rest);
        return user ? { kind: 'user', user } : unresolved(href, context);
      }
    }
  }
  if (title === 'jira') {
    const jira = JIRA_BROWSE.exec(href.replace(/[?#].*$/, ''));
    if (jira) return { kind: 'jira', key: jira[1] };
  }
  const resolved = context.options.resolvePageLink?.(href);
  if (resolved && resolved.title) return { kind: 'page', page: withoutCurrentSpace(resolved, context) };
  return title ? { kind: 'url', href, title } : { kind: 'url', href };
}

function pageTarget(href: string, rest: string, context: WriterContext): LinkTarget {
  const hash = rest.indexOf('#');
  const path = hash < 0 ? rest : rest.slice(0, hash);
  const anchor = hash < 0 ? '' : decode(rest.slice(hash + 1));
  const slash = path.indexOf('/');
  const spaceKey = slash < 0 ? '' : decode(path.slice(0, slash));
  const title = decode(slash < 0 ? path : path.slice(slash + 1));
  if (!title) return unresolved(href, context);
  const page = withoutCurrentSpace(spaceKey ? { spaceKey, title } : { title }, context);
  return anchor ? { kind: 'page', page, anchor } : { kind: 'page', page };
}

function nonEmpty(href: string, value: string, context: WriterContext, make: (value: string) => LinkTarget): LinkTarget {
  return value ? make(value) : unresolved(href, context);
}

function unresolved(href: string, context: WriterContext): LinkTarget {
  const scheme = href.slice(0, href.indexOf(':') + 1).toLowerCase();
  context.warnings.add('unresolved-link', `a ${scheme} link without a target was kept as text`);
  return { kind: 'unresolved', href };
}

/** A link into the current space needs no key (the reader omits it too). */
function withoutCurrentSpace(page: PageRef, context: WriterContext): PageRef {
  if (page.spaceKey && page.spaceKey !== context.options.spaceKey) {
    return { spaceKey: page.spaceKey, title: page.title };
  }
  return { title: page.title };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The `ri:` resource element of an `ac:link` or `ac:image`. */
export function resourceElement(target: Exclude<LinkTarget, { kind: 'url' | 'jira' | 'unresolved' }>): string {
  switch (target.kind) {
    case 'page': {
      const key = target.page.spaceKey ? ` ri:space-key="${escapeAttr(target.page.spaceKey)}"` : '';
      return `<ri:page${key} ri:content-title="${escapeAttr(target.page.title)}"/>`;
    }
    case 'attachment':
      return `<ri:attachment ri:filename="${escapeAttr(target.filename)}"/>`;
    case 'space':
      return `<ri:space ri:space-key="${escapeAttr(target.spaceKey)}"/>`;
    case 'user': {
      const [name, value] = userAttribute(target.user);
      return `<ri:user ${name}="${escapeAttr(value)}"/>`;
    }
  }
}

/** How a link is written: what comes before its body, how the body is wrapped, what comes after. */
export interface LinkShape {
  /** Emitted once; the body is then rendered as rich content between `open` and `close`. */
  open: string;
  close: string;
  /**
   * When set, a body made only of text must instead be emitted as `plainText(text)` (an
   * `ac:plain-text-link-body`), and a body of nothing as `plainText('')`.
   */
  plainText?: (text: string) => string;
  /** The body is not written at all (user mentions: Confluence shows the name; jira: the macro). */
  dropBody?: boolean;
}

/** The storage shape of a link to `target`. */
export function linkShape(target: LinkTarget): LinkShape {
  switch (target.kind) {
    case 'url': {
      const title = target.title ? ` title="${escapeAttr(target.title)}"` : '';
      return { open: `<a href="${escapeAttr(target.href)}"${title}>`, close: '</a>' };
    }
    case 'unresolved':
      return { open: '', close: '' };
    case 'jira':
      return { open: renderDirective({ name: 'jira', label: target.key, attrs: [] }), close: '', dropBody: true };
    case 'user':
      return { open: `<ac:link>${resourceElement(target)}</ac:link>`, close: '', dropBody: true };
    default: {
      const anchor = target.kind === 'page' && target.anchor ? ` ac:anchor="${escapeAttr(target.anchor)}"` : '';
      const start = `<ac:link${anchor}>${resourceElement(target)}`;
      return {
        open: `${start}<ac:link-body>`,
        close: '</ac:link-body></ac:link>',
        plainText: (text) =>
          text ? `${start}<ac:plain-text-link-body>${cdata(text)}</ac:plain-text-link-body></ac:link>` : `${start}</ac:link>`,
      };
    }
  }
}

/**
 * An image: `confluence-attachment:` sources become `ri:attachment`, anything else `ri:url`.
 * `ac:alt` and `ac:title` are written only when present.
 */
export function renderImage(src: string, alt: string, title: string | undefined): string {
  const attachment = /^confluence-attachment:/i.exec(src);
  const filename = attachment ? decode(src.slice(attachment[0].length)) : '';
  const resource = filename
    ? resourceElement({ kind: 'attachment', filename })
    : `<ri:url ri:value="${escapeAttr(src)}"/>`;
  const altAttr = alt ? ` ac:alt="${escapeAttr(alt)}"` : '';
  const titleAttr = title ? ` ac:title="${escapeAttr(title)}"` : '';
  return `<ac:image${altAttr}${titleAttr}>${resource}</ac:image>`;
}
