/**
 * Confluence REST v1 entities (`/wiki/rest/api/...` on Cloud, `/rest/api/...` on Data Center; swagger.v3.json).
 *
 * Cloud still needs v1 for CQL search, attachment upload and label writes; Data Center has nothing else. One loose
 * schema covers both flavours: what only one of them sends is optional. Content nests content (ancestors,
 * children, container, version.content, space.homepage), so those fields are getters, which zod 4 resolves lazily.
 */
import { z } from 'zod';

/** `_links`: relative UI links, absolute `self`, and on a response's top object `base` and `context`. */
const V1Links = z.looseObject({
  self: z.string().optional(),
  webui: z.string().optional(),
  tinyui: z.string().optional(),
  editui: z.string().optional(),
  base: z.string().optional(),
  context: z.string().optional(),
  collection: z.string().optional(),
  download: z.string().optional(),
  next: z.string().optional(),
  prev: z.string().optional(),
});

/** What was not expanded, by name (value: a URL to fetch it, or empty). */
const V1Expandable = z.record(z.string(), z.string());

/** An avatar or icon. */
const V1Icon = z.looseObject({
  path: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  isDefault: z.boolean().optional(),
});

/**
 * A user. Cloud identifies users by `accountId` (and may blank `email` for privacy); Data Center by `username`
 * and `userKey`, with no `accountId`. `type` is `known`, `unknown`, `anonymous` or `user`.
 */
export const V1UserSchema = z.looseObject({
  type: z.string(),
  accountId: z.string().optional(),
  accountType: z.string().optional(),
  username: z.string().optional(),
  userKey: z.string().optional(),
  email: z.string().nullish(),
  // The spec marks it nullable: it can be hidden by the user's privacy settings.
  displayName: z.string().nullable(),
  publicName: z.string().optional(),
  timeZone: z.string().nullish(),
  profilePicture: V1Icon.nullish(),
  _links: V1Links.optional(),
});
/** A v1 user (Cloud or Data Center). */
export type V1User = z.infer<typeof V1UserSchema>;

/** A label. `prefix` (`global`, `my`, `team`) and the repeated `label` are not always sent. */
export const V1LabelSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string().optional(),
  label: z.string().optional(),
});
/** A v1 label. */
export type V1Label = z.infer<typeof V1LabelSchema>;

/** A `LabelArray` (`GET /content/{id}/label`, `metadata.labels`). */
export const V1LabelArraySchema = z.looseObject({
  results: z.array(V1LabelSchema),
  start: z.number().int().optional(),
  limit: z.number().int().optional(),
  size: z.number().int(),
  _links: V1Links.optional(),
});
/** A v1 label list. */
export type V1LabelArray = z.infer<typeof V1LabelArraySchema>;

/**
 * A `ContentArray` of `item` (content lists, children, CQL content search, attachment upload). `_links.next` is
 * there while more results follow. The spec requires `size` and `_links`, but nested arrays (`children.attachment`)
 * and some captured lists come without them, so they are optional: count `results` instead.
 */
export function v1ContentArraySchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    results: z.array(item),
    start: z.number().int().optional(),
    limit: z.number().int().optional(),
    size: z.number().int().optional(),
    _links: V1Links.optional(),
  });
}
/** A v1 content list of `T`. */
export type V1ContentArray<T> = {
  results: T[];
  start?: number;
  limit?: number;
  size?: number;
  _links?: z.infer<typeof V1Links>;
  [k: string]: unknown;
};

/** A version of content. `when` is nullable in the spec; `friendlyWhen`, `confRev` and `syncRev*` are Cloud only. */
export const V1VersionSchema = z.looseObject({
  by: V1UserSchema.optional(),
  when: z.string().nullable(),
  friendlyWhen: z.string().nullish(),
  message: z.string().nullish(),
  number: z.number().int(),
  minorEdit: z.boolean(),
  contentTypeModified: z.boolean().optional(),
  confRev: z.string().nullish(),
  syncRev: z.string().nullish(),
  syncRevSource: z.string().nullish(),
  get content() {
    return V1ContentSchema.optional();
  },
  _links: V1Links.optional(),
});
/** A v1 content version. */
export type V1Version = z.infer<typeof V1VersionSchema>;

/**
 * A space. `id` is a number in v1 (a string in v2) and is left out when a space is embedded in some content lists;
 * `type` is `global` or `personal` (Cloud's newer kinds read as `global` here); `status` `current` or `archived`.
 */
