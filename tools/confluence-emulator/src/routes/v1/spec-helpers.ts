/** Test helpers for the v1 specs: a tiny HTTP client over the real socket, and schema checks against swagger.v3.json. */
import { loadSpec, validateResponse } from '../../contract/openapi';
import { Flavor } from '../../options';
import { RunningEmulator } from '../../server';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface Client {
  /** API root: `${url}/wiki/rest/api` on Cloud, `${url}/rest/api` on Data Center. */
  root: string;
  get(path: string): Promise<Answer>;
  send(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
}

/** Credentials of a well-known user: Cloud API token (Basic) or Data Center personal access token (Bearer). */
export function authHeader(flavor: Flavor, username: string): string {
  return flavor === 'cloud' ? `Basic ${Buffer.from(`${username}@example.com:token-${username}`).toString('base64')}` : `Bearer pat-${username}`;
}

export function client(emulator: RunningEmulator, flavor: Flavor, username = 'alice'): Client {
  const root = flavor === 'cloud' ? `${emulator.url}/wiki/rest/api` : `${emulator.url}/rest/api`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const init: RequestInit = { method, headers: { authorization: authHeader(flavor, username), ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(path.startsWith('http') ? path : root + path, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return { root, get: (path) => call('GET', path), send: call };
}

/** Follow `_links.next` (relative to the context path) until it is absent; returns every page's results. */
export async function collectPages(api: Client, firstPath: string, contextRoot: string): Promise<{ pages: Answer[]; results: unknown[] }> {
  const pages: Answer[] = [];
  const results: unknown[] = [];
  for (let path: string | undefined = firstPath; path; ) {
    const answer = await api.get(path);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
    pages.push(answer);
    results.push(...answer.json.results);
    path = answer.json._links.next ? contextRoot + answer.json._links.next : undefined;
    if (pages.length > 200) throw new Error('too many pages: the next links loop');
  }
  return { pages, results };
}

/**
 * Problems of a response against swagger.v3.json in the contract suite's strict mode (undeclared fields are
 * errors, with the contract's documented gaps per flavour); `specPath` is the v1 path below `/rest/api`, e.g.
 * `/content/{id}`. Data Center uses the same shapes.
 */
export function specProblems(flavor: Flavor, method: string, specPath: string, answer: Answer): string[] {
  return validateResponse(loadSpec('v1', { flavor }), method, `/wiki/rest/api${specPath}`, answer.status, answer.json ?? (answer.text || undefined));
}

/** A page of the world that the given filter picks, for tests that need "some page". */
export function firstPage(emulator: RunningEmulator, filter: (page: ReturnType<RunningEmulator['control']['page']>) => boolean) {
  for (const page of emulator.control.world.pages.values()) if (filter(page)) return page;
  throw new Error('no such page');
}

/** The value, or a test failure naming what was missing. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}
