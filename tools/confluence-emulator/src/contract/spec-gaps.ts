/**
 * Places where Atlassian's spec contradicts itself, patched before validation. Each patch names the evidence;
 * anything not listed here is validated exactly as the spec says. Keep this list short and justified: a patch
 * that merely makes the emulator pass hides a real mismatch.
 */
import type { JsonSchema } from './normalize';

interface SpecGap {
  spec: 'v1' | 'v2';
  /** Only for this deployment (swagger.v3.json is Cloud's; Data Center serves v1 with small differences). */
  flavor?: 'cloud' | 'dc';
  /** Component schema patched. */
  schema: string;
  why: string;
  patch(schema: JsonSchema): void;
}

const BODY_TYPE = { $ref: '#/components/schemas/BodyType' };

/** The gaps, documented. */
export const SPEC_GAPS: readonly SpecGap[] = [
  {
    spec: 'v2',
    schema: 'BodySingle',
    why:
      'GET /pages/{id} (and /footer-comments/{comment-id}, /inline-comments/{comment-id}) accept body-format ' +
      'export_view, anonymous_export_view, styled_view and editor (PrimaryBodyRepresentationSingle) and document ' +
      '"the representation will be available under a response field of the same name under the body field", ' +
      'but BodySingle declares only storage, atlas_doc_format and view.',
    patch(schema) {
      const properties = schema.properties as Record<string, unknown>;
      for (const format of ['export_view', 'anonymous_export_view', 'styled_view', 'editor']) properties[format] ??= BODY_TYPE;
    },
  },
  {
    spec: 'v1',
    schema: 'Space',
    why:
      'swagger.v3.json is a 2021 snapshot; real Cloud spaces carry `alias` and `_expandable.roles` ' +
      '(mcp-atlassian-fixtures spaces_response.json and page_response.json, anonymised captures).',
    patch(schema) {
      const properties = schema.properties as Record<string, JsonSchema>;
      properties.alias ??= { type: 'string' };
      ((properties._expandable as JsonSchema).properties as Record<string, unknown>).roles ??= { type: 'string' };
    },
  },
  {
    spec: 'v1',
    schema: 'Content',
    why: 'Real Cloud content has `_expandable.schedulePublishInfo` (mcp-atlassian-fixtures page_response.json, pages_from_space_response.json, comments_response.json).',
    patch(schema) {
      const expandable = (schema.properties as Record<string, JsonSchema>)._expandable;
      (expandable.properties as Record<string, unknown>).schedulePublishInfo ??= { type: 'string' };
    },
  },
  {
    spec: 'v1',
    schema: 'ContentHistory',
    why:
      'Real Cloud history (airbyte-confluence-records, 2023 captures) has `_expandable.ownedBy`, ' +
      '`_expandable.lastOwnedBy` (page ownership, added after the 2021 snapshot) and `contributors._expandable`.',
    patch(schema) {
      const properties = schema.properties as Record<string, JsonSchema>;
      const expandable = properties._expandable.properties as Record<string, unknown>;
      expandable.ownedBy ??= { type: 'string' };
      expandable.lastOwnedBy ??= { type: 'string' };
      (properties.contributors.properties as Record<string, unknown>)._expandable ??= { type: 'object', additionalProperties: { type: 'string' } };
    },
  },
  {
    spec: 'v1',
    schema: 'Version',
    why: 'Real Cloud versions carry `ncsStepVersion` and `ncsStepVersionSource` (mcp-atlassian-fixtures page_response.json).',
    patch(schema) {
      const properties = schema.properties as Record<string, unknown>;
      properties.ncsStepVersion ??= { type: 'string' };
      properties.ncsStepVersionSource ??= { type: 'string' };
    },
  },
  {
    spec: 'v1',
    schema: 'User',
    why: 'Real Cloud users carry `isGuest`, `locale` and `accountStatus` (mcp-atlassian-fixtures page_response.json, comments_response.json).',
    patch(schema) {
      const properties = schema.properties as Record<string, unknown>;
      properties.isGuest ??= { type: 'boolean' };
      properties.locale ??= { type: 'string' };
      properties.accountStatus ??= { type: 'string' };
    },
  },
  {
    spec: 'v1',
    schema: 'ContentMetadata',
    why:
      'The spec marks ContentMetadata open (additionalProperties: true), which the contract closes; attachments carry ' +
      '`metadata.mediaType` and `metadata.comment` (the spec\'s own AttachmentUpdate.metadata mirrors them), and like ' +
      'every expandable v1 object metadata lists `_expandable`.',
    patch(schema) {
      const properties = schema.properties as Record<string, unknown>;
      properties.mediaType ??= { type: 'string' };
      properties.comment ??= { type: 'string' };
      properties._expandable ??= { type: 'object', additionalProperties: { type: 'string' } };
    },
  },
  {
    spec: 'v1',
    flavor: 'dc',
    schema: 'Version',
    why: 'Data Center versions carry `hidden` (boolean), which Cloud dropped (Confluence Server REST reference examples).',
    patch(schema) {
      (schema.properties as Record<string, unknown>).hidden ??= { type: 'boolean' };
    },
  },
  {
    spec: 'v1',
    flavor: 'dc',
    schema: 'User',
    why:
      "Data Center users are `{type, username, userKey, profilePicture, displayName, _links, _expandable: {status}}` " +
      "(Confluence Server REST reference examples); Cloud's User._expandable declares only operations, personalSpace " +
      'and details, and no `status`.',
    patch(schema) {
      const expandable = (schema.properties as Record<string, JsonSchema>)._expandable;
      (expandable.properties as Record<string, unknown>).status ??= { type: 'string' };
    },
  },
];

/** Apply the gaps of one spec (for one flavour) to its component schemas (in place). */
export function applySpecGaps(spec: 'v1' | 'v2', flavor: 'cloud' | 'dc', components: Record<string, JsonSchema>): void {
  for (const gap of SPEC_GAPS) {
    if (gap.spec !== spec || (gap.flavor && gap.flavor !== flavor)) continue;
    const schema = components[gap.schema];
    if (!schema) throw new Error(`contract: spec gap names a missing schema ${gap.schema}`);
    gap.patch(schema);
  }
}
