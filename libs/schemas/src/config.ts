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
export type ConfluenceEnvAuth = { kind: 'basic'; email: string; apiToken: string } | { kind: 'bearer'; token: string };

/** Validated configuration. */
export interface ConfluenceConfig {
  /** Site base URL without a trailing slash (`https://example.atlassian.net/wiki`, `https://wiki.example.com`). */
  url: string;
  /** Cloud: email + API token (basic). Data Center: personal access token (bearer). */
  auth: ConfluenceEnvAuth;
  /** Cloud site id, for the `api.atlassian.com/ex/confluence/{cloudId}` gateway (scoped tokens). */
  cloudId?: string;
  /** `cloud` or `dc`; undefined means detect at start-up. */
  flavor?: 'cloud' | 'dc';
  /** Refuse every write tool. @default false */
  readOnly: boolean;
  /** Only these tools are offered; undefined means all. */
  tools?: string[];
  /** Only these space keys are visible; undefined means all the credentials can see. */
  spaces?: string[];
  /** @default 'info' */
  logLevel: LogLevel;
  /** Per-request timeout. @default 30000 */
  timeoutMs: number;
}

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

function parseTimeout(value: string | undefined, ctx: z.RefinementCtx): number {
  if (value === undefined) return 30_000;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) ctx.addIssue({ code: 'custom', message: 'must be a positive whole number of milliseconds' });
  return n;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The environment variables (input: raw strings) and their parsed values. Cross-variable rules (exactly one auth
 * method) run even when single variables fail, so one run reports every problem.
 */
export const ConfluenceEnvSchema = z
  .object({
    CONFLUENCE_URL: text().pipe(z.string({ error: 'required' }).transform(parseUrl)),
    CONFLUENCE_USERNAME: text(),
    CONFLUENCE_API_TOKEN: text(),
    CONFLUENCE_PERSONAL_TOKEN: text(),
    CONFLUENCE_CLOUD_ID: text().refine((v) => v === undefined || UUID.test(v), 'must be a UUID (see https://<site>/_edge/tenant_info)'),
    CONFLUENCE_FLAVOR: text()
      .transform((v) => v?.toLowerCase())
      .pipe(z.enum(['cloud', 'dc'], { error: 'must be cloud or dc (or unset to detect)' }).optional()),
    CONFLUENCE_READ_ONLY: text().transform(parseBoolean),
    CONFLUENCE_TOOLS: text().transform((v, ctx) => parseList(v, ctx, checkToolName)),
    CONFLUENCE_SPACES: text().transform((v, ctx) => parseList(v, ctx, checkSpaceKey)),
    LOG_LEVEL: text()
      .transform((v) => v?.toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
    CONFLUENCE_TIMEOUT_MS: text().transform(parseTimeout),
  })
  .superRefine(
    (env, ctx) => {
      const basic = Boolean(env.CONFLUENCE_USERNAME || env.CONFLUENCE_API_TOKEN);
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
      if (!basic && !env.CONFLUENCE_PERSONAL_TOKEN) {
        // No single variable is at fault, so the message names all of them (and has no path).
        const message = 'CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN (Cloud) or CONFLUENCE_PERSONAL_TOKEN (Data Center): one auth method is required';
        ctx.addIssue({ code: 'custom', path: [], message });
      }
      // Cloud basic auth only accepts the account's email; a bare user name fails later with an opaque 401.
      if (env.CONFLUENCE_FLAVOR === 'cloud' && env.CONFLUENCE_USERNAME && !env.CONFLUENCE_USERNAME.includes('@')) {
        ctx.addIssue({ code: 'custom', path: ['CONFLUENCE_USERNAME'], message: 'must be the Atlassian account email on Cloud' });
      }
    },
    { when: () => true },
  );
/** The raw environment variables the config reads. */
export type ConfluenceEnv = z.input<typeof ConfluenceEnvSchema>;

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
export function parseConfluenceEnv(
  env: Record<string, string | undefined>,
): { ok: true; config: ConfluenceConfig } | { ok: false; errors: string[] } {
  const parsed = ConfluenceEnvSchema.safeParse(env);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    return { ok: false, errors: [...new Set(errors)] };
  }
  const e = parsed.data;
  const auth: ConfluenceEnvAuth = e.CONFLUENCE_PERSONAL_TOKEN
    ? { kind: 'bearer', token: e.CONFLUENCE_PERSONAL_TOKEN }
    : { kind: 'basic', email: e.CONFLUENCE_USERNAME ?? '', apiToken: e.CONFLUENCE_API_TOKEN ?? '' };
  const config: ConfluenceConfig = {
    url: e.CONFLUENCE_URL,
    auth,
    readOnly: e.CONFLUENCE_READ_ONLY,
    logLevel: e.LOG_LEVEL,
    timeoutMs: e.CONFLUENCE_TIMEOUT_MS,
  };
  if (e.CONFLUENCE_CLOUD_ID) config.cloudId = e.CONFLUENCE_CLOUD_ID.toLowerCase();
  if (e.CONFLUENCE_FLAVOR) config.flavor = e.CONFLUENCE_FLAVOR;
  if (e.CONFLUENCE_TOOLS) config.tools = e.CONFLUENCE_TOOLS;
  if (e.CONFLUENCE_SPACES) config.spaces = e.CONFLUENCE_SPACES;
  return { ok: true, config };
}
