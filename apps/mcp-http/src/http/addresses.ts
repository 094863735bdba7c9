/**
 * Hosts, origins and site URLs as the server compares them: each written one canonical way (lower-case host,
 * default port dropped, no trailing slash), so an allow-list entry and a header match exactly or not at all.
 */

/** A host name or IP as the URL parser writes it: no wildcard or other character a browser never sends. */
const PLAIN_HOSTNAME = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

/** An allowed `Host` header: a host name or IP, with a port or (`port` undefined) any port. */
export interface HostRule {
  hostname: string;
  port?: string;
}

/** `example.com`, `example.com:8443`, `[::1]:3000` as a rule, or `undefined` when it is not a host. */
export function parseHostRule(entry: string): HostRule | undefined {
  if (!entry || /[\s/?#@\\]/.test(entry)) return undefined;
  const url = URL.canParse(`http://${entry}`) ? new URL(`http://${entry}`) : undefined;
  if (!url || url.pathname !== '/' || !PLAIN_HOSTNAME.test(url.hostname)) return undefined;
  // URL drops :80 for http: keep the port the entry names, so `host:80` only matches `host:80`.
  const explicitPort = /:(\d+)$/.exec(entry)?.[1];
  return explicitPort === undefined ? { hostname: url.hostname } : { hostname: url.hostname, port: String(Number(explicitPort)) };
}

/** Whether a `Host` header value is allowed by one of the rules. A missing or malformed header never is. */
export function hostAllowed(header: string | undefined, rules: readonly HostRule[]): boolean {
  const host = header ? parseHostRule(header) : undefined;
  if (!host) return false;
  return rules.some((rule) => rule.hostname === host.hostname && (rule.port === undefined || rule.port === (host.port ?? '80')));
}

/** `https://app.example.com` from any spelling of it, or `undefined` when the value is not a bare origin. */
export function normalizeOrigin(value: string): string | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !PLAIN_HOSTNAME.test(url.hostname)) return undefined;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return undefined;
  // `new URL('https://a/').pathname` is '/' even for 'https://a': also refuse an explicit path such as '/x'.
  if (/^[a-z]+:\/\/[^/]+\/./i.test(value)) return undefined;
  return url.origin;
}

/** A Confluence site URL written one way: lower-case scheme and host, no default port, no trailing slash. */
export function normalizeSiteUrl(value: string): string | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !PLAIN_HOSTNAME.test(url.hostname)) return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** 127.0.0.0/8, ::1 and `localhost`: addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Every interface (`0.0.0.0`, `::`). */
export function isWildcard(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '0.0.0.0' || bare === '::';
}

/** `HOST` as it appears in a URL or a `Host` header (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The `Host` values a browser or client uses to reach this server when `MCP_ALLOWED_HOSTS` is unset: the
 * listening address, and the loopback names when it listens on loopback or every interface.
 */
export function defaultHostRules(host: string, port: number): HostRule[] {
  const names = new Set<string>();
  if (!isWildcard(host)) names.add(hostForUrl(host).toLowerCase());
  if (isLoopback(host) || isWildcard(host)) for (const name of ['localhost', '127.0.0.1', '[::1]']) names.add(name);
  return [...names].map((name) => parseHostRule(`${name}:${port}`)).filter((rule): rule is HostRule => rule !== undefined);
}

/** The origins of pages served by this server itself, allowed when `MCP_ALLOWED_ORIGINS` is unset. */
export function defaultOrigins(host: string, port: number): string[] {
  return defaultHostRules(host, port).map((rule) => `http://${rule.hostname}:${rule.port}`);
}
