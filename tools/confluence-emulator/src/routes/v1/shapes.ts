/**
 * v1 shapes of users, spaces, versions and labels (swagger.v3.json `User`, `Space`, `Version`, `Label`), for
 * Cloud and Data Center. Cloud users are known by account id; Data Center users by user name and user key.
 */
import { createHash } from 'node:crypto';
import { Handled, RouteDeps } from '../../http/context';
import { ContentVersion, Label, Space, User } from '../../model';
import { ResolvedOptions } from '../../options';
import { Store } from '../../store/store';
import { Expand, expandable } from './expand';

/** What every v1 shape needs: the world, the caller, and the site's base URL and context path. */
export interface V1Context {
  store: Store;
  options: ResolvedOptions;
  dc: boolean;
  user: User;
  /** `_links.base`: `http://host/wiki` on Cloud, `http://host` on Data Center. */
  base: string;
  /** `_links.context`: `/wiki` on Cloud, `''` on a Data Center without a context path. */
  context: string;
}

/** The v1 context of one request. */
export function v1Context(deps: RouteDeps, ctx: Handled): V1Context {
  const dc = deps.options.flavor === 'dc';
  return { store: deps.store, options: deps.options, dc, user: ctx.caller.user, base: ctx.base, context: dc ? '' : '/wiki' };
}

/** Data Center user keys are opaque 32-hex-digit strings, stable per user. */
export function userKeyOf(user: User): string {
  return createHash('md5').update(`userkey:${user.accountId}`).digest('hex');
}

/** The id CQL and restrictions use for a user: account id on Cloud, user name on Data Center. */
export function cqlUserId(v: V1Context, accountId: string): string {
  return v.dc ? (v.store.user(accountId)?.username ?? accountId) : accountId;
}

