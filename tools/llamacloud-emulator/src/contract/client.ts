/**
 * A contract client: sends a request to the emulator, finds the route that answered it (from the emulator's own
 * route list), and checks the answer against the spec (or, for a route beyond it, against its written shape).
 * Problems are collected in `violations`, and every answered `route status` in `answered`, so a suite can demand
 * that each route was seen succeeding.
 */
import { BEARER } from '../testing';
import { BEYOND_SPEC, toSpecPath } from './beyond-spec';
import { HTTP_EXCEPTION_SCHEMA, Spec, validateRequestBody, validateResponse, validateShape } from './openapi';

export interface ContractResponse {
  status: number;
  headers: Headers;
  // The cases read whatever shape the route returns; typing each would only restate the spec.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export class ContractClient {
  readonly violations: string[] = [];
  /** `METHOD /template status` of every answer. */
  readonly answered = new Set<string>();

  constructor(
    private readonly spec: Spec,
    private readonly origin: string,
    private readonly routes: readonly string[],
  ) {}

  /** Send, check, and demand `expected` status (a mismatch is a violation too). */
  async call(method: string, path: string, expected: number, options: { body?: unknown; authorization?: string | null; rawBody?: string } = {}): Promise<ContractResponse> {
    const route = this.routeOf(method, path);
    if (options.body !== undefined && route && !BEYOND_SPEC[route]) {
      this.violations.push(...validateRequestBody(this.spec, method, toSpecPath(route.slice(route.indexOf(' ') + 1)), options.body).map((problem) => `contract call is itself invalid: ${problem}`));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.authorization !== null) headers.authorization = options.authorization ?? BEARER;
    // `rawBody` is for deliberately invalid requests: it is sent as is and not checked against the spec.
    const raw = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.origin + path, { method, headers, body: raw });
    const text = await response.text();
    const data = parse(text);
    if (response.status !== expected) this.violations.push(`${method} ${path}: expected ${expected}, got ${response.status} ${text.slice(0, 300)}`);
    if (!route) {
      this.violations.push(`${method} ${path}: no served route matches (the contract only calls served routes)`);
      return { status: response.status, headers: response.headers, data };
    }
    this.answered.add(`${route} ${response.status}`);
    const contentType = response.headers.get('content-type') ?? '';
    if (text !== '' && !contentType.startsWith('application/json')) this.violations.push(`${method} ${path}: content-type '${contentType}' is not JSON`);
    this.violations.push(...this.check(method, route, response.status, data));
    return { status: response.status, headers: response.headers, data };
  }

  private check(method: string, route: string, status: number, data: unknown): string[] {
    const beyond = BEYOND_SPEC[route];
    if (!beyond) return validateResponse(this.spec, method, toSpecPath(route.slice(route.indexOf(' ') + 1)), status, data);
    if (status === 200) return validateShape(this.spec, route, beyond.schema, data, `${route} 200`);
    if (status === 422) return validateShape(this.spec, 'validation-error', { $ref: 'llamacloud#/components/schemas/HTTPValidationError' }, data, `${route} 422`);
    return validateShape(this.spec, 'http-exception', HTTP_EXCEPTION_SCHEMA, data, `${route} ${status}`);
  }

  /** The served route template for a concrete request (static segments win, as in the emulator's router). */
  private routeOf(method: string, path: string): string | undefined {
    const bare = path.split('?')[0];
    const candidates = this.routes.filter((entry) => entry.startsWith(`${method} `) && pattern(entry.slice(method.length + 1)).test(bare));
    return candidates.sort((a, b) => literalSegments(b) - literalSegments(a))[0];
  }
}

function pattern(template: string): RegExp {
  return new RegExp(`^${template.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
}

function literalSegments(entry: string): number {
  return entry.split('/').filter((segment) => segment && !segment.startsWith(':')).length;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
