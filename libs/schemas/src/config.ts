/**
 * Start-up configuration from environment variables (and `.env`), shared by both MCP apps and the sync worker.
 * Every problem is reported at once, each naming its variable; no message ever repeats a variable's value, so a
 * token pasted into the wrong variable cannot leak into logs.
 */
import { z } from 'zod';

/** pino's levels, plus `silent`. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * How requests authenticate, as the environment gives it (the client's `ConfluenceAuth` is built from it). `basic`
 * also serves Data Center basic auth, where `email` holds the user name.
 */
export type ConfluenceEnvAuth =
  | { kind: 'basic'; email: string; apiToken: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'oauth'; accessToken: string };

/**
 * How to reach Confluence (`CONFLUENCE_URL`, the credentials, `CONFLUENCE_CLOUD_ID`, `CONFLUENCE_FLAVOR`,
 * `CONFLUENCE_TIMEOUT_MS`, `CONFLUENCE_MAX_CONCURRENCY`): what every app that talks to Confluence needs, MCP server or
 * sync worker.
 */
export interface ConfluenceConnectionConfig {
  /** Site base URL without a trailing slash (`https://example.atlassian.net/wiki`, `https://wiki.example.com`). */
  url: string;
  /** Cloud: email + API token (basic) or an OAuth access token. Data Center: personal access token (bearer). */
  auth: ConfluenceEnvAuth;
  /** Cloud site id, for the `api.atlassian.com/ex/confluence/{cloudId}` gateway (scoped tokens, OAuth). */
  cloudId?: string;
  /** `cloud` or `dc`; undefined means detect at start-up. */
  flavor?: 'cloud' | 'dc';
  /** Per-request timeout. @default 30000 */
  timeoutMs: number;
  /**
   * Requests in flight at once with these credentials (the client's default when absent: 8). A remote MCP server
   * whose many callers share the service account may raise it; Confluence's own rate limits still apply.
   */
  maxConcurrency?: number;
}

/** What only the MCP servers read (`CONFLUENCE_READ_ONLY`, `CONFLUENCE_TOOLS`, `CONFLUENCE_SPACES`, `LOG_LEVEL`). */
export interface McpEnvConfig {
  /** Refuse every write tool. @default false */
  readOnly: boolean;
  /** Only these tools are offered; undefined means all. */
  tools?: string[];
  /** Only these space keys are visible; undefined means all the credentials can see. */
  spaces?: string[];
  /** @default 'info' */
  logLevel: LogLevel;
}

/** Validated configuration: the connection and the MCP settings. */
export interface ConfluenceConfig extends ConfluenceConnectionConfig, McpEnvConfig {}

/** `NAME=` lines are common in `.env` files: blank counts as unset. */
const text = () =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

function parseUrl(value: string, ctx: z.RefinementCtx): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
  } else if (url.username || url.password) {
    // Credentials in a URL end up in logs and error messages: they belong in the token variables.
    ctx.addIssue({ code: 'custom', message: 'must not contain credentials (use the token variables)' });
  } else if (url.search || url.hash) {
    ctx.addIssue({ code: 'custom', message: 'must not contain a query or fragment' });
  }
  return value.replace(/\/+$/, '');
}

const BOOLEANS: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };

function parseBoolean(value: string | undefined, ctx: z.RefinementCtx): boolean {
  if (value === undefined) return false;
  const parsed = BOOLEANS[value.toLowerCase()];
  if (parsed === undefined) ctx.addIssue({ code: 'custom', message: 'must be true, false, 1, 0, yes or no' });
  return parsed ?? false;
}

/**
 * A comma-separated list, trimmed and without duplicates. `check` returns a problem for a bad entry; entries are
 * named by position, never quoted, in case a secret was pasted into the wrong variable.
 */
function parseList(value: string | undefined, ctx: z.RefinementCtx, check: (entry: string) => string | undefined) {
  if (value === undefined) return undefined;
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one entry' });
  entries.forEach((entry, i) => {
    const problem = check(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: `entry ${i + 1} ${problem}` });
  });
  return [...new Set(entries)];
}

function checkSpaceKey(key: string): string | undefined {
  // Personal space keys are `~` + a user name (Data Center) or an account id (Cloud, lower-case hex).
  if (/^~[A-Za-z0-9._@:-]+$/.test(key) || /^[A-Z0-9_]+$/.test(key)) return undefined;
  if (/^[A-Za-z0-9_]+$/.test(key)) return 'is not upper case (space keys are, except personal ~keys)';
  return 'is not a space key (A-Z, 0-9 and _, or ~name for a personal space)';
}

function checkToolName(name: string): string | undefined {
  return /^[A-Za-z0-9_.-]+$/.test(name) ? undefined : 'is not a tool name (letters, digits, _ . -)';
}

function parseConcurrency(value: string | undefined, ctx: z.RefinementCtx): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) ctx.addIssue({ code: 'custom', message: 'must be a whole number from 1 to 256' });
  return n;
}

