/**
 * Routes the emulator serves that the reference spec (July 2025) lacks, each with why it is served and the shape
 * its success answers are checked against. The route test fails when a served route is neither in the spec nor
 * here, and when an entry here turns out to be in the spec after all.
 */

export interface BeyondSpecRoute {
  /** Why the emulator serves it. */
  reason: string;
  /** JSON Schema (2020-12) of a 200 answer, written from the SDK's types. Closed, like the spec's schemas here. */
  schema: Record<string, unknown>;
}

const nullableDateTime = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] };

export const BEYOND_SPEC: Record<string, BeyondSpecRoute> = {
  'GET /api/v2/pipelines': {
    reason:
      '@llamaindex/llama-cloud 2.16 `pipelines.listPaginated()` calls it (the v1 search is deprecated there); ' +
      'shape from its PipelineListPaginatedResponse and PaginatedCursor types',
    schema: {
      type: 'object',
      required: ['items', 'next_page_token'],
      additionalProperties: false,
      properties: {
        next_page_token: { type: 'string' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'pipeline_type', 'project_id'],
            additionalProperties: false,
            properties: {
              id: { type: 'string', format: 'uuid' },
              name: { type: 'string' },
              pipeline_type: { enum: ['MANAGED', 'PLAYGROUND'] },
              project_id: { type: 'string', format: 'uuid' },
              created_at: nullableDateTime,
              updated_at: nullableDateTime,
              status: { anyOf: [{ enum: ['CREATED', 'DELETING'] }, { type: 'null' }] },
            },
          },
        },
      },
    },
  },
};

/** Fastify's `:name` template to the spec's `{name}`. */
export function toSpecPath(template: string): string {
  return template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}
