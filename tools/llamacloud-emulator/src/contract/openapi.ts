/**
 * LlamaCloud's OpenAPI 3.1 spec as a validator (ajv's JSON Schema 2020-12 dialect, which 3.1 schemas are).
 *
 * Strict by default: every object schema that lists `properties` and says nothing about others is closed
 * (`additionalProperties: false`), so a field the emulator invents fails; objects the spec leaves open on purpose
 * (`metadata`, `additionalProperties: true`) stay open. Validators are compiled once per schema location.
 */
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readLlamaCloudSpec } from './reference';

type JsonObject = { [key: string]: unknown };
type Operation = { requestBody?: { content?: Record<string, { schema?: unknown }> }; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonObject> };
}

export interface Spec {
  document: OpenApiDocument;
  strict: boolean;
  ajv: Ajv2020;
  cache: Map<string, ValidateFunction>;
}

const SPEC_ID = 'llamacloud';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
/** What FastAPI's `HTTPException` renders: the shape of every error status the spec leaves undeclared. */
export const HTTP_EXCEPTION_SCHEMA = { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } }, additionalProperties: false };
const loaded = new Map<boolean, Spec>();

/** Load (once) the spec; `strict` closes object schemas (see above). */
export function loadSpec(options: { strict?: boolean } = {}): Spec {
  const strict = options.strict ?? true;
  const cached = loaded.get(strict);
  if (cached) return cached;
  const document = readLlamaCloudSpec<OpenApiDocument>();
  const schemaDocument = structuredClone(document) as unknown as JsonObject;
  if (strict) closeObjects(schemaDocument);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // Formats that say nothing checkable about JSON text (binary uploads, secrets, paths).
  for (const format of ['binary', 'password', 'file-path']) ajv.addFormat(format, true);
  ajv.addSchema({ ...schemaDocument, $id: SPEC_ID });
  const spec: Spec = { document, strict, ajv, cache: new Map() };
  loaded.set(strict, spec);
  return spec;
}

/** Every `METHOD /path` the spec declares. */
export function specOperations(spec: Spec): string[] {
  return Object.entries(spec.document.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
}

/**
 * Validate one response. `body` is the parsed JSON, a string for a non-JSON body, or undefined for an empty one.
 * Returns readable problems (empty when valid). An error status the operation does not declare is checked
 * against FastAPI's `{"detail": "..."}`.
 */
export function validateResponse(spec: Spec, method: string, specPath: string, status: number, body: unknown): string[] {
  const where = `${method.toUpperCase()} ${specPath} ${status}`;
  const operation = spec.document.paths[specPath]?.[method.toLowerCase()];
  if (!operation) return [`${where}: no such operation in the spec`];
  const responses = operation.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => responses[candidate]);
  if (!key) {
    if (status >= 400) return check(spec, 'http-exception', HTTP_EXCEPTION_SCHEMA, body, where);
    return [`${where}: status not declared (declared: ${Object.keys(responses).join(', ')})`];
  }
  const content = responses[key].content;
  if (!content?.['application/json']?.schema) {
    return body === undefined || body === '' ? [] : [`${where}: the spec declares no body, but one was sent`];
  }
  const pointer = ['paths', specPath, method.toLowerCase(), 'responses', key, 'content', 'application/json', 'schema'];
  return check(spec, pointer.join(' '), { $ref: `${SPEC_ID}#/${pointer.map(escapePointer).join('/')}` }, body, where);
}

/** Validate a request body against the operation's `requestBody` schema (so contract calls are themselves valid). */
export function validateRequestBody(spec: Spec, method: string, specPath: string, body: unknown): string[] {
  const where = `${method.toUpperCase()} ${specPath} request body`;
  const operation = spec.document.paths[specPath]?.[method.toLowerCase()];
  if (!operation?.requestBody?.content?.['application/json']?.schema) return [`${where}: the spec declares no JSON request body`];
  const pointer = ['paths', specPath, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'];
  return check(spec, pointer.join(' '), { $ref: `${SPEC_ID}#/${pointer.map(escapePointer).join('/')}` }, body, where);
}

/** Validate against a hand-written schema (routes beyond the spec), compiled once per `key`. */
export function validateShape(spec: Spec, key: string, schema: JsonObject, body: unknown, where = key): string[] {
  return check(spec, `shape ${key}`, schema, body, where);
}

function check(spec: Spec, cacheKey: string, schema: JsonObject, body: unknown, where: string): string[] {
  if (body === undefined) return [`${where}: empty body`];
  let validate = spec.cache.get(cacheKey);
  if (!validate) {
    validate = spec.ajv.compile(schema);
    spec.cache.set(cacheKey, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${where}: ${describe(error)}`);
}

function describe(error: ErrorObject): string {
  const at = error.instancePath || '(root)';
  if (error.keyword === 'additionalProperties') return `${at} has field '${String(error.params.additionalProperty)}' that the spec does not declare`;
  return `${at} ${error.message ?? error.keyword}${error.keyword === 'enum' ? ` ${JSON.stringify(error.params.allowedValues)}` : ''}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

/** Close every object schema that lists properties and is silent about others, walking only schema positions. */
function closeObjects(document: JsonObject): void {
  const components = (document.components as JsonObject).schemas as Record<string, unknown>;
  Object.values(components).forEach(closeSchema);
  for (const item of Object.values(document.paths as Record<string, Record<string, Operation>>)) {
    for (const operation of Object.values(item)) {
      for (const media of [...Object.values(operation.requestBody?.content ?? {}), ...Object.values(operation.responses ?? {}).flatMap((r) => Object.values(r.content ?? {}))]) {
        closeSchema(media.schema);
      }
    }
  }
}

function closeSchema(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  const node = schema as JsonObject;
  if (isObject(node.properties)) {
    if (node.additionalProperties === undefined) node.additionalProperties = false;
    Object.values(node.properties).forEach(closeSchema);
  }
  for (const key of ['items', 'additionalProperties', 'not', 'contains']) closeSchema(node[key]);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(closeSchema);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