function parseTimeout(value: string | undefined, ctx: z.RefinementCtx): number {
  if (value === undefined) return 30_000;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) ctx.addIssue({ code: 'custom', message: 'must be a positive whole number of milliseconds' });
  return n;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The connection variables (input: raw strings) and their parsed values. */
const connectionShape = {
  CONFLUENCE_URL: text().pipe(z.string({ error: 'required' }).transform(parseUrl)),
  CONFLUENCE_USERNAME: text(),
  CONFLUENCE_API_TOKEN: text(),
  CONFLUENCE_PERSONAL_TOKEN: text(),
  CONFLUENCE_OAUTH_ACCESS_TOKEN: text(),
  CONFLUENCE_CLOUD_ID: text().refine((v) => v === undefined || UUID.test(v), 'must be a UUID (see https://<site>/_edge/tenant_info)'),
  CONFLUENCE_FLAVOR: text()
    .transform((v) => v?.toLowerCase())
    .pipe(z.enum(['cloud', 'dc'], { error: 'must be cloud or dc (or unset to detect)' }).optional()),
  CONFLUENCE_TIMEOUT_MS: text().transform(parseTimeout),
  CONFLUENCE_MAX_CONCURRENCY: text().transform(parseConcurrency),
};

/** The MCP-only variables. */
const mcpShape = {
  CONFLUENCE_READ_ONLY: text().transform(parseBoolean),
  CONFLUENCE_TOOLS: text().transform((v, ctx) => parseList(v, ctx, checkToolName)),
  CONFLUENCE_SPACES: text().transform((v, ctx) => parseList(v, ctx, checkSpaceKey)),
  LOG_LEVEL: text()
    .transform((v) => v?.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
};

type ConnectionEnv = z.output<z.ZodObject<typeof connectionShape>>;

/** Cross-variable rules: exactly one auth method, complete. They run even when single variables fail. */
function checkAuth(env: ConnectionEnv, ctx: z.RefinementCtx): void {
  const basic = Boolean(env.CONFLUENCE_USERNAME || env.CONFLUENCE_API_TOKEN);
  const methods = [basic, Boolean(env.CONFLUENCE_PERSONAL_TOKEN), Boolean(env.CONFLUENCE_OAUTH_ACCESS_TOKEN)].filter(Boolean).length;
  if (env.CONFLUENCE_USERNAME && !env.CONFLUENCE_API_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['CONFLUENCE_API_TOKEN'], message: 'required when CONFLUENCE_USERNAME is set' });
  }
  if (env.CONFLUENCE_API_TOKEN && !env.CONFLUENCE_USERNAME) {
    ctx.addIssue({ code: 'custom', path: ['CONFLUENCE_USERNAME'], message: 'required when CONFLUENCE_API_TOKEN is set' });
  }
  if (basic && env.CONFLUENCE_PERSONAL_TOKEN) {
    const message = 'set either CONFLUENCE_PERSONAL_TOKEN or CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN, not both';
    ctx.addIssue({ code: 'custom', path: ['CONFLUENCE_PERSONAL_TOKEN'], message });
  }
  if (env.CONFLUENCE_OAUTH_ACCESS_TOKEN && methods > 1) {
    const message = 'set only one auth method: CONFLUENCE_OAUTH_ACCESS_TOKEN, CONFLUENCE_PERSONAL_TOKEN, or CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN';
    ctx.addIssue({ code: 'custom', path: ['CONFLUENCE_OAUTH_ACCESS_TOKEN'], message });
  }
  if (methods === 0) {
    // No single variable is at fault, so the message names all of them (and has no path).
    const message =
      'CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN (Cloud), CONFLUENCE_OAUTH_ACCESS_TOKEN (Cloud) or CONFLUENCE_PERSONAL_TOKEN (Data Center): one auth method is required';
    ctx.addIssue({ code: 'custom', path: [], message });
  }
  // Cloud basic auth only accepts the account's email; a bare user name fails later with an opaque 401.
  if (env.CONFLUENCE_FLAVOR === 'cloud' && env.CONFLUENCE_USERNAME && !env.CONFLUENCE_USERNAME.includes('@')) {
    ctx.addIssue({ code: 'custom', path: ['CONFLUENCE_USERNAME'], message: 'must be the Atlassian account email on Cloud' });
  }
}

/** The connection variables alone: what the client needs (`clientOptionsFromEnv` in the client uses it). */
export const ConfluenceConnectionEnvSchema = z.object(connectionShape).superRefine(checkAuth, { when: () => true });

/** The MCP-only variables alone (read-only mode, tool and space allow-lists, log level). */
export const McpEnvSchema = z.object(mcpShape);

/**
 * Every variable of an MCP server: the connection and the MCP settings. Cross-variable rules (exactly one auth
 * method) run even when single variables fail, so one run reports every problem.
 */
