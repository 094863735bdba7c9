/**
 * Tool arguments as a model sends them, made into what a handler takes. Forgiving where the intent is plain
 * (a number where an id string is expected, a numeric string for a number, one value for a list, a limit past
 * its range: clamped with a note), and otherwise a failure that names the argument, says what was wrong and
 * shows a right value, so the model can correct itself. The MCP specification (2025-11-25) asks for such
 * argument problems to be tool results with `isError`, not protocol errors the model never sees.
 */
import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import { ToolFailure } from './results';

/** Arguments past whose range a value is clamped (with a note) rather than refused: sizes of an answer. */
const CLAMPED = new Set(['limit', 'max_chars', 'max_depth', 'max_pages', 'context_lines', 'max_bytes']);

export interface PreparedArguments {
  args: Record<string, unknown>;
  /** What was adjusted, for the answer's text (`limit: 500 is over the maximum of 100; 100 were used.`). */
  notes: string[];
}

/** Coerce, clamp and validate `raw` against a tool's input shape; throws `ToolFailure('INVALID_ARGUMENT')`. */
export function prepareArguments(shape: z.ZodRawShape, raw: unknown): PreparedArguments {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new ToolFailure('INVALID_ARGUMENT', 'The arguments must be a JSON object of named arguments, e.g. {"page_id": "123456"}.');
  }
  const notes: string[] = [];
  const input: Record<string, unknown> = { ...(raw as Record<string, unknown> | undefined) };
  for (const [name, schema] of Object.entries(shape)) {
    if (!(name in input) || input[name] === undefined) continue;
    input[name] = coerce(name, innerOf(schema as z.ZodType), input[name], notes);
  }
  const parsed = objectOf(shape).safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => describeIssue(issue, shape));
    throw new ToolFailure('INVALID_ARGUMENT', problems.join(' '));
  }
  return { args: parsed.data as Record<string, unknown>, notes };
}

/**
 * The object schema of a tool's input shape, built once: zod compiles an object's parser on first use, and building
 * and compiling it again for every call cost more than the parse itself.
 */
const objects = new WeakMap<z.ZodRawShape, z.ZodObject>();
function objectOf(shape: z.ZodRawShape): z.ZodObject {
  let object = objects.get(shape);
  if (!object) objects.set(shape, (object = z.object(shape)));
  return object;
}

/** The schema under `optional()`, `default()` and `nullable()`. */
function innerOf(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 5; i++) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if (!['optional', 'default', 'nullable', 'prefault'].includes(def.type) || !def.innerType) break;
    current = def.innerType;
  }
  return current;
}

function coerce(name: string, schema: z.ZodType, value: unknown, notes: string[]): unknown {
  const type = schema._zod.def.type;
  if (type === 'string' && typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (type === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) value = Number(value.trim());
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'array' && value !== null && !Array.isArray(value) && typeof value !== 'object') value = [value];
  if (type === 'array' && Array.isArray(value)) {
    const element = innerOf((schema._zod.def as unknown as { element: z.ZodType }).element);
    return value.map((item) => coerce(name, element, item, notes));
  }
  if (type === 'number' && typeof value === 'number' && CLAMPED.has(name)) return clamp(name, schema as z.ZodNumber, value, notes);
  return value;
}

function clamp(name: string, schema: z.ZodNumber, value: number, notes: string[]): number {
  const { minValue, maxValue } = schema;
  const whole = Number.isInteger(value) ? value : Math.round(value);
  if (maxValue !== null && whole > maxValue) {
    notes.push(`${name}: ${value} is over the maximum of ${maxValue}; ${maxValue} was used.`);
    return maxValue;
  }
  if (minValue !== null && whole < minValue) {
    notes.push(`${name}: ${value} is under the minimum of ${minValue}; ${minValue} was used.`);
    return minValue;
  }
  return whole;
}

/** One problem in words a model can act on: the argument, what was wrong, and an example when the schema has one. */
function describeIssue(issue: $ZodIssue, shape: z.ZodRawShape): string {
  const name = issue.path.length ? issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('') : '(arguments)';
  const top = typeof issue.path[0] === 'string' ? shape[issue.path[0]] : undefined;
  const example = top ? exampleOf(top as z.ZodType) : undefined;
  return `${name}: ${whatWasWrong(issue)}.${example ? ` Example: ${example}.` : ''}`;
}

function whatWasWrong(issue: $ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has too many items (at most ${issue.maximum})`
        : issue.origin === 'string'
          ? `is too long (at most ${issue.maximum} characters)`
          : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? Number(issue.minimum) === 1
            ? 'must not be empty'
            : `is too short (at least ${issue.minimum} characters)`
          : `must be at least ${issue.minimum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
    case 'custom':
      // Our schemas' own messages ("must be a numeric Confluence page id") read well as they are.
      return issue.message.startsWith('Invalid') ? `is not valid (${issue.message})` : issue.message;
    default:
      return issue.message;
  }
}

/** An example value from a schema's description (`..., e.g. "ENG".`), if it gives one. */
function exampleOf(schema: z.ZodType): string | undefined {
  const match = /e\.g\. ((?:"[^"]*"|\[[^\]]*\]|[\w.-]+)(?:\s+or\s+(?:"[^"]*"|[\w.-]+))*)/.exec(schema.description ?? '');
  return match?.[1];
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}
