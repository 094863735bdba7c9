/**
 * Confluence Cloud REST v2 entities (`/wiki/api/v2/...`, openapi-v2.v3.json).
 *
 * Every object is loose: fields Atlassian adds later pass through untouched. Known fields keep their types, so a
 * wrong type still fails. The spec marks no field as required; the fields required here are the ones every real
 * response carries and that callers rely on (ids, titles, version numbers).
 */
import { z } from 'zod';

/** A content status (`current`, `draft`, `archived`, `historical`, `trashed`, `deleted`). Kept open: new ones appear. */
const ContentStatus = z.string();

/** `meta` and `_links` of the optional collections a single-entity read adds (`include-labels=true` ...). */
const OptionalFieldMeta = z.looseObject({ hasMore: z.boolean().optional(), cursor: z.string().optional() });
const OptionalFieldLinks = z.looseObject({ self: z.string().optional() });

/** An optional collection included in a single-entity read, e.g. `labels` with `include-labels=true`. */
function includedCollection<T extends z.ZodType>(item: T) {
  return z.looseObject({ results: z.array(item), meta: OptionalFieldMeta.optional(), _links: OptionalFieldLinks.optional() });
}

/** The version of a page, blog post, comment or attachment. */
export const V2VersionSchema = z.looseObject({
  number: z.number().int(),
  createdAt: z.string(),
  message: z.string().optional(),
  minorEdit: z.boolean().optional(),
  // Null on pages imported or migrated from Server (observed-errors.json, konviw#702).
  authorId: z.string().nullish(),
});
/** The version of a page, blog post, comment or attachment. */
export type V2Version = z.infer<typeof V2VersionSchema>;

/** One body representation. */
const BodyType = z.looseObject({ representation: z.string(), value: z.string() });

/**
 * The `body` of an entity: one field per representation asked for with `body-format`. List endpoints only offer
 * `storage` and `atlas_doc_format`; single reads add `view` and friends. Without `body-format` it is `{}`.
 */
export const V2BodySchema = z.looseObject({
  storage: BodyType.optional(),
  atlas_doc_format: BodyType.optional(),
  view: BodyType.optional(),
  export_view: BodyType.optional(),
  styled_view: BodyType.optional(),
  anonymous_export_view: BodyType.optional(),
  editor: BodyType.optional(),
});
/** The `body` of an entity. */
export type V2Body = z.infer<typeof V2BodySchema>;

/** A label (`GET /pages/{id}/labels`, `include-labels`). */
export const V2LabelSchema = z.looseObject({ id: z.string(), name: z.string(), prefix: z.string().optional() });
/** A label. */
export type V2Label = z.infer<typeof V2LabelSchema>;

/** `_links` of pages and blog posts; single reads add `base`. */
const PageLinks = z.looseObject({
  webui: z.string().optional(),
  editui: z.string().optional(),
  tinyui: z.string().optional(),
  base: z.string().optional(),
});

/**
 * A page: `PageBulk` (lists) and `PageSingle` (`GET /pages/{id}`) in one schema.
 * `parentId` is absent or null for a space's root pages; `position` is null where no order was ever set.
 */
export const V2PageSchema = z.looseObject({
  id: z.string(),
  status: ContentStatus,
  title: z.string(),
  spaceId: z.string(),
  parentId: z.string().nullish(),
  parentType: z.string().nullish(),
  position: z.number().int().nullish(),
  authorId: z.string(),
  ownerId: z.string().nullish(),
  lastOwnerId: z.string().nullish(),
  createdAt: z.string(),
  version: V2VersionSchema,
  body: V2BodySchema.optional(),
  labels: includedCollection(V2LabelSchema).optional(),
  _links: PageLinks.optional(),
});
/** A page (bulk or single shape). */
export type V2Page = z.infer<typeof V2PageSchema>;

/** A blog post: `BlogPostBulk` and `BlogPostSingle` (no parent, no position). */
export const V2BlogPostSchema = z.looseObject({
  id: z.string(),
  status: ContentStatus,
  title: z.string(),
  spaceId: z.string(),
  authorId: z.string(),
  createdAt: z.string(),
  version: V2VersionSchema,
  body: V2BodySchema.optional(),
  labels: includedCollection(V2LabelSchema).optional(),
  _links: PageLinks.optional(),
});
/** A blog post. */
export type V2BlogPost = z.infer<typeof V2BlogPostSchema>;