/** A v1 `User`: Cloud's account-id shape or Data Center's user-name shape. */
export function userShape(v: V1Context, accountId: string): Record<string, unknown> {
  const user = v.store.user(accountId);
  if (v.dc) {
    if (!user) return { type: 'unknown', username: accountId, displayName: 'Unknown user', _expandable: { status: '' } };
    const key = userKeyOf(user);
    return {
      type: 'known',
      username: user.username,
      userKey: key,
      profilePicture: { path: '/images/icons/profilepics/default.svg', width: 48, height: 48, isDefault: true },
      displayName: user.displayName,
      _links: { self: `${v.base}/rest/api/user?key=${key}` },
      _expandable: { status: '' },
    };
  }
  return {
    type: user ? 'known' : 'unknown',
    accountId,
    accountType: 'atlassian',
    email: user?.email ?? '',
    publicName: user?.displayName ?? 'Unknown user',
    profilePicture: { path: `/wiki/aa-avatar/${accountId}`, width: 48, height: 48, isDefault: false },
    displayName: user?.displayName ?? 'Unknown user',
    timeZone: user?.timeZone ?? null,
    isExternalCollaborator: false,
    isGuest: false,
    locale: 'en_US',
    accountStatus: user ? 'active' : 'inactive',
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${v.base}/rest/api/user?accountId=${accountId}` },
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan 01, 2024`, the form Cloud writes in `friendlyWhen` for dates that are not today. */
export function friendlyDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${MONTHS[Number(get('month')) - 1]} ${get('day')}, ${get('year')}`;
}

/**
 * A `Version` of content `contentId`. `content` is rendered by the caller when `version.content` is expanded
 * (the version list expands it by default).
 */
export function versionShape(
  v: V1Context,
  contentId: string,
  version: Pick<ContentVersion, 'number' | 'createdAt' | 'message' | 'minorEdit' | 'authorId'>,
  content?: unknown,
): Record<string, unknown> {
  const shape: Record<string, unknown> = {
    by: userShape(v, version.authorId),
    when: version.createdAt,
  };
  if (!v.dc) shape.friendlyWhen = friendlyDate(version.createdAt, v.options.timeZone);
  Object.assign(shape, { message: version.message, number: version.number, minorEdit: version.minorEdit });
  if (v.dc) shape.hidden = false;
  else Object.assign(shape, { confRev: `confluence$content$${contentId}.${version.number}`, contentTypeModified: false });
  if (content !== undefined) shape.content = content;
  const links: Record<string, string> = { content: `/rest/api/content/${contentId}` };
  if (!v.dc) links.collaborators = '';
  shape._expandable = expandable(links, content !== undefined ? ['content'] : []);
  shape._links = { self: `${v.base}/rest/api/content/${contentId}/version/${version.number}` };
  return shape;
}

/** A v1 `Label` (`label` repeats the name, as Confluence writes it). */
export function labelShape(label: Label) {
  return { prefix: label.prefix, name: label.name, id: label.id, label: label.name };
}

/** A `LabelArray`, as returned by the label routes and the `metadata.labels` expansion. */
export function labelArray(v: V1Context, labels: Label[], self: string, start = 0, limit = 200) {
  const page = labels.slice(start, start + limit);
  return { results: page.map(labelShape), start, limit, size: page.length, _links: { self: `${v.base}${self}` } };
}

/** v1 knows only `global` and `personal` spaces; Cloud's newer kinds read as `global` there. */
function v1SpaceType(space: Space): string {
  return space.type === 'personal' ? 'personal' : 'global';
}

/** v1 space ids are integers (v2 writes them as strings). */
export function spaceNumericId(space: Space): number {
  const n = Number(space.id);
  return Number.isSafeInteger(n) ? n : parseInt(createHash('md5').update(space.id).digest('hex').slice(0, 12), 16);
}

/** A space's `_links.webui`. */
export function spaceWebui(v: V1Context, space: Space): string {
  return v.dc ? `/display/${encodeURIComponent(space.key)}` : `/spaces/${encodeURIComponent(space.key)}`;
}

/** A `Space`; `homepage` is rendered by the caller (it needs the content serializer). */
export function spaceShape(v: V1Context, space: Space, expand: Expand, homepage?: unknown): Record<string, unknown> {
  const key = space.key;
  const shape: Record<string, unknown> = { id: spaceNumericId(space), key };
  if (!v.dc) shape.alias = key;
  Object.assign(shape, { name: space.name, type: v1SpaceType(space), status: space.status });
  const done: string[] = [];
  if (expand.has('description')) {
    const sub = expand.get('description');
    const all = sub.isEmpty;
    const description: Record<string, unknown> = {};
    if (all || sub.has('plain')) description.plain = { value: space.description, representation: 'plain', embeddedContent: [] };
    if (all || sub.has('view')) description.view = { value: escapeHtml(space.description), representation: 'view', embeddedContent: [] };
    description._expandable = expandable({ view: '', plain: '' }, Object.keys(description));
    shape.description = description;
    done.push('description');
  }
  if (expand.has('icon')) {
    shape.icon = { path: '/images/logo/default-space-logo.svg', width: 48, height: 48, isDefault: true };
    done.push('icon');
  }
  if (expand.has('homepage') && homepage !== undefined) {
    shape.homepage = homepage;
    done.push('homepage');
  }
  if (expand.has('metadata')) {
    const metadata: Record<string, unknown> = {};
    if (expand.get('metadata').has('labels')) metadata.labels = labelArray(v, space.labels, `/rest/api/space/${key}/label`);
    metadata._expandable = expand.get('metadata').has('labels') ? {} : { labels: '' };
    shape.metadata = metadata;
    done.push('metadata');
  }
  if (expand.has('history')) {
    shape.history = { createdDate: space.createdAt, createdBy: userShape(v, space.authorId) };
    done.push('history');
  }
  const links: Record<string, string> = {
    settings: `/rest/api/space/${key}/settings`,
    metadata: '',
    operations: '',
    lookAndFeel: `/rest/api/settings/lookandfeel?spaceKey=${key}`,
    identifiers: '',
    permissions: '',
  };
  if (!v.dc) links.roles = '';
  Object.assign(links, { icon: '', description: '', theme: `/rest/api/space/${key}/theme`, history: '' });
  if (space.homepageId) links.homepage = `/rest/api/content/${space.homepageId}`;
  shape._expandable = expandable(links, done);
  shape._links = { webui: spaceWebui(v, space), self: `${v.base}/rest/api/space/${key}` };
  return shape;
}

/** HTML-escape text for view and highlighted output. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
