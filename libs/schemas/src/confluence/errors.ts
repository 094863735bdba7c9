/**
 * Error bodies Confluence and the Atlassian gateway send, and one function that turns any of them (or a plain-text
 * or HTML page from a proxy or Tomcat) into a short message. See shared/reference/observed-api-errors/.
 */
import { z } from 'zod';

/**
 * A Cloud v2 error: `{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}`.
 * Cloud answers 404 (not 403) for content the caller may not see.
 */
export const V2ErrorBodySchema = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        status: z.number().int(),
        code: z.string(),
        title: z.string(),
        detail: z.string().nullish(),
      }),
    )
    .min(1),
});
/** A Cloud v2 error body. */
export type V2ErrorBody = z.infer<typeof V2ErrorBodySchema>;

/**
 * A v1 error (Cloud and Data Center): `{"statusCode":409,"message":"...","data":{...}}`; Server adds `reason`
 * (the HTTP reason phrase). `message` often starts with Java exception class names.
 */
export const V1ErrorBodySchema = z.looseObject({
  statusCode: z.number().int(),
  message: z.string(),
  data: z.looseObject({}).optional(),
  reason: z.string().optional(),
});
/** A v1 error body. */
export type V1ErrorBody = z.infer<typeof V1ErrorBodySchema>;

/**
 * An error from the `api.atlassian.com` gateway (scoped tokens, OAuth), e.g.
 * `{"code":401,"message":"Unauthorized; scope does not match"}`.
 */
export const GatewayErrorBodySchema = z.looseObject({
  code: z.union([z.number().int(), z.string()]),
  message: z.string(),
});
/** A gateway error body. */
export type GatewayErrorBody = z.infer<typeof GatewayErrorBodySchema>;

/** Longest message `describeErrorBody` returns. */
const MAX_MESSAGE = 300;

/**
 * A short human message (at most 300 characters) for an error response body, and its machine code when the body
 * has one. Understands v2, v1 and gateway JSON bodies, JSON cut off in the middle, Tomcat error pages (the
 * `Message` paragraph), other HTML pages (their title or text) and plain text. Never returns HTML.
 *
 * @example
 * describeErrorBody('{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}')
 * // => { message: 'Not Found', code: 'NOT_FOUND' }
 */
export function describeErrorBody(raw: string, contentType?: string): { message: string; code?: string } {
  const body = raw.trim();
  if (!body) return { message: 'empty response body' };
  // JSON first: a JSON message may quote markup (`Unexpected close tag </p>`) without the body being HTML.
  if (/^[[{]/.test(body) || /json/i.test(contentType ?? '')) {
    const described = describeJson(body);
    if (described) return { ...described, message: cap(described.message) };
  }
  if (looksLikeHtml(body, contentType)) return { message: cap(describeHtml(body)) };
  return { message: cap(stripTags(body)) || 'empty response body' };
}

function describeJson(body: string): { message: string; code?: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return salvageJson(body);
  }
  const v2 = V2ErrorBodySchema.safeParse(parsed);
  if (v2.success) {
    const message = v2.data.errors.map((e) => (e.detail ? `${e.title}: ${e.detail}` : e.title)).join('; ');
    return { message, code: v2.data.errors[0].code };
  }
  const v1 = V1ErrorBodySchema.safeParse(parsed);
  if (v1.success) return { message: shortenJavaNames(v1.data.message).trim() || v1.data.reason || `HTTP ${v1.data.statusCode}` };
  const gateway = GatewayErrorBodySchema.safeParse(parsed);
  if (gateway.success) return { message: gateway.data.message, code: String(gateway.data.code) };
  const text = firstMessageField(parsed);
  // An unknown JSON shape: its compact text is still short and tag-free, and better than nothing.
  return { message: text ?? stripTags(JSON.stringify(parsed)) };
}

/** Other services behind Confluence (proxies, apps) use `message`, `errorMessage(s)` or `error`. */
function firstMessageField(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['message', 'errorMessage', 'error_description', 'error', 'title', 'detail']) {
    const field = record[key];
    if (typeof field === 'string' && field.trim()) return shortenJavaNames(field);
  }
  const list = record.errorMessages;
  if (Array.isArray(list) && typeof list[0] === 'string') return list.join('; ');
  return undefined;
}

/**
 * Bodies cut off mid-string (logged by a proxy, or a dropped connection) are not JSON, but their first message
 * field is still readable. Single quotes too: some tools log the body as a Python dict.
 */
function salvageJson(body: string): { message: string; code?: string } | undefined {
  const field = (name: string) => {
    const match = new RegExp(`["']${name}["']\\s*:\\s*(["'])((?:\\\\.|(?!\\1).)*)(\\1)?`, 's').exec(body);
    if (!match) return undefined;
    const text = match[2].replace(/\\n/g, ' ').replace(/\\(.)/g, '$1');
    return match[3] ? text : `${text}… (truncated)`;
  };
  const message = field('title') ?? field('message') ?? field('errorMessage') ?? field('detail');
  const code = field('code');
  if (message) return { message: shortenJavaNames(message), code: code && !code.endsWith('(truncated)') ? code : undefined };
  const status = /["'](?:statusCode|status)["']\s*:\s*(\d{3})/.exec(body);
  return status ? { message: `HTTP ${status[1]} (error body cut off)` } : undefined;
}

function looksLikeHtml(body: string, contentType?: string): boolean {
  if (/html|xml/i.test(contentType ?? '')) return true;
  return /^<(!doctype|html|head|body|\?xml)/i.test(body) || /<\/(html|body|p|div|h1)>/i.test(body);
}

/** Tomcat pages hold the useful line in `<p><b>Message</b> ...</p>` (`message` on older Tomcat). */
function describeHtml(html: string): string {
  const tomcat = /<p>\s*<b>\s*message\s*<\/b>([\s\S]*?)<\/p>/i.exec(html);
  const candidates = [
    tomcat?.[1],
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1],
    /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1],
    html.replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, ' '),
  ];
  for (const candidate of candidates) {
    const text = candidate === undefined ? '' : stripTags(candidate);
    if (text) return text;
  }
  return 'HTML error page without text';
}

/** Text without tags, entities decoded, whitespace collapsed. Tags are stripped again after decoding `&lt;`. */
function stripTags(text: string): string {
  const noTags = (s: string) => s.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?[a-zA-Z!?][^>]*>?/g, ' ');
  return noTags(decodeEntities(noTags(text))).replace(/\s+/g, ' ').trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** `com.atlassian...ConflictException: javax...OptimisticLockException: x` -> `ConflictException: OptimisticLockException: x`. */
function shortenJavaNames(message: string): string {
  return message.replace(/\b(?:[a-z_][a-z0-9_]*\.)+([A-Z][A-Za-z0-9_$]*(?:Exception|Error))\b/g, '$1');
}

function cap(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1).trimEnd()}…`;
}
