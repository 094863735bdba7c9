/**
 * v1 `Content` (swagger.v3.json) for pages, blog posts, comments and attachments, honouring `expand`. What is
 * not expanded is listed in `_expandable`, as Confluence does, so clients can tell "absent" from "not asked".
 */
import { RenderViewContext, renderStorageToView } from '../../content';
import { ContentVersion, Space, currentVersion } from '../../model';
import { v2Body } from '../v2/serialize';
import { Expand, expandable } from './expand';
import { Entity, contentLinks, entityId, entitySpace, entityTitle, entityType, entityVersion, hostPage, pageEntity } from './entity';
import { extensionsShape, historyShape, restrictionsShape } from './content-parts';
import { relations } from './relations';
import { V1Context, labelArray, spaceShape, versionShape } from './shapes';

/** How `contentShape` renders one item. */
export interface ContentOptions {
  /** For pages: the version to show (`GET /content/{id}?version=n`). */
  version?: ContentVersion;
  /** A response's own object (not nested): `_links` gains `base`, `context` and `collection`. */
  top?: boolean;
  /** Search results leave `extensions` unexpanded unless asked for. */
  lean?: boolean;
}

const CLOUD_BODIES = ['editor', 'atlas_doc_format', 'view', 'export_view', 'styled_view', 'dynamic', 'storage', 'editor2', 'anonymous_export_view'];
const DC_BODIES = ['editor', 'view', 'export_view', 'styled_view', 'storage', 'anonymous_export_view'];
const RENDERED = new Set(['view', 'export_view', 'styled_view', 'anonymous_export_view']);

/** A space with its home page rendered when `homepage` is expanded. */
export function renderSpace(v: V1Context, space: Space, expand: Expand): Record<string, unknown> {
  let homepage: unknown;
  if (expand.has('homepage') && space.homepageId) {
    const page = v.store.world.pages.get(space.homepageId);
    if (page && v.store.canReadPage(v.user, page)) homepage = contentShape(v, pageEntity(page), expand.get('homepage'));
  }
  return spaceShape(v, space, expand, homepage);
}

/** One v1 `Content` object, with the expansions of `expand` and the rest in `_expandable`. */
export function contentShape(v: V1Context, e: Entity, expand: Expand, options: ContentOptions = {}): Record<string, unknown> {
  const id = entityId(e);
  const page = hostPage(v, e);
  const space = entitySpace(v, e);
  const historical = e.kind === 'page' && options.version !== undefined && options.version !== currentVersion(e.page);
  const status = historical ? 'historical' : e.kind === 'page' ? e.page.status : e.kind === 'comment' ? e.comment.status : e.attachment.status;
  const shape: Record<string, unknown> = { id, type: entityType(e), status, title: entityTitle(v, e, options.version) };
  const done: string[] = [];
  const take = (key: string, value: () => unknown) => {
    if (!expand.has(key)) return;
    shape[key] = value();
    done.push(key);
  };

  take('space', () => (space ? renderSpace(v, space, expand.get('space')) : null));
  take('history', () => historyShape(v, e, expand.get('history'), options.version));
  take('version', () => {
    const version = options.version ?? entityVersion(e);
    const sub = expand.get('version');
    return versionShape(v, id, version, sub.has('content') ? contentShape(v, e, sub.get('content')) : undefined);
  });
  take('ancestors', () => ancestorsOf(v, e).map((a) => contentShape(v, a, expand.get('ancestors'))));
  const rel = relations(v, e, (child, sub) => contentShape(v, child, sub));
  take('children', () => rel.children(expand.get('children')));
  take('descendants', () => rel.descendants(expand.get('descendants')));
  take('childTypes', () => rel.childTypes());
  take('container', () => {
    if (e.kind === 'page') return space ? renderSpace(v, space, expand.get('container')) : null;
    return page ? contentShape(v, pageEntity(page), expand.get('container')) : null;
  });
  take('body', () => bodyShape(v, e, expand.get('body'), options.version));
  if (e.kind === 'attachment' || expand.has('metadata')) {
    const sub = expand.get('metadata');
    const metadata: Record<string, unknown> = {};
    if (e.kind === 'attachment') Object.assign(metadata, { mediaType: e.attachment.mediaType, comment: e.attachment.comment });
    const labels = e.kind === 'page' ? e.page.labels : e.kind === 'attachment' ? e.attachment.labels : [];
    if (sub.has('labels')) metadata.labels = labelArray(v, labels, `/rest/api/content/${id}/label`);
    metadata._expandable = expandable({ currentuser: '', properties: '', frontend: '', labels: '' }, Object.keys(metadata));
    shape.metadata = metadata;
    done.push('metadata');
  }
  take('restrictions', () => restrictionsShape(v, e, expand.get('restrictions')));
  if (!options.lean || expand.has('extensions')) {
    shape.extensions = extensionsShape(v, e, expand.get('extensions'));
    done.push('extensions');
  }
  if (!v.dc && e.kind !== 'attachment') shape.macroRenderedOutput = {};

  const containerLink = e.kind === 'page' ? `/rest/api/space/${space?.key ?? ''}` : `/rest/api/content/${page?.id ?? ''}`;
  const links: Record<string, string> = { childTypes: '', container: containerLink, metadata: '', operations: '' };
  if (!v.dc) Object.assign(links, { schedulePublishDate: '', schedulePublishInfo: '' });
  Object.assign(links, {
    children: `/rest/api/content/${id}/child`,
    restrictions: `/rest/api/content/${id}/restriction/byOperation`,
    history: `/rest/api/content/${id}/history`,
    ancestors: '',
    body: '',
    version: '',
    descendants: `/rest/api/content/${id}/descendant`,
    space: `/rest/api/space/${space?.key ?? ''}`,
    extensions: '',
  });
  if (v.dc) delete links.childTypes;
  shape._expandable = expandable(links, done);
  shape._links = contentLinks(v, e, options.top ?? false);
  return shape;
}

