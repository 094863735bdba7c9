/**
 * Request validation the way FastAPI and pydantic v2 do it: every problem of a request is collected (not just the
 * first), each located by `loc` (`['path', 'pipeline_id']`, `['query', 'limit']`, `['body', 0, 'text']`) with
 * pydantic's `type` and `msg`. `Checker` gathers the issues; `done()` throws one 422 with all of them.
 */
import { ValidationIssue, invalid } from './errors';

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export type Loc = Array<string | number>;
type Query = Record<string, string | string[] | undefined>;

export class Checker {
  readonly issues: ValidationIssue[] = [];

  add(loc: Loc, type: string, msg: string): void {
    this.issues.push({ loc, msg, type });
  }

  /** Throw a 422 if anything was wrong. */
  done(): void {
    if (this.issues.length) throw invalid(this.issues);
  }

  uuid(loc: Loc, value: unknown): string | undefined {
    if (typeof value !== 'string') {
      this.add(loc, 'uuid_type', 'UUID input should be a string, bytes or UUID object');
      return undefined;
    }
    if (!UUID.test(value)) {
      this.add(loc, 'uuid_parsing', 'Input should be a valid UUID, unable to parse string as a UUID');
      return undefined;
    }
    // FastAPI hands the route a UUID object: any accepted spelling names the same id.
    const hex = value.replace(/^urn:uuid:/i, '').replace(/-/g, '').toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** An optional query parameter; a repeated one takes its last value, as Starlette does for scalars. */
  queryString(query: Query, name: string): string | undefined {
    const value = query[name];
    return Array.isArray(value) ? value[value.length - 1] : value;
  }

  queryUuid(query: Query, name: string): string | undefined {
    const raw = this.queryString(query, name);
    return raw === undefined ? undefined : this.uuid(['query', name], raw);
  }

  queryInt(query: Query, name: string, fallback: number, minimum: number): number {
    const raw = this.queryString(query, name);
    if (raw === undefined) return fallback;
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      this.add(['query', name], 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      return fallback;
    }
    const value = Number(raw);
    if (value < minimum) {
      this.add(['query', name], 'greater_than_equal', `Input should be greater than or equal to ${minimum}`);
      return fallback;
    }
    return value;
  }

  queryBool(query: Query, name: string): boolean | undefined {
    const raw = this.queryString(query, name);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes', 'on', 't', 'y'].includes(lower)) return true;
    if (['false', '0', 'no', 'off', 'f', 'n'].includes(lower)) return false;
    this.add(['query', name], 'bool_parsing', 'Input should be a valid boolean, unable to interpret input');
    return undefined;
  }

  enumValue<T extends string>(loc: Loc, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const list = allowed.map((item) => `'${item}'`);
    this.add(loc, 'enum', `Input should be ${list.slice(0, -1).join(', ')}${list.length > 1 ? ' or ' : ''}${list[list.length - 1]}`);
    return undefined;
  }

  string(loc: Loc, value: unknown, limits: { min?: number; max?: number } = {}): string | undefined {
    if (typeof value !== 'string') {
      this.add(loc, 'string_type', 'Input should be a valid string');
      return undefined;
    }
    if (limits.min !== undefined && value.length < limits.min) {
      this.add(loc, 'string_too_short', `String should have at least ${limits.min} character${limits.min === 1 ? '' : 's'}`);
      return undefined;
    }
    if (limits.max !== undefined && value.length > limits.max) {
      this.add(loc, 'string_too_long', `String should have at most ${limits.max} characters`);
      return undefined;
    }
    return value;
  }

  object(loc: Loc, value: unknown): Record<string, unknown> | undefined {
    if (isPlainObject(value)) return value;
    this.add(loc, 'dict_type', 'Input should be a valid dictionary');
    return undefined;
  }

  /** An optional object that may be null. `undefined` when absent or wrong. */
  optionalObject(loc: Loc, value: unknown): Record<string, unknown> | null | undefined {
    if (value === undefined || value === null) return value;
    return this.object(loc, value);
  }

  stringList(loc: Loc, value: unknown): string[] | undefined {
    if (!Array.isArray(value)) {
      this.add(loc, 'list_type', 'Input should be a valid list');
      return undefined;
    }
    const ok = value.every((item, index) => this.string([...loc, index], item) !== undefined);
    return ok ? (value as string[]) : undefined;
  }

  intList(loc: Loc, value: unknown): number[] | undefined {
    if (!Array.isArray(value)) {
      this.add(loc, 'list_type', 'Input should be a valid list');
      return undefined;
    }
    let ok = true;
    value.forEach((item, index) => {
      if (!Number.isInteger(item)) {
        this.add([...loc, index], 'int_type', 'Input should be a valid integer');
        ok = false;
      }
    });
    return ok ? (value as number[]) : undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
