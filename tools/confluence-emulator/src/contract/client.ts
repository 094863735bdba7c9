/**
 * A fetch wrapper for the contract test: every response is validated (against the spec operation the URL maps
 * to, or against a hand-written shape for routes outside the specs), and every problem is collected as a
 * violation instead of thrown, so one run lists all mismatches of a route, not just the first.
 */
import type { JsonSchema } from './normalize';
import { loadSpec, validateResponse, validateShape } from './openapi';
import { matchSpecRoute } from './route-match';
import type { ErrorShape } from './shapes';

/** A response as the test sees it. */
export interface ContractResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The raw body (downloads). */
  bytes: Buffer;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
  /** The `json` as a record, for reading fields in tests (`{}` if it is not an object). */
  data: Record<string, unknown> & { results?: Array<Record<string, unknown>> };
}

/** What a call sends and how its answer is checked. */
export interface CallOptions {
  /** Expected status; anything else is a violation. */
  status: number;
  /** `Authorization` header; `null` sends none. Default: the client's credential. */
  auth?: string | null;
  /** JSON request body. */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body. */
  form?: Record<string, string>;
  /** Multipart body (attachment uploads). */
  multipart?: FormData;
  headers?: Record<string, string>;
  /** Validate against this schema instead of the spec (routes the specs do not describe). */
  shape?: { key: string; schema: JsonSchema };
  /** Error envelope expected where the spec declares no body (default: the spec's own). */
  errorShape?: ErrorShape;
  /** Further checks; each returned string is a violation. */
  check?: (response: ContractResponse) => string[];
  /** Binary or redirect answers: no schema applies, `check` says what is right. */
  noBody?: boolean;
}

/** One credential against one emulator. `violations` collects problems across calls (shared by `as()`). */
export class ContractClient {
  private readonly specs;
  private readonly paths;

  constructor(
    readonly origin: string,
    readonly auth: string | null,
    readonly violations: string[] = [],
    readonly flavor: 'cloud' | 'dc' = 'cloud',
  ) {
    this.specs = { v2: loadSpec('v2'), v1: loadSpec('v1', { flavor }) };
    this.paths = { v2: this.specs.v2.paths, v1: this.specs.v1.paths };
  }

  /** The same client with another credential (or origin), sharing the violation list. */
  as(auth: string | null, origin = this.origin): ContractClient {
    return new ContractClient(origin, auth, this.violations, this.flavor);
  }

  /** Take the violations collected so far (and forget them). */
  drain(): string[] {
    return this.violations.splice(0);
  }

  get(path: string, options: CallOptions): Promise<ContractResponse> {
    return this.call('GET', path, options);
  }

  /** Send a request and validate the answer; never throws for a wrong answer (see `violations`). */
  async call(method: string, path: string, options: CallOptions): Promise<ContractResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const auth = options.auth === undefined ? this.auth : options.auth;
    if (auth) headers.authorization = auth;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.multipart) {
      body = options.multipart;
    }
    const response = await fetch(this.origin + path, { method, headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const contentType = response.headers.get('content-type') ?? '';
    let json: unknown;
    if (contentType.includes('json') && text) {
      try {
        json = JSON.parse(text);
      } catch {
        this.violations.push(`${method} ${path}: content-type ${contentType} but the body is not JSON`);
      }
    }
    const data = (json && typeof json === 'object' && !Array.isArray(json) ? json : {}) as ContractResponse['data'];
    const result: ContractResponse = { status: response.status, headers: response.headers, text, bytes, json, data };
    const where = `${method} ${path}`;
    const problems: string[] = [];
    if (response.status !== options.status) problems.push(`status ${response.status}, expected ${options.status} (${text.slice(0, 200)})`);
    problems.push(...this.validate(method, path, result, options));
    if (options.check) problems.push(...options.check(result));
    this.violations.push(...collapse(problems).map((problem) => `${where}: ${problem}`));
    return result;
  }

  private validate(method: string, path: string, response: ContractResponse, options: CallOptions): string[] {
    if (options.noBody) return [];
    if (response.json === undefined && response.text) {
      // Cloud's plain-text 401 and Data Center's HTML 401 are right only if a check says so.
      return options.check ? [] : [`non-JSON body (content-type '${response.headers.get('content-type') ?? ''}')`];
    }
    if (options.shape) return validateShape(this.specs.v2, options.shape.key, options.shape.schema, response.json, options.shape.key);
    const route = matchSpecRoute(path, this.paths);
    if (!route) return ['no spec path matches and no shape was given'];
    return validateResponse(this.specs[route.spec], method, route.specPath, response.status, response.json, { errorShape: options.errorShape });
  }
}

/** One line per distinct problem: the same field wrong in 25 results is one finding (`/results/*`, ×25). */
function collapse(problems: string[]): string[] {
  const counts = new Map<string, number>();
  for (const problem of problems) {
    const key = problem.replace(/\/(results|users)\/\d+/g, '/$1/*');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([problem, n]) => (n > 1 ? `${problem} (x${n})` : problem));
}

/** `Authorization: Basic` for `user:secret`. */
export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

/** `Authorization: Bearer`. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