function ancestorsOf(v: V1Context, e: Entity): Entity[] {
  if (e.kind === 'page') return v.store.ancestors(e.page).map(pageEntity);
  if (e.kind === 'attachment') return [];
  const chain: Entity[] = [];
  for (let id = e.comment.parentCommentId; id; ) {
    const parent = v.store.world.comments.get(id);
    if (!parent || chain.some((c) => c.kind === 'comment' && c.comment.id === id)) break;
    chain.unshift({ kind: 'comment', comment: parent });
    id = parent.parentCommentId;
  }
  return chain;
}

function storageOf(e: Entity, version?: ContentVersion): string {
  if (e.kind === 'page') return (version ?? currentVersion(e.page)).body;
  if (e.kind === 'comment') return currentVersion(e.comment).body;
  return '';
}

function bodyShape(v: V1Context, e: Entity, expand: Expand, version?: ContentVersion): Record<string, unknown> {
  const storage = storageOf(e, version);
  const formats = v.dc ? DC_BODIES : CLOUD_BODIES;
  const body: Record<string, unknown> = {};
  const contentLink = `/rest/api/content/${entityId(e)}`;
  for (const format of formats) {
    if (!expand.has(format)) continue;
    if (format === 'storage' || format === 'editor') {
      body[format] = { value: storage, representation: format, embeddedContent: [], _expandable: { content: contentLink } };
    } else if (RENDERED.has(format)) {
      const expandables = { webresource: '', embeddedContent: '', mediaToken: '', content: contentLink };
      body[format] = { value: renderStorageToView(storage, viewContext(v, e)), representation: format, _expandable: expandables };
    } else if (format === 'atlas_doc_format') {
      const adf = v2Body(storage, 'atlas_doc_format').atlas_doc_format as { value: string };
      body[format] = { value: adf.value, representation: format, embeddedContent: [], _expandable: { content: contentLink } };
    }
  }
  body._expandable = expandable(Object.fromEntries(formats.map((f) => [f, ''])), Object.keys(body));
  return body;
}

const titleIndexes = new WeakMap<V1Context, Map<string, string>>();

/** What the view renderer needs to resolve links and mentions; the title index is built once per request. */
function viewContext(v: V1Context, e: Entity): RenderViewContext {
  const page = hostPage(v, e);
  const space = entitySpace(v, e);
  const index = () => {
    let map = titleIndexes.get(v);
    if (!map) {
      map = new Map();
      for (const p of v.store.world.pages.values()) {
        const key = v.store.world.spaces.get(p.spaceId)?.key;
        if (p.status === 'current' && key) map.set(`${key}\u0000${currentVersion(p).title}`, p.id);
      }
      titleIndexes.set(v, map);
    }
    return map;
  };
  return {
    baseUrl: v.context,
    spaceKey: space?.key,
    pageId: page?.id,
    pageTitle: page ? currentVersion(page).title : undefined,
    pageTitleToId: (spaceKey, title) => index().get(`${spaceKey ?? space?.key ?? ''}\u0000${title}`),
    userDisplayName: (accountId) => v.store.user(accountId)?.displayName,
  };
}
