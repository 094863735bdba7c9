/**
 * An emulator and a client signed in to it, as one object: `startEmulatorSession()` for any test runner,
 * `useEmulator()` for runners with `beforeAll`/`afterAll` globals (jest, vitest with globals).
 */
import { EmulatorOptions, RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { ConfluenceClient, createConfluenceClient } from '../client';
import { ConfluenceAuth, ConfluenceClientOptions, Flavor } from '../core/options';

/** A running emulator and clients for its users. */
export interface EmulatorSession {
  readonly flavor: Flavor;
  readonly emulator: RunningEmulator;
  /** `emulator.control`: the world, fault injection, the request log. */
  readonly control: RunningEmulator['control'];
  /** A client signed in as the session's user (alice unless `username` says otherwise). */
  readonly client: ConfluenceClient;
  /** Another client for this emulator: another user, or other options (a `fetch`, a `clock`, no retries...). */
  clientFor(username?: string, options?: Partial<ConfluenceClientOptions>): ConfluenceClient;
  /** Stop the emulator. */
  close(): Promise<void>;
}

/** What the emulator starts with, and how the session's client is built. */
export interface SessionOptions extends Omit<EmulatorOptions, 'flavor'> {
  /** The session client's user. @default 'alice' */
  username?: string;
  /** Options of every client the session builds (`client` and `clientFor`). */
  client?: Partial<ConfluenceClientOptions>;
}

/** The API base a client is given for each flavour. */
export function baseUrlOf(emulator: RunningEmulator): string {
  return emulator.control.flavor === 'cloud' ? `${emulator.url}/wiki` : emulator.url;
}

/** Credentials of a well-known emulator user (`alice`, `bob`, `carol`...) for a flavour. */
export function authFor(flavor: Flavor, username = 'alice'): ConfluenceAuth {
  return flavor === 'cloud' ? { type: 'basic', email: `${username}@example.com`, apiToken: `token-${username}` } : { type: 'pat', token: `pat-${username}` };
}

/** A client for `emulator`, signed in as `username`, with short retry backoffs. */
export function clientFor(emulator: RunningEmulator, username = 'alice', options: Partial<ConfluenceClientOptions> = {}): ConfluenceClient {
  const flavor = emulator.control.flavor;
  return createConfluenceClient({ baseUrl: baseUrlOf(emulator), flavor, auth: authFor(flavor, username), gatewayUrl: emulator.url, retry: { backoffLimitMs: 200 }, ...options });
}

/** Start an emulator of `flavor` with a small world (2 spaces of 20 pages, seed 5) unless `options` say otherwise. */
export function emulatorFor(flavor: Flavor, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ flavor, spaces: 2, pagesPerSpace: 20, seed: 5, ...options });
}

/**
 * Start an emulator and a client for alice (or `username`) on it. Close it when done.
 *
 * @example
 * const session = await startEmulatorSession('dc');
 * const { items } = await session.client.spaces.list();
 * await session.close();
 */
export async function startEmulatorSession(flavor: Flavor = 'cloud', options: SessionOptions = {}): Promise<EmulatorSession> {
  const { username = 'alice', client: clientOptions = {}, ...emulatorOptions } = options;
  const emulator = await emulatorFor(flavor, emulatorOptions);
  const build = (user = username, extra: Partial<ConfluenceClientOptions> = {}) => clientFor(emulator, user, { ...clientOptions, ...extra });
  return { flavor, emulator, control: emulator.control, client: build(), clientFor: build, close: () => emulator.close() };
}

/** Options of `useEmulator()`. */
export interface UseEmulatorOptions extends SessionOptions {
  /** Clear injected faults and the request log after each test. @default true */
  resetAfterEach?: boolean;
}

type Hook = (fn: () => unknown) => void;

/**
 * The suite's emulator session: started in `beforeAll`, closed in `afterAll`, and (unless `resetAfterEach: false`)
 * its faults and request log cleared after each test. Call it in a `describe` body (or at the top of a spec file);
 * read its fields inside tests. Needs `beforeAll`, `afterAll` and `afterEach` globals (jest, vitest with globals);
 * elsewhere use `startEmulatorSession()`.
 *
 * @example
 * describe.each(FLAVORS)('spaces on %s', (flavor) => {
 *   const confluence = useEmulator(flavor);
 *   it('lists spaces', async () => expect((await confluence.client.spaces.list()).items.length).toBeGreaterThan(0));
 * });
 */
export function useEmulator(flavor: Flavor = 'cloud', options: UseEmulatorOptions = {}): EmulatorSession {
  const hooks = globalThis as unknown as { beforeAll?: Hook; afterAll?: Hook; afterEach?: Hook };
  const { beforeAll, afterAll, afterEach } = hooks;
  if (typeof beforeAll !== 'function' || typeof afterAll !== 'function' || typeof afterEach !== 'function') {
    throw new Error('useEmulator needs the beforeAll, afterAll and afterEach globals of jest or vitest; elsewhere use startEmulatorSession()');
  }
  const { resetAfterEach = true, ...sessionOptions } = options;
  let session: EmulatorSession | undefined;
  const started = (): EmulatorSession => {
    if (!session) throw new Error('useEmulator: the emulator starts in beforeAll; use the session inside tests and hooks');
    return session;
  };
  beforeAll(async () => {
    session = await startEmulatorSession(flavor, sessionOptions);
  });
  afterAll(() => session?.close());
  if (resetAfterEach) {
    afterEach(() => {
      session?.control.clearFaults();
      session?.control.clearLog();
    });
  }
  return {
    flavor,
    get emulator() {
      return started().emulator;
    },
    get control() {
      return started().control;
    },
    get client() {
      return started().client;
    },
    clientFor: (username, clientOptions) => started().clientFor(username, clientOptions),
    close: () => started().close(),
  };
}
