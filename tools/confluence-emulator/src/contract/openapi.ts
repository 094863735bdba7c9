/**
 * Atlassian's OpenAPI specs as response validators. `loadSpec('v2')` reads openapi-v2.v3.json (Cloud REST v2),
 * `loadSpec('v1')` swagger.v3.json (REST v1, also the reference for Data Center's shapes). Each response schema is
 * compiled once per spec and mode and cached.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ConvertOptions, JsonSchema, convertSchema } from './normalize';
import { readReferenceJson } from './reference';
import { applySpecGaps } from './spec-gaps';
import { ErrorShape, errorSchema } from './shapes';

/** Which spec: Cloud REST v2, or REST v1 (Cloud paths `/wiki/rest/api/...`). */
export type SpecName = 'v2' | 'v1';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** A loaded spec with its compiled validators. */
export interface Spec {
  name: SpecName;
  document: OpenApiDocument;
  /** Spec paths, e.g. `/pages/{id}` (v2) or `/wiki/rest/api/content/{id}` (v1). */
  paths: string[];
  /** Envelope of error bodies when the spec declares a status without a body. */
  errorShape: ErrorShape;
  /** Object schemas are closed (see `normalize.ts`). */
  strict: boolean;
  ajv: Ajv;
  cache: Map<string, ValidateFunction>;
}

const FILES: Record<SpecName, string> = { v2: 'openapi-v2.v3.json', v1: 'swagger.v3.json' };
const loaded = new Map<string, Spec>();

/**
 * Load (once) a spec. `strict` (the default) closes object schemas: a field the spec does not declare is an error.
 * `flavor` picks the spec gaps to apply (Data Center answers v1 with a few fields Cloud's spec lacks).
 */
export function loadSpec(name: SpecName, options: { strict?: boolean; flavor?: 'cloud' | 'dc' } = {}): Spec {
  const strict = options.strict ?? true;
  const flavor = options.flavor ?? 'cloud';
  const key = `${name}:${strict}:${flavor}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const document = readReferenceJson<OpenApiDocument>('confluence-openapi', FILES[name]);
  applySpecGaps(name, flavor, document.components.schemas);
  const spec: Spec = { name, document, paths: Object.keys(document.paths), errorShape: name, strict, ajv: createAjv(document, strict, name), cache: new Map() };
  loaded.set(key, spec);
  return spec;
}

function createAjv(document: OpenApiDocument, strict: boolean, name: SpecName): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Formats Atlassian uses that ajv-formats does not know (and that say nothing checkable) are accepted as is.
  for (const format of collectFormats(document)) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  const options: ConvertOptions = { components: document.components.schemas, refPrefix: `spec-${name}#/definitions/`, strict, closeOpen: strict };
  const definitions = Object.fromEntries(Object.entries(document.components.schemas).map(([key, schema]) => [key, convertSchema(schema, options)]));
  ajv.addSchema({ $id: `spec-${name}`, definitions });
  return ajv;
}

function collectFormats(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => collectFormats(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, sub] of Object.entries(value)) {
      if (key === 'format' && typeof sub === 'string') into.add(sub);
      else collectFormats(sub, into);
    }
  }
  return into;
}

/**
 * Validate one response against the spec. `specPath` is a key of the spec's `paths`; `body` is the parsed JSON,
 * a string for non-JSON bodies, or undefined for an empty body. Returns human-readable errors (empty = valid).
 *
 * Statuses the spec declares without a body, and error statuses it does not declare at all (Cloud v2 answers 409
 * and 429 although the spec lists neither), are checked against the observed error envelope of the API.
 */
export function validateResponse(spec: Spec, method: string, specPath: string, status: number, body: unknown, options: { errorShape?: ErrorShape } = {}): string[] {
  const where = `${method.toUpperCase()} ${specPath} ${status}`;
  const operation = spec.document.paths[specPath]?.[method.toLowerCase()];
  if (!operation) return [`${method.toUpperCase()} ${specPath}: no such operation in the ${spec.name} spec`];
  const responses = operation.responses ?? {};
  const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((key) => responses[key]);
  const errorShape = options.errorShape ?? spec.errorShape;
  if (!statusKey) {
    if (status >= 400) return check(spec, `error:${errorShape}`, () => errorSchema(errorShape), body, where);
    return [`${where}: status not declared (declared: ${Object.keys(responses).join(', ')})`];
  }
  const content = responses[statusKey].content ?? {};
  const mediaKey = Object.keys(content).find((key) => key.startsWith('application/json')) ?? Object.keys(content).find((key) => content[key].schema);
  const schema = mediaKey ? content[mediaKey].schema : undefined;
  if (!schema) {
    if (status >= 400) return check(spec, `error:${errorShape}`, () => errorSchema(errorShape), body, where);
    if (status === 204 && body !== undefined && body !== '') return [`${where}: 204 must have no body`];
    return [];
  }
  const cacheKey = `${method.toLowerCase()} ${specPath} ${statusKey} ${mediaKey}`;
  return check(spec, cacheKey, () => convertSchema(schema, { components: spec.document.components.schemas, refPrefix: `spec-${spec.name}#/definitions/`, strict: spec.strict, closeOpen: spec.strict }) as JsonSchema, body, where);
}

/** Validate a body against a hand-written schema (see `shapes.ts`), compiled once per `key`. */
export function validateShape(spec: Spec, key: string, schema: JsonSchema, body: unknown, where = key): string[] {
  return check(spec, `shape:${key}`, () => schema, body, where);
}

function check(spec: Spec, cacheKey: string, schema: () => JsonSchema, body: unknown, where: string): string[] {
  if (body === undefined) return [`${where}: empty body`];
  let validate = spec.cache.get(cacheKey);
  if (!validate) {
    validate = spec.ajv.compile(schema());
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