/** A space: `SpaceBulk` and `SpaceSingle`. `type` is `global`, `personal`, `collaboration`, `knowledge_base`... */
export const V2SpaceSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  authorId: z.string().nullish(),
  createdAt: z.string().optional(),
  // A space can exist without a home page.
  homepageId: z.string().nullish(),
  description: z
    .looseObject({ plain: BodyType.optional(), view: BodyType.optional() })
    .nullish(),
  icon: z.looseObject({ path: z.string().optional(), apiDownloadLink: z.string().optional() }).nullish(),
  labels: includedCollection(V2LabelSchema).optional(),
  _links: z.looseObject({ webui: z.string().optional(), base: z.string().optional() }).optional(),
});
/** A space. */
export type V2Space = z.infer<typeof V2SpaceSchema>;

/** A direct child of a page (`GET /pages/{id}/children`): no version, no body. */
export const V2ChildPageSchema = z.looseObject({
  id: z.string(),
  status: ContentStatus,
  title: z.string(),
  spaceId: z.string().optional(),
  childPosition: z.number().int().nullish(),
});
/** A direct child of a page. */
export type V2ChildPage = z.infer<typeof V2ChildPageSchema>;

/** An ancestor (`GET /pages/{id}/ancestors`), root first: only an id and a type (`page`, `folder`, `whiteboard`...). */
export const V2AncestorSchema = z.looseObject({ id: z.string(), type: z.string().optional() });
/** An ancestor. */
export type V2Ancestor = z.infer<typeof V2AncestorSchema>;

/** One entry of `GET /pages/{id}/versions`: a version plus the page it belongs to (`body` with `body-format`). */
export const V2PageVersionSchema = V2VersionSchema.extend({
  page: z.looseObject({ id: z.string(), title: z.string().optional(), body: V2BodySchema.optional() }).optional(),
});
/** One entry of a page's version history. */
export type V2PageVersion = z.infer<typeof V2PageVersionSchema>;

/**
 * `properties` of a comment. Inline comments carry their marker here (`inlineMarkerRef`, and the deprecated
 * dashed names); a footer comment read with `include-properties` carries a `results` collection instead.
 */
const CommentProperties = z.looseObject({
  inlineMarkerRef: z.string().optional(),
  inlineOriginalSelection: z.string().optional(),
  'inline-marker-ref': z.string().optional(),
  'inline-original-selection': z.string().optional(),
  results: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});

/**
 * A footer or inline comment (page, blog post, attachment and children lists, single reads). Which container id
 * is present depends on the endpoint; inline comments add `resolutionStatus` (`open`, `reopened`, `resolved`,
 * `dangling`) and their marker in `properties`.
 */
export const V2CommentSchema = z.looseObject({
  id: z.string(),
  status: ContentStatus,
  title: z.string().optional(),
  pageId: z.string().optional(),
  blogPostId: z.string().optional(),
  attachmentId: z.string().optional(),
  customContentId: z.string().optional(),
  parentCommentId: z.string().optional(),
  version: V2VersionSchema,
  body: V2BodySchema.optional(),
  resolutionStatus: z.string().optional(),
  resolutionLastModifierId: z.string().nullish(),
  resolutionLastModifiedAt: z.string().nullish(),
  properties: CommentProperties.optional(),
  _links: z.looseObject({ webui: z.string().optional() }).optional(),
});
/** A footer or inline comment. */
export type V2Comment = z.infer<typeof V2CommentSchema>;

/** An attachment (`AttachmentBulk`, `AttachmentSingle`). `fileId` is the id `atlas_doc_format` bodies refer to. */
export const V2AttachmentSchema = z.looseObject({
  id: z.string(),
  status: ContentStatus,
  title: z.string(),
  createdAt: z.string().optional(),
  pageId: z.string().optional(),
  blogPostId: z.string().optional(),
  customContentId: z.string().optional(),
  mediaType: z.string(),
  mediaTypeDescription: z.string().nullish(),
  comment: z.string().nullish(),
  fileId: z.string().optional(),
  fileSize: z.number().int(),
  webuiLink: z.string().optional(),
  downloadLink: z.string().optional(),
  version: V2VersionSchema.optional(),
  labels: includedCollection(V2LabelSchema).optional(),
  _links: z
    .looseObject({ webui: z.string().optional(), download: z.string().optional(), base: z.string().optional() })
    .optional(),
});
/** An attachment. */
export type V2Attachment = z.infer<typeof V2AttachmentSchema>;

/**
 * A v2 list page (`MultiEntityResult<T>`). `_links.next` (also sent as a `Link` header) holds the relative URL with
 * the opaque `cursor` of the next page; it is absent on the last page. v2 lists never give totals.
 *
 * @example
 * const PageList = v2ListSchema(V2PageSchema);
 * const { results, _links } = PageList.parse(await res.json());
 */
export function v2ListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    results: z.array(item),
    _links: z.looseObject({ next: z.string().optional(), base: z.string().optional() }).optional(),
  });
}
/** A v2 list page of `T`. */
export type V2List<T> = { results: T[]; _links?: { next?: string; base?: string; [k: string]: unknown }; [k: string]: unknown };