export const ConfluenceEnvSchema = z
  .object({
    CONFLUENCE_URL: connectionShape.CONFLUENCE_URL,
    CONFLUENCE_USERNAME: connectionShape.CONFLUENCE_USERNAME,
    CONFLUENCE_API_TOKEN: connectionShape.CONFLUENCE_API_TOKEN,
    CONFLUENCE_PERSONAL_TOKEN: connectionShape.CONFLUENCE_PERSONAL_TOKEN,
    CONFLUENCE_OAUTH_ACCESS_TOKEN: connectionShape.CONFLUENCE_OAUTH_ACCESS_TOKEN,
    CONFLUENCE_CLOUD_ID: connectionShape.CONFLUENCE_CLOUD_ID,
    CONFLUENCE_FLAVOR: connectionShape.CONFLUENCE_FLAVOR,
    ...mcpShape,
    CONFLUENCE_TIMEOUT_MS: connectionShape.CONFLUENCE_TIMEOUT_MS,
    CONFLUENCE_MAX_CONCURRENCY: connectionShape.CONFLUENCE_MAX_CONCURRENCY,
  })
  .superRefine(checkAuth, { when: () => true });
/** The raw environment variables the config reads. */
export type ConfluenceEnv = z.input<typeof ConfluenceEnvSchema>;

/** What a parse gives: the value, or one `VARIABLE: problem` line per problem. */
export type EnvParseResult<T> = { ok: true; config: T } | { ok: false; errors: string[] };

function problemsOf(error: z.ZodError): string[] {
  const errors = error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return [...new Set(errors)];
}

function connectionOf(e: ConnectionEnv): ConfluenceConnectionConfig {
  const auth: ConfluenceEnvAuth = e.CONFLUENCE_PERSONAL_TOKEN
    ? { kind: 'bearer', token: e.CONFLUENCE_PERSONAL_TOKEN }
    : e.CONFLUENCE_OAUTH_ACCESS_TOKEN
      ? { kind: 'oauth', accessToken: e.CONFLUENCE_OAUTH_ACCESS_TOKEN }
      : { kind: 'basic', email: e.CONFLUENCE_USERNAME ?? '', apiToken: e.CONFLUENCE_API_TOKEN ?? '' };
  const config: ConfluenceConnectionConfig = { url: e.CONFLUENCE_URL, auth, timeoutMs: e.CONFLUENCE_TIMEOUT_MS };
  if (e.CONFLUENCE_CLOUD_ID) config.cloudId = e.CONFLUENCE_CLOUD_ID.toLowerCase();
  if (e.CONFLUENCE_FLAVOR) config.flavor = e.CONFLUENCE_FLAVOR;
  if (e.CONFLUENCE_MAX_CONCURRENCY !== undefined) config.maxConcurrency = e.CONFLUENCE_MAX_CONCURRENCY;
  return config;
}

function mcpOf(e: z.output<typeof McpEnvSchema>): McpEnvConfig {
  const config: McpEnvConfig = { readOnly: e.CONFLUENCE_READ_ONLY, logLevel: e.LOG_LEVEL };
  if (e.CONFLUENCE_TOOLS) config.tools = e.CONFLUENCE_TOOLS;
  if (e.CONFLUENCE_SPACES) config.spaces = e.CONFLUENCE_SPACES;
  return config;
}

/**
 * Validate the connection variables only (other variables are ignored); on failure, one `VARIABLE: problem` line
 * per problem, none quoting a value.
 */
export function parseConnectionEnv(env: Record<string, string | undefined>): EnvParseResult<ConfluenceConnectionConfig> {
  const parsed = ConfluenceConnectionEnvSchema.safeParse(env);
  return parsed.success ? { ok: true, config: connectionOf(parsed.data) } : { ok: false, errors: problemsOf(parsed.error) };
}

/** Validate the MCP-only variables (read-only mode, tool and space allow-lists, log level); others are ignored. */
export function parseMcpEnv(env: Record<string, string | undefined>): EnvParseResult<McpEnvConfig> {
  const parsed = McpEnvSchema.safeParse(env);
  return parsed.success ? { ok: true, config: mcpOf(parsed.data) } : { ok: false, errors: problemsOf(parsed.error) };
}

/**
 * Validate the environment and build the configuration; on failure, one `VARIABLE: problem` line per problem.
 *
 * @example
 * const parsed = parseConfluenceEnv(process.env);
 * if (!parsed.ok) {
 *   console.error(`Invalid configuration:\n  ${parsed.errors.join('\n  ')}`);
 *   process.exit(1);
 * }
 */
export function parseConfluenceEnv(env: Record<string, string | undefined>): EnvParseResult<ConfluenceConfig> {
  const parsed = ConfluenceEnvSchema.safeParse(env);
  if (!parsed.success) return { ok: false, errors: problemsOf(parsed.error) };
  const { CONFLUENCE_READ_ONLY, CONFLUENCE_TOOLS, CONFLUENCE_SPACES, LOG_LEVEL, ...connection } = parsed.data;
  return { ok: true, config: { ...connectionOf(connection), ...mcpOf({ CONFLUENCE_READ_ONLY, CONFLUENCE_TOOLS, CONFLUENCE_SPACES, LOG_LEVEL }) } };
}
