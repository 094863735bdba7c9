/** URLs and anchors for `ri:` resources in the view renderer. */
import { decodeEntities, escapeHtml } from './markup';

/** A `ri:` element: its local name (`page`, `attachment`, `user`, ...) and decoded attributes. */
export interface Resource {
  kind: string;
  attrs: Record<string, string>;
  /** For an attachment of another page: that page. */
  page?: Resource;
}

/** How the renderer resolves references; see RenderViewContext. */
export interface LinkResolver {
  base: string;
  spaceKey?: string;
  pageId?: string;
  pageTitleToId?: (spaceKey: string | undefined, title: string) => string | undefined;
  userDisplayName?: (accountId: string) => string | undefined;
}

export function resource(kind: string, rawAttrs: Record<string, string>): Resource {
  const attrs: Record<string, string> = {};
  for (const k of Object.keys(rawAttrs)) attrs[k.startsWith('ri:') ? k.slice(3) : k] = decodeEntities(rawAttrs[k]);
  return { kind, attrs };
}

/** Cloud's title slug: URI-encoded with `+` for spaces. */
const slug = (title: string): string => encodeURIComponent(title).replace(/%20/g, '+');

function pageHref(r: LinkResolver, res: Resource): { href: string; id?: string } {
  const title = res.attrs['content-title'] ?? '';
  const key = res.attrs['space-key'] ?? r.spaceKey;
  const id = r.pageTitleToId?.(res.attrs['space-key'], title);
  if (id === undefined) {
    return { href: `${r.base}/pages/createpage.action?spaceKey=${encodeURIComponent(key ?? '')}&title=${slug(title)}` };
  }
  return { href: key ? `${r.base}/spaces/${encodeURIComponent(key)}/pages/${id}/${slug(title)}` : `${r.base}/pages/viewpage.action?pageId=${id}`, id };
}

/** Download URL of an attachment (of the rendered page unless the resource names another). */
export function attachmentHref(r: LinkResolver, res: Resource): string {
  const owner = res.page ? r.pageTitleToId?.(res.page.attrs['space-key'], res.page.attrs['content-title'] ?? '') : r.pageId;
  return `${r.base}/download/attachments/${owner ?? r.pageId ?? '0'}/${encodeURIComponent(res.attrs.filename ?? '')}?api=v2`;
}

/** The opening `<a>` for a link to `res`, and the text shown when the link has no body. */
export function linkOpen(r: LinkResolver, res: Resource | undefined, anchor: string | undefined): { open: string; text: string } {
  const hash = anchor ? `#${encodeURIComponent(anchor)}` : '';
  if (!res) return { open: `<a href="${escapeHtml(hash || '#')}">`, text: anchor ?? '' };
  switch (res.kind) {
    case 'page':
    case 'blog-post': {
      const { href, id } = pageHref(r, res);
      const type = res.kind === 'page' ? 'page' : 'blogpost';
      const attrs = id === undefined ? ' class="createlink"' : ` data-linked-resource-id="${id}" data-linked-resource-type="${type}"`;
      return { open: `<a href="${escapeHtml(href + hash)}"${attrs}>`, text: res.attrs['content-title'] ?? '' };
    }
    case 'attachment': {
      const name = res.attrs.filename ?? '';
      return { open: `<a href="${escapeHtml(attachmentHref(r, res))}" data-linked-resource-type="attachment" data-linked-resource-default-alias="${escapeHtml(name)}">`, text: name };
    }
    case 'user': {
      const id = res.attrs['account-id'] ?? res.attrs.userkey ?? res.attrs.username ?? '';
      const name = r.userDisplayName?.(id) ?? id;
      return { open: `<a class="confluence-userlink user-mention" data-account-id="${escapeHtml(id)}" href="${escapeHtml(`${r.base}/people/${encodeURIComponent(id)}`)}" data-linked-resource-type="userinfo">`, text: name };
    }
    case 'space': {
      const key = res.attrs['space-key'] ?? '';
      return { open: `<a href="${escapeHtml(`${r.base}/spaces/${encodeURIComponent(key)}`)}" data-linked-resource-type="space">`, text: key };
    }
    case 'content-entity':
      return { open: `<a href="${escapeHtml(`${r.base}/pages/viewpage.action?pageId=${encodeURIComponent(res.attrs['content-id'] ?? '')}`)}">`, text: res.attrs['content-id'] ?? '' };
    case 'url':
      return { open: `<a href="${escapeHtml(res.attrs.value ?? '')}">`, text: res.attrs.value ?? '' };
    default:
      return { open: `<a href="${escapeHtml(hash || '#')}">`, text: '' };
  }
}

/** An `<img>` for an `ac:image` (attributes raw as written, entities undecoded). */
export function imageHtml(r: LinkResolver, imageAttrs: Record<string, string>, res: Resource | undefined): string {
  const alt = imageAttrs['ac:alt'] !== undefined ? ` alt="${imageAttrs['ac:alt']}"` : '';
  const width = imageAttrs['ac:width'] !== undefined ? ` width="${imageAttrs['ac:width']}"` : '';
  if (res?.kind === 'url') {
    return `<span class="confluence-embedded-file-wrapper"><img class="confluence-embedded-image confluence-external-resource" src="${escapeHtml(res.attrs.value ?? '')}"${alt}${width} /></span>`;
  }
  const src = res?.kind === 'attachment' ? escapeHtml(attachmentHref(r, res)) : '';
  const alias = res?.attrs.filename !== undefined ? ` data-linked-resource-default-alias="${escapeHtml(res.attrs.filename)}"` : '';
  return `<span class="confluence-embedded-file-wrapper"><img class="confluence-embedded-image" src="${src}" data-image-src="${src}"${alt}${width} data-linked-resource-type="attachment"${alias} /></span>`;
}
