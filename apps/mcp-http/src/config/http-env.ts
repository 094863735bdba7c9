/**
 * The variables only the HTTP server reads (listening address, sessions, exposure safety, limits), as one zod
 * schema. Every problem is named by its variable, and no message quotes a value: a key pasted into the wrong
 * variable must not reach the terminal or a log.
 */
import { z } from 'zod';
import { HostRule, normalizeOrigin, parseHostRule } from '../http/addresses';
import { MAX_TRUSTED_PROXIES } from '../http/client-address';
import { DEFAULT_UNAUTHENTICATED_RATE_LIMIT } from '../http/unauthenticated-limit';

/** @default 1 MiB */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** @default 600 requests per minute and identity (a burst of up to as many). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/** @default 25 s: under the 30 s a container orchestrator waits after SIGTERM before it kills. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;
/** @default 30 min without a request before a stateful session is closed. */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
/** @default 1000 stateful sessions at once. */
export const DEFAULT_MAX_SESSIONS = 1000;

/** `NAME=` lines are common in `.env` files: blank counts as unset. */
const text = () =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

function wholeNumber(fallback: number, min: number, max: number, expected: string) {
  return text().transform((value, ctx) => {
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) ctx.addIssue({ code: 'custom', message: `must be ${expected}` });
    return n;
  });
}

/** Comma-separated entries; `check` names the problem of a bad one, which is named by position, never quoted. */
function list<T>(check: (entry: string) => T | undefined, problem: string) {
  return text().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one entry' });
    const parsed: T[] = [];
    entries.forEach((entry, i) => {
      const result = check(entry);
      if (result === undefined) ctx.addIssue({ code: 'custom', message: `entry ${i + 1} ${problem}` });
      else parsed.push(result);
    });
    return parsed;
  });
}

const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function checkListenHost(value: string): boolean {
  if (HOSTNAME.test(value)) return true;
  // An IPv6 address, bare (`::1`) as `server.listen` takes it.
  return value.includes(':') && URL.canParse(`http://[${value}]/`);
}

/** `*` turns the Host check off (behind a proxy that checks it); otherwise host rules. */
const allowedHosts = text().transform((value, ctx): HostRule[] | '*' | undefined => {
  if (value === '*') return '*';
  const entries = value?.split(',').map((e) => e.trim()).filter(Boolean);
  if (value !== undefined && !entries?.length) ctx.addIssue({ code: 'custom', message: 'must list at least one entry' });
  return entries?.flatMap((entry, i) => {
    const rule = parseHostRule(entry);
    if (!rule) ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not a host or host:port (or * alone to turn the check off)` });
    return rule ? [rule] : [];
  });
});

/** How many proxies in front of this server append to `X-Forwarded-For`: `false` (0), `true` (1) or a count. */
const trustProxy = text().transform((value, ctx) => {
  const lower = value?.toLowerCase();
  if (lower === undefined || lower === 'false') return 0;
  if (lower === 'true') return 1;
  const n = /^\d+$/.test(lower) ? Number(lower) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_TRUSTED_PROXIES) {
    ctx.addIssue({ code: 'custom', message: `must be false, true (one proxy) or the number of proxies in front of this server (0 to ${MAX_TRUSTED_PROXIES})` });
  }
  return n;
});

const origins = list(normalizeOrigin, 'is not an origin such as https://app.example.com (scheme, host and optional port; no path, no wildcard)');

/** The HTTP-only variables (input: raw strings) and their parsed values. */
export const HttpEnvSchema = z.object({
  HOST: text().refine((v) => v === undefined || checkListenHost(v), 'must be a host name or IP address (no scheme, no port)').transform((v) => v ?? '127.0.0.1'),
  PORT: wholeNumber(3000, 0, 65535, 'a port number from 0 to 65535 (0 picks a free port)'),
  MCP_SESSIONS: text()
    .transform((v) => v?.toLowerCase())
    .pipe(z.enum(['stateless', 'stateful'], { error: 'must be stateless or stateful' }).default('stateless')),
  MCP_SESSION_IDLE_MS: wholeNumber(DEFAULT_SESSION_IDLE_MS, 1_000, 7 * 24 * 3_600_000, 'a whole number of milliseconds from 1000 to 604800000'),
  MCP_MAX_SESSIONS: wholeNumber(DEFAULT_MAX_SESSIONS, 1, 1_000_000, 'a whole number from 1 to 1000000'),
  MCP_ALLOWED_HOSTS: allowedHosts,
  MCP_ALLOWED_ORIGINS: origins,
  MCP_CORS_ORIGINS: origins,
  MCP_MAX_BODY_BYTES: wholeNumber(DEFAULT_MAX_BODY_BYTES, 1024, 100 * 1024 * 1024, 'a whole number of bytes from 1024 to 104857600'),
  MCP_RATE_LIMIT_PER_MINUTE: wholeNumber(DEFAULT_RATE_LIMIT_PER_MINUTE, 0, 1_000_000_000, 'a whole number of requests per minute (0 turns the limit off)'),
  MCP_UNAUTHENTICATED_RATE_LIMIT: wholeNumber(DEFAULT_UNAUTHENTICATED_RATE_LIMIT, 0, 1_000_000_000, 'a whole number of requests per minute and client address (0 turns the limit off)'),
  MCP_TRUST_PROXY: trustProxy,
  MCP_SHUTDOWN_TIMEOUT_MS: wholeNumber(DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, 600_000, 'a whole number of milliseconds from 0 to 600000'),
});

export type HttpEnv = z.output<typeof HttpEnvSchema>;

/** The HTTP variables, or one `VARIABLE: problem` line per problem. */
export function parseHttpEnv(env: Record<string, string | undefined>): { ok: true; env: HttpEnv } | { ok: false; errors: string[] } {
  const parsed = HttpEnvSchema.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  return { ok: false, errors: [...new Set(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`))] };
}