export const V1SpaceSchema = z.looseObject({
  id: z.number().int().optional(),
  key: z.string(),
  alias: z.string().optional(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  description: z
    .looseObject({
      plain: z.looseObject({ value: z.string(), representation: z.string() }).optional(),
      view: z.looseObject({ value: z.string(), representation: z.string() }).optional(),
    })
    .optional(),
  icon: V1Icon.optional(),
  get homepage() {
    return V1ContentSchema.optional();
  },
  metadata: z.looseObject({ labels: V1LabelArraySchema.optional() }).optional(),
  _expandable: V1Expandable.optional(),
  _links: V1Links.optional(),
});
/** A v1 space. */
export type V1Space = z.infer<typeof V1SpaceSchema>;

/** `history`: who created the content and when, and (expanded) the last, previous and next versions. */
const V1HistorySchema = z.looseObject({
  latest: z.boolean(),
  createdBy: V1UserSchema.optional(),
  createdDate: z.string().optional(),
  lastUpdated: V1VersionSchema.optional(),
  previousVersion: V1VersionSchema.optional(),
  nextVersion: V1VersionSchema.optional(),
  _links: V1Links.optional(),
});

/** One body representation (`value` is storage XHTML, rendered HTML, or ADF JSON as a string). */
const V1ContentBody = z.looseObject({
  value: z.string(),
  representation: z.string(),
  embeddedContent: z.array(z.unknown()).optional(),
});

/** `body`: one field per representation named in `expand` (`body.storage`, `body.view`, ...). */
const V1BodySchema = z.looseObject({
  storage: V1ContentBody.optional(),
  view: V1ContentBody.optional(),
  export_view: V1ContentBody.optional(),
  styled_view: V1ContentBody.optional(),
  anonymous_export_view: V1ContentBody.optional(),
  editor: V1ContentBody.optional(),
  editor2: V1ContentBody.optional(),
  atlas_doc_format: V1ContentBody.optional(),
  wiki: V1ContentBody.optional(),
  _expandable: V1Expandable.optional(),
});

/**
 * `extensions`: a page's `position` (a number on Cloud, the string `"none"` on Data Center when unset), an
 * attachment's media data, a comment's `location` (`footer`, `inline`, `resolved`).
 */
const V1ExtensionsSchema = z.looseObject({
  position: z.union([z.number(), z.string()]).optional(),
  mediaType: z.string().optional(),
  fileSize: z.number().optional(),
  comment: z.string().nullish(),
  location: z.string().optional(),
});

/** `children` / `descendants`: content arrays by type, each present only when expanded. */
const V1ContentChildrenSchema = z.looseObject({
  get attachment() {
    return v1ContentArraySchema(V1ContentSchema).optional();
  },
  get comment() {
    return v1ContentArraySchema(V1ContentSchema).optional();
  },
  get page() {
    return v1ContentArraySchema(V1ContentSchema).optional();
  },
});

/**
 * A piece of content: page, blog post, comment or attachment (`type`), with whatever `expand` asked for. What was
 * not expanded is named in `_expandable`. `container` is the space for pages and blog posts, the page for comments
 * and attachments.
 */
export const V1ContentSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  title: z.string(),
  get space() {
    return V1SpaceSchema.optional();
  },
  get history() {
    return V1HistorySchema.optional();
  },
  get version() {
    return V1VersionSchema.optional();
  },
  get ancestors() {
    return z.array(V1ContentSchema).nullish();
  },
  get children() {
    return V1ContentChildrenSchema.optional();
  },
  get descendants() {
    return V1ContentChildrenSchema.optional();
  },
  get container() {
    return z.union([V1SpaceSchema, V1ContentSchema]).optional();
  },
  body: V1BodySchema.optional(),
  metadata: z
    .looseObject({ labels: V1LabelArraySchema.optional(), mediaType: z.string().optional(), comment: z.string().nullish() })
    .optional(),
  extensions: V1ExtensionsSchema.optional(),
  _expandable: V1Expandable.optional(),
  _links: V1Links.optional(),
});
/** A v1 content object. */
export type V1Content = z.infer<typeof V1ContentSchema>;

/**
 * An attachment as v1 returns it (`/content/{id}/child/attachment`, upload response): content of type
 * `attachment` whose `extensions` carry the media type and size and whose `_links.download` is the file's path
 * relative to `_links.base`.
 */
export const V1AttachmentSchema = V1ContentSchema.extend({
  type: z.literal('attachment'),
  extensions: V1ExtensionsSchema.extend({ mediaType: z.string(), fileSize: z.number().int() }),
  _links: V1Links.extend({ download: z.string() }),
});
/** A v1 attachment. */
export type V1Attachment = z.infer<typeof V1AttachmentSchema>;

/** Where a search hit lives (`resultGlobalContainer`: its space; `resultParentContainer`: its parent). */
const V1ContainerSummary = z.looseObject({ title: z.string(), displayUrl: z.string() });

/**
 * One hit of `GET /rest/api/search` (CQL). Content hits carry `content`; user and space hits `user` or `space`.
 * `excerpt` is plain text with search highlights, `url` the web UI path.
 */
export const V1SearchResultSchema = z.looseObject({
  content: V1ContentSchema.optional(),
  user: V1UserSchema.optional(),
  space: V1SpaceSchema.optional(),
  title: z.string(),
  excerpt: z.string(),
  url: z.string(),
  resultParentContainer: V1ContainerSummary.optional(),
  resultGlobalContainer: V1ContainerSummary.optional(),
  breadcrumbs: z.array(z.looseObject({ label: z.string(), url: z.string() })).optional(),
  entityType: z.string(),
  iconCssClass: z.string().optional(),
  lastModified: z.string(),
  friendlyLastModified: z.string().optional(),
  score: z.number().optional(),
});
/** One CQL search hit. */
export type V1SearchResult = z.infer<typeof V1SearchResultSchema>;

/**
 * A page of `GET /rest/api/search` results. `totalSize` counts all matches; `_links.next` is there while more
 * follow. `cqlQuery` echoes the query as Confluence understood it.
 */
export const V1SearchResponseSchema = z.looseObject({
  results: z.array(V1SearchResultSchema),
  start: z.number().int(),
  limit: z.number().int(),
  size: z.number().int(),
  totalSize: z.number().int().optional(),
  cqlQuery: z.string().optional(),
  searchDuration: z.number().optional(),
  _links: V1Links,
});
/** A page of CQL search results. */
export type V1SearchResponse = z.infer<typeof V1SearchResponseSchema>;
