/** Credentials out of log lines: by field name (pino `redact`) and by value, whatever field or message holds them. */

/** What a removed credential becomes. */
export const CENSOR = '[Redacted]';

/** Field names that hold credentials wherever they appear (top level or one object down). */
const SECRET_FIELDS = ['authorization', 'Authorization', 'token', 'apiToken', 'api_token', 'password', 'accessToken', 'refreshToken', 'personalToken', 'cookie'];

/** pino `redact` paths for `SECRET_FIELDS`, and headers one or two objects down. */
export const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'headers.authorization', '*.headers.authorization'];

/** Strings this short would censor ordinary words: a real credential is never one. */
const MIN_SECRET_LENGTH = 4;

/**
 * `text` with every secret (as written, and as it appears JSON-escaped) replaced by `[Redacted]`. For text that
 * is written without the logger (a start-up error on stderr).
 *
 * @example
 * process.stderr.write(`my-app: ${redactSecrets(error.message, secrets)}\n`);
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    out = out.split(secret).join(CENSOR);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join(CENSOR);
  }
  return out;
}

/** The secrets long enough to redact. */
export function usableSecrets(secrets: readonly string[] | undefined): string[] {
  return (secrets ?? []).filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
}
