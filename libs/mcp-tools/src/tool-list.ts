/**
 * The `tools/list` answer: every tool's JSON Schemas made portable and compact. Every client loads the whole
 * list into the model's context on every conversation, so its size is a cost paid each time; and some clients
 * refuse `type: ["string", "null"]`, which zod writes for nullable fields (the MCP Inspector flags each one).
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnyTool } from './tool';

type JsonSchema = Record<string, unknown>;

/**
 * Listings by tool: a listing is a pure function of the tool's definition (a module constant), and converting its
 * zod schemas to JSON Schema cost milliseconds per server, paid by every server the HTTP app builds.
 */
const listings = new WeakMap<AnyTool, Tool>();

/** One tool as `tools/list` describes it (computed once per tool; the answer is shared, so never change it). */
export function listedTool(tool: AnyTool): Tool {
  let listed = listings.get(tool);
  if (!listed) listings.set(tool, (listed = deepFreeze(describe(tool))));
  return listed;
}

function describe(tool: AnyTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: portable(z.toJSONSchema(z.object(tool.inputSchema), { io: 'input', target: 'draft-7' }) as JsonSchema) as Tool['inputSchema'],
    outputSchema: portable(z.toJSONSchema(z.object(tool.outputSchema), { io: 'output', target: 'draft-7' }) as JsonSchema) as Tool['outputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  };
}

/**
 * A JSON Schema without what costs characters and tells a model nothing (`$schema`, `additionalProperties:
 * false` on answers), and with `type` arrays written as `anyOf`, which every client reads.
 */
export function portable(schema: JsonSchema, isRoot = true): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'additionalProperties' && value === false && !isRoot) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [name, portable(child, false)]));
    } else if ((key === 'items' || key === 'not') && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = portable(value as JsonSchema, false);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((child: JsonSchema) => portable(child, false));
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out['type'])) {
    const { type, description, ...rest } = out;
    const types = type as string[];
    // Constraints stay on the branch they belong to (`maxLength` is about the string, not the null).
    const anyOf = types.map((t) => (t === 'null' ? { type: 'null' } : { type: t, ...rest }));
    return description === undefined ? { anyOf } : { description, anyOf };
  }
  return out;
}

/** Frozen all the way down: a listing shared by every server must not be changed by one of them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
