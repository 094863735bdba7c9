/**
 * OpenAPI 3.0 schema objects to JSON Schema (draft-07) that ajv validates:
 * - `nullable: true` becomes `type: [t, 'null']` (or an `anyOf` with null when there is no `type`);
 * - `$ref: '#/components/schemas/X'` points into the spec's converted definitions;
 * - `oneOf` becomes `anyOf`: discriminators are ignored, and without them Atlassian's `oneOf` branches overlap,
 *   so `oneOf` would refuse valid bodies that match two branches;
 * - `allOf` of plain object schemas is merged into one object schema (recursively for properties defined in
 *   several members), so that strict mode can close the merged object without closing each member, which
 *   would make every member refuse the other members' properties;
 * - strict mode adds `additionalProperties: false` to object schemas that declare `properties` and say nothing
 *   about additional ones: the emulator must not invent fields that the spec does not declare.
 */

/** A JSON (or OpenAPI) schema object. */
export type JsonSchema = { [key: string]: unknown };

/** How to convert: the raw component schemas (for `allOf` merging) and where converted ones are referenced. */
export interface ConvertOptions {
  components: Record<string, JsonSchema>;
  /** Prefix for converted `$ref`s, e.g. `spec-v2#/definitions/`. */
  refPrefix: string;
  strict: boolean;
  /**
   * Also close objects the spec marks `additionalProperties: true` while listing their properties. swagger.v3.json
   * does so on 28 schemas (Content, Version, User...), an artefact of its generator; real captures show no
   * fields beyond the listed ones (see calibration.spec.ts), so the contract closes them too.
   */
  closeOpen?: boolean;
}

const COMPONENT_REF = '#/components/schemas/';
/** Keys an `allOf` member may have and still be merged field by field. */
const MERGEABLE_KEYS = new Set(['type', 'properties', 'required', 'additionalProperties', 'nullable', 'title', 'description', 'example']);
/** OpenAPI-only keywords with no JSON Schema meaning here. */
const DROPPED_KEYS = new Set(['nullable', 'discriminator', 'xml', 'externalDocs', 'example', 'deprecated']);

/** Convert one OpenAPI schema object (and everything inside it) to JSON Schema. */
export function convertSchema(schema: unknown, options: ConvertOptions): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const ref: JsonSchema = { $ref: options.refPrefix + componentName(schema.$ref) };
    return schema.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  if (Array.isArray(schema.allOf)) {
    const merged = mergeAllOf(schema, options.components, 0);
    if (merged) return convertSchema(merged, options);
  }

  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertSchema(sub, options)]));
    } else if ((key === 'items' || key === 'not' || key === 'additionalProperties') && isObject(value)) {
      out[key] = convertSchema(value, options);
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      // An allOf that could not be merged keeps its members open: closing them would make them exclusive.
      const memberOptions = key === 'allOf' ? { ...options, strict: false } : options;
      out[key === 'allOf' ? 'allOf' : 'anyOf'] = value.map((member) => convertSchema(member, memberOptions));
    } else {
      out[key] = value;
    }
  }

  if (schema.nullable === true) makeNullable(out);
  const combined = out.anyOf !== undefined || out.allOf !== undefined;
  const open = out.additionalProperties === undefined || (options.closeOpen === true && out.additionalProperties === true);
  if (options.strict && isObject(out.properties) && open && !combined) {
    out.additionalProperties = false;
  }
  return out;
}

function makeNullable(out: JsonSchema): void {
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.type === undefined && out.enum === undefined) {
    const inner = { ...out };
    for (const key of Object.keys(out)) delete out[key];
    out.anyOf = [inner, { type: 'null' }];
  }
}

/**
 * Merge `schema.allOf` (plus the schema's own keys) into one object schema, following `$ref`s into the raw
 * components. Returns undefined when a member is not a plain object schema (then `allOf` is kept as is).
 */
export function mergeAllOf(schema: JsonSchema, components: Record<string, JsonSchema>, depth: number): JsonSchema | undefined {
  if (depth > 20) throw new Error('contract: allOf nesting too deep (cyclic?)');
  const { allOf, ...own } = schema;
  const members: JsonSchema[] = [];
  for (const member of [...(allOf as unknown[]), own]) {
    const expanded = expandMember(member, components, depth);
    if (!expanded) return undefined;
    members.push(expanded);
  }
  const properties: Record<string, unknown[]> = {};
  const required = new Set<string>();
  let additionalProperties: unknown;
  for (const member of members) {
    if (member.type !== undefined && member.type !== 'object') return undefined;
    for (const [name, sub] of Object.entries((member.properties as JsonSchema | undefined) ?? {})) (properties[name] ??= []).push(sub);
    for (const name of (member.required as string[] | undefined) ?? []) required.add(name);
    if (member.additionalProperties !== undefined) additionalProperties ??= member.additionalProperties;
  }
  // The schema's own keys are often just `{}`; an empty member says nothing about null.
  const nonEmpty = members.filter((member) => Object.keys(member).length > 0);
  const nullable = nonEmpty.length > 0 && nonEmpty.every((member) => member.nullable === true);
  const merged: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(Object.entries(properties).map(([name, subs]) => [name, combine(subs)])),
  };
  if (required.size) merged.required = [...required];
  if (additionalProperties !== undefined) merged.additionalProperties = additionalProperties;
  if (nullable) merged.nullable = true;
  return merged;
}

/**
 * One schema for a property that several members declare. Identical declarations collapse (ContentBlogpost
 * repeats Content's `metadata: $ref ContentMetadata`); merging them would recurse through the $ref for ever.
 */
function combine(subs: unknown[]): unknown {
  const distinct = [...new Map(subs.map((sub) => [JSON.stringify(sub), sub])).values()];
  return distinct.length === 1 ? distinct[0] : { allOf: distinct };
}

function expandMember(member: unknown, components: Record<string, JsonSchema>, depth: number): JsonSchema | undefined {
  if (!isObject(member)) return undefined;
  if (typeof member.$ref === 'string') {
    const target = components[componentName(member.$ref)];
    if (!target) throw new Error(`contract: unresolved ${member.$ref}`);
    return expandMember(member.nullable === true ? { ...target, nullable: true } : target, components, depth + 1);
  }
  if (Array.isArray(member.allOf)) return mergeAllOf(member, components, depth + 1);
  return Object.keys(member).every((key) => MERGEABLE_KEYS.has(key)) ? member : undefined;
}

function componentName(ref: string): string {
  if (!ref.startsWith(COMPONENT_REF)) throw new Error(`contract: unsupported $ref ${ref}`);
  return ref.slice(COMPONENT_REF.length);
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
