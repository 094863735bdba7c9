/** Cloud v2 and Data Center v1 shapes to the client's model. */
import type { V1ContentSchema, V1SpaceSchema, V1VersionSchema, V2PageSchema, V2SpaceSchema, V2VersionSchema } from '@confluence-mcp/schemas';
import type { z } from 'zod';
import { ContentStatus, Page, Space, Version } from '../model';

type V2Page = z.infer<typeof V2PageSchema>;
type V2Space = z.infer<typeof V2SpaceSchema>;
type V2Version = z.infer<typeof V2VersionSchema>;
type V1Content = z.infer<typeof V1ContentSchema>;
type V1Space = z.infer<typeof V1SpaceSchema>;
type V1Version = z.infer<typeof V1VersionSchema>;

export function versionFromV2(version: V2Version | undefined): Version {
  return {
    number: version?.number ?? 0,
    createdAt: version?.createdAt ?? '',
    message: version?.message ?? '',
    minorEdit: version?.minorEdit ?? false,
    authorId: version?.authorId ?? null,
  };
}

export function versionFromV1(version: V1Version | undefined): Version {
  const by = version?.by as { accountId?: string; userKey?: string } | undefined;
  return {
    number: version?.number ?? 0,
    createdAt: version?.when ?? '',
    message: version?.message ?? '',
    minorEdit: version?.minorEdit ?? false,
    authorId: by?.accountId ?? by?.userKey ?? null,
  };
}

export function pageFromV2(page: V2Page, siteUrl: string, type: Page['type'] = 'page', spaceKey?: string): Page {
  const body = page.body as Record<string, { value?: string } | undefined> | undefined;
  return {
    id: page.id,
    type,
    status: page.status as ContentStatus,
    title: page.title,
    spaceId: page.spaceId,
    spaceKey,
    parentId: page.parentId ?? null,
    position: page.position ?? null,
    authorId: page.authorId ?? null,
    createdAt: page.createdAt ?? '',
    version: versionFromV2(page.version),
    body: body && (body.storage || body.view || body.export_view)
      ? { storage: body.storage?.value, view: body.view?.value, exportView: body.export_view?.value }
      : undefined,
    labels: page.labels?.results?.map((l) => ({ id: l.id, name: l.name, prefix: l.prefix ?? 'global' })),
    webUrl: `${siteUrl}${page._links?.webui ?? `/pages/viewpage.action?pageId=${page.id}`}`,
  };
}

export function pageFromV1(content: V1Content, siteUrl: string): Page {
  const ancestors = content.ancestors ?? [];
  const body = content.body as Record<string, { value?: string } | undefined> | undefined;
  const history = content.history as { createdDate?: string; createdBy?: { accountId?: string; userKey?: string } } | undefined;
  const position = (content.extensions as { position?: unknown } | undefined)?.position;
  const labels = (content.metadata as { labels?: { results?: Array<{ id: string; name: string; prefix?: string }> } } | undefined)?.labels?.results;
  return {
    id: content.id,
    type: content.type === 'blogpost' ? 'blogpost' : 'page',
    status: content.status as ContentStatus,
    title: content.title ?? '',
    spaceId: content.space?.id !== undefined ? String(content.space.id) : '',
    spaceKey: content.space?.key,
    parentId: ancestors.length ? ancestors[ancestors.length - 1].id : null,
    position: typeof position === 'number' ? position : null,
    authorId: history?.createdBy?.accountId ?? history?.createdBy?.userKey ?? null,
    createdAt: history?.createdDate ?? '',
    version: versionFromV1(content.version),
    body: body && (body.storage || body.view || body.export_view)
      ? { storage: body.storage?.value, view: body.view?.value, exportView: body.export_view?.value }
      : undefined,
    labels: labels?.map((l) => ({ id: l.id, name: l.name, prefix: l.prefix ?? 'global' })),
    webUrl: `${siteUrl}${content._links?.webui ?? `/pages/viewpage.action?pageId=${content.id}`}`,
  };
}

export function spaceFromV2(space: V2Space, siteUrl: string): Space {
  const description = space.description as { plain?: { value?: string } } | undefined;
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type ?? 'global',
    status: space.status ?? 'current',
    homepageId: space.homepageId ?? null,
    description: description?.plain?.value,
    webUrl: `${siteUrl}${space._links?.webui ?? `/spaces/${space.key}`}`,
  };
}

export function spaceFromV1(space: V1Space, siteUrl: string): Space {
  const homepage = (space as { homepage?: { id?: string } }).homepage;
  const description = (space as { description?: { plain?: { value?: string } } }).description;
  return {
    id: String(space.id),
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    homepageId: homepage?.id ?? null,
    description: description?.plain?.value,
    webUrl: `${siteUrl}${(space as { _links?: { webui?: string } })._links?.webui ?? `/display/${space.key}`}`,
  };
}
