/**
 * Links: HTML `<a>`, and `ac:link` to users (mentions), pages, attachments and spaces, written with the URL schemes
 * of CONVENTIONS.md or the URLs the caller's resolvers return; a mention by account id, user key or user name keeps
 * its kind in the URL. Anything else (blog posts, attachments of other pages, anchors without a page) stays a
 * placeholder.
 */
import { UserRef } from '../../types';
import { USER_ATTRIBUTES, userRefId, userUrl } from '../../user-link';
import { ReaderContext } from '../context';
import { DomElement, childElements, elementName, isElement } from '../dom';
import { escapeInline, plainText, stripMarks } from '../escape';
import { encodeSegment, linkDestination } from '../markdown';
import { outsideEdges } from './text';
import { Handler, Handlers, passThrough } from './types';

/** Where an `ac:link` points and what it says when it has no body. */
export interface LinkTarget {
  url: string;
  /** Plain text used when the link has no body (title, filename, key), or always (mentions). */
  label: string;
  /** Mentions show the user's name whatever the body says. */
  ignoreBody: boolean;
}

/** Resources (`ri:*` children) a link or image may point at; the first one counts. */
export function resource(node: DomElement): DomElement | undefined {
  return childElements(node).find((child) => elementName(child).startsWith('ri:'));
}

/** The target of an `ac:link`, or undefined when Markdown cannot express it (then: placeholder). */
export function linkTarget(node: DomElement, ctx: ReaderContext): LinkTarget | undefined {
  const target = resource(node);
  if (!target) return undefined;
  const { options } = ctx;
  const anchor = node.getAttribute('ac:anchor');
  // Only page links carry an anchor (`confluence-page:KEY/Title#anchor`).
  if (anchor !== null && elementName(target) !== 'ri:page') return undefined;
  switch (elementName(target)) {
    case 'ri:user': {
      const ref = userRef(target);
      if (!ref) return undefined;
      const id = userRefId(ref);
      const name = options.resolveUser?.(id, ref);
      if (options.resolveUser && !name) ctx.warnings.add('unresolved-link', 'Users without a display name shown by id');
      return { url: userUrl(ref), label: `@${name || id}`, ignoreBody: true };
    }
    case 'ri:page': {
      const title = target.getAttribute('ri:content-title') ?? '';
      if (!title) return undefined;
      const key = target.getAttribute('ri:space-key') || undefined;
      const keyPart = key && key !== options.spaceKey ? `${encodeSegment(key)}/` : '';
      const own = `confluence-page:${keyPart}${encodeSegment(title)}`;
      // A resolved web URL has no agreed place for the anchor: anchored links keep our own scheme.
      if (anchor !== null) return { url: `${own}#${encodeSegment(anchor)}`, label: title, ignoreBody: false };
      const spaceKey = key ?? options.spaceKey;
      const resolved = options.resolvePageUrl?.(spaceKey === undefined ? { title } : { spaceKey, title });
      if (options.resolvePageUrl && !resolved) ctx.warnings.add('unresolved-link', 'Page links without a URL written as confluence-page:');
      return { url: resolved || own, label: title, ignoreBody: false };
    }
    case 'ri:attachment': {
      const filename = target.getAttribute('ri:filename') ?? '';
      // An attachment of another page or blog post has no Markdown form.
      if (!filename || childElements(target).some((child) => elementName(child).startsWith('ri:'))) return undefined;
      const resolved = options.resolveAttachmentUrl?.(filename);
      if (options.resolveAttachmentUrl && !resolved) ctx.warnings.add('unresolved-link', 'Attachments without a URL written as confluence-attachment:');
      return { url: resolved || `confluence-attachment:${encodeSegment(filename)}`, label: filename, ignoreBody: false };
    }
    case 'ri:space': {
      const key = target.getAttribute('ri:space-key') ?? '';
      return key ? { url: `confluence-space:${encodeSegment(key)}`, label: key, ignoreBody: false } : undefined;
    }
    default:
      return undefined;
  }
}

/** Who a `ri:user` names: its account id (Cloud), else its user key (Data Center), else its user name (old Server). */
function userRef(user: DomElement): UserRef | undefined {
  const value = (name: string) => user.getAttribute(name)?.trim() || undefined;
  const accountId = value(USER_ATTRIBUTES.accountId);
  if (accountId) return { accountId };
  const userKey = value(USER_ATTRIBUTES.userKey);
  if (userKey) return { userKey };
  const username = value(USER_ATTRIBUTES.username);
  return username ? { username } : undefined;
}

/** `[text](url)`, or the autolink `<url>` when the text is the URL itself. */
function markdownLink(content: string, url: string, plainText?: string): string {
  const destination = linkDestination(url);
  if (plainText === url && destination === url && /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\\]*$/.test(url)) return `<${url}>`;
  return `[${content}](${destination})`;
}

/** Markdown links cannot nest: a link inside another keeps its text only. */
function insideLink(node: DomElement): boolean {
  for (let parent = node.parentNode; parent && isElement(parent); parent = parent.parentNode) {
    if (parent.localName === 'ac:link' || (parent.localName === 'a' && parent.hasAttribute('href'))) return true;
  }
  return false;
}

const anchor: Handler = (content, node, ctx) => {
  // An empty href is still a link (`[text]()`); without href it is an anchor target, its text stays.
  const href = node.getAttribute('href')?.trim();
  if (href === undefined) return content;
  if (insideLink(node) || content.includes('\n')) {
    ctx.dropped(content.includes('\n') ? 'Links around blocks' : 'Links inside links');
    return content;
  }
  if (node.hasAttribute('data-card-appearance')) ctx.dropped('Smart link card appearance');
  if (node.getAttribute('title')) ctx.dropped('Link titles');
  const onlyText = node.firstChild && !node.firstChild.nextSibling && !isElement(node.firstChild);
  return outsideEdges(content, node, (text) => markdownLink(text, href, onlyText ? plainText(node.textContent) : undefined));
};

const confluenceLink: Handler = (content, node, ctx) => {
  // A macro parameter's link is part of the macro's source (placeholder or markers), never shown on its own.
  if (inParameter(node)) return '';
  const target = linkTarget(node, ctx);
  if (!target) return ctx.placeholder(node);
  if (node.hasAttribute('ac:card-appearance')) ctx.dropped('Smart link card appearance');
  if (content.includes('\n')) return ctx.placeholder(node);
  const body = target.ignoreBody || !stripMarks(content).trim() ? escapeInline(target.label) : content;
  if (insideLink(node)) {
    ctx.dropped('Links inside links');
    return body;
  }
  return outsideEdges(body, node, (text) => `[${text}](${linkDestination(target.url)})`);
};

/** Resources render through their link or image (or their macro parameter); anywhere else they have no Markdown form. */
const resourceElement: Handler = (_content, node, ctx) => {
  const parent = node.parentNode;
  const owner = parent && isElement(parent) ? elementName(parent) : '';
  return owner === 'ac:link' || owner === 'ac:image' || owner === 'ac:parameter' || owner.startsWith('ri:') ? '' : ctx.placeholder(node);
};

function inParameter(node: DomElement): boolean {
  const parent = node.parentNode;
  return !!parent && isElement(parent) && elementName(parent) === 'ac:parameter';
}

/** `<a>`, `ac:link` and its parts, resources. */
export const linkHandlers: Handlers = {
  a: anchor,
  'ac:link': confluenceLink,
  'ac:plain-text-link-body': passThrough,
  'ac:link-body': passThrough,
  'ri:*': resourceElement,
};
