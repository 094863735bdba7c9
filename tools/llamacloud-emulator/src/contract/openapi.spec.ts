/** The validator itself: it must refuse what the contract relies on it to refuse. */
import { BEYOND_SPEC } from './beyond-spec';
import { loadSpec, specOperations, validateRequestBody, validateResponse, validateShape } from './openapi';

const spec = loadSpec();
const uuid = '3f1c2b1e-8a8d-4f67-9a59-8f1f0f7b2c11';
const document = { id: 'a', text: 'A', metadata: { nested: { any: ['thing'] } }, excluded_embed_metadata_keys: [], excluded_llm_metadata_keys: [], page_positions: null };
const pipeline = {
  id: uuid,
  name: 'p',
  project_id: uuid,
  pipeline_type: 'MANAGED',
  embedding_config: { type: 'OPENAI_EMBEDDING', component: { model_name: 'text-embedding-3-small' } },
  status: 'CREATED',
};

describe('validateResponse', () => {
  it('accepts spec-shaped answers through $refs in paths with parameters', () => {
    expect(validateResponse(spec, 'GET', '/api/v1/pipelines/{pipeline_id}', 200, pipeline)).toEqual([]);
    expect(validateResponse(spec, 'GET', '/api/v1/pipelines/{pipeline_id}/documents/{document_id}', 200, document)).toEqual([]);
  });

  it('refuses a field the spec does not declare, at any depth, but leaves open objects open', () => {
    expect(validateResponse(spec, 'GET', '/api/v1/pipelines/{pipeline_id}', 200, { ...pipeline, invented: 1 })).toEqual([expect.stringContaining("'invented'")]);
    const deep = { ...pipeline, embedding_config: { ...pipeline.embedding_config, component: { model_name: 'm', extra: true } } };
    expect(validateResponse(spec, 'GET', '/api/v1/pipelines/{pipeline_id}', 200, deep)).not.toEqual([]);
    expect(validateResponse(spec, 'GET', '/api/v1/pipelines/{pipeline_id}/documents/{document_id}', 200, { ...document, status_metadata: {} })).toEqual([
      expect.stringContaining("'status_metadata'"),
    ]);
    expect(validateResponse(loadSpec({ strict: false }), 'GET', '/api/v1/pipelines/{pipeline_id}', 200, { ...pipeline, invented: 1 })).toEqual([]);
  });

  it('refuses wrong types, formats, enums and missing required fields', () => {
    const status = '/api/v1/pipelines/{pipeline_id}/documents/{document_id}/status';
    expect(validateResponse(spec, 'GET', status, 200, { status: 'SUCCESS' })).toEqual([]);
    expect(validateResponse(spec, 'GET', status, 200, { status: 'PENDING' })).not.toEqual([]);
    expect(validateResponse(spec, 'GET', status, 200, { status: 'SUCCESS', job_id: 'not-a-uuid' })).not.toEqual([]);
    expect(validateResponse(spec, 'GET', '/api/v1/pipelines/{pipeline_id}', 200, { ...pipeline, id: undefined })).not.toEqual([]);
    expect(validateResponse(spec, 'GET', '/api/v1/projects', 200, [{ name: '', id: uuid, organization_id: uuid }])).not.toEqual([]);
  });

  it('checks 422 against HTTPValidationError and undeclared errors against FastAPI detail', () => {
    const path = '/api/v1/pipelines/{pipeline_id}';
    expect(validateResponse(spec, 'GET', path, 422, { detail: [{ loc: ['path', 'pipeline_id'], msg: 'm', type: 'uuid_parsing' }] })).toEqual([]);
    expect(validateResponse(spec, 'GET', path, 422, { detail: [{ loc: ['path'], msg: 'm' }] })).not.toEqual([]);
    expect(validateResponse(spec, 'GET', path, 404, { detail: 'Pipeline not found' })).toEqual([]);
    expect(validateResponse(spec, 'GET', path, 404, { message: 'Pipeline not found' })).not.toEqual([]);
    expect(validateResponse(spec, 'GET', path, 201, pipeline)).toEqual([expect.stringContaining('status not declared')]);
  });

  it('wants no body on a 204', () => {
    expect(validateResponse(spec, 'DELETE', '/api/v1/pipelines/{pipeline_id}', 204, undefined)).toEqual([]);
    expect(validateResponse(spec, 'DELETE', '/api/v1/pipelines/{pipeline_id}', 204, { ok: true })).not.toEqual([]);
  });

  it('checks request bodies and the shapes written for routes beyond the spec', () => {
    expect(validateRequestBody(spec, 'PUT', '/api/v1/pipelines/{pipeline_id}/documents', [{ text: 't', metadata: {} }])).toEqual([]);
    expect(validateRequestBody(spec, 'PUT', '/api/v1/pipelines/{pipeline_id}/documents', [{ metadata: {} }])).not.toEqual([]);
    const v2 = BEYOND_SPEC['GET /api/v2/pipelines'].schema;
    const item = { id: uuid, name: 'p', pipeline_type: 'MANAGED', project_id: uuid };
    expect(validateShape(spec, 'v2', v2, { items: [item], next_page_token: '' })).toEqual([]);
    expect(validateShape(spec, 'v2', v2, { items: [{ ...item, embedding_config: {} }], next_page_token: '' })).not.toEqual([]);
  });

  it('compiles a validator for every response of every operation', () => {
    for (const operation of specOperations(spec)) {
      const [method, path] = operation.split(' ');
      expect(() => validateResponse(spec, method, path, 200, {})).not.toThrow();
    }
    expect(specOperations(spec).length).toBeGreaterThan(150);
  });
});
