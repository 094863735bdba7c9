/** The sync service's REST API as `sync-scale` uses it: an account, JSON calls, and waiting on run history. */

/** A run from `GET /api/indexes/:id/sync-history` (the fields the benchmark reads). */
export interface Run {
  id: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  trigger: string;
  started_at: string;
  finished_at: string | null;
  counts: { listed: number; new: number; changed: number; unchanged: number; deleted: number; failed: number };
  requests: number;
  error: string | null;
}

/** A JSON answer (`body` is the parsed JSON, loosely typed like `JSON.parse`'s). */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field where it is used
  body: any;
  text: string;
}

export async function api(url: string, options: { method?: string; token?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body, text };
}

/** Registers the benchmark's user and signs in; resolves to the bearer token. */
export async function signUp(url: string): Promise<string> {
  const user = { username: 'bench', email: 'bench@example.com', password: 'bench-Pa55word!' };
  const registered = await api(`${url}/api/auth/register`, { method: 'POST', body: user });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${registered.text}`);
  const login = await api(`${url}/api/auth/login`, { method: 'POST', body: { username: user.username, password: user.password } });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
  return login.body.access_token as string;
}

const unfinished = (run: Run) => run.status === 'queued' || run.status === 'running';

/**
 * Polls each index's latest run until none is queued or running, then resolves to every run of every index (their
 * whole history, so that a retried or duplicated run shows up). Fails after `timeoutMs`.
 */
export async function waitForRuns(url: string, token: string, ids: readonly string[], timeoutMs: number): Promise<Run[]> {
  const deadline = Date.now() + timeoutMs;
  const history = async (id: string, limit: number) => {
    const answer = await api(`${url}/api/indexes/${id}/sync-history?limit=${limit}`, { token });
    if (answer.status !== 200) throw new Error(`sync-history of ${id}: ${answer.status} ${answer.text}`);
    return answer.body as Run[];
  };
  let pending = [...ids];
  while (pending.length) {
    if (Date.now() > deadline) throw new Error(`runs still unfinished after ${timeoutMs / 1000} s: ${pending.length} of ${ids.length} indexes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latest = await Promise.all(pending.map(async (id) => ({ id, runs: await history(id, 1) })));
    pending = latest.filter(({ runs }) => !runs[0] || unfinished(runs[0])).map(({ id }) => id);
  }
  return (await Promise.all(ids.map((id) => history(id, 200)))).flat();
}
