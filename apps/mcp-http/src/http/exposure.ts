/**
 * Exposure safety: the Host and Origin checks that stop DNS rebinding (a web page whose name now points at this
 * server's address must not reach it from a browser), and CORS, off unless `MCP_CORS_ORIGINS` names origins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExposureConfig } from '../config';
import { HostRule, defaultHostRules, defaultOrigins, hostAllowed, normalizeOrigin } from './addresses';
import { sendJsonRpcError } from './answers';

/** What a browser client may send on `/mcp` and must be allowed to read back. */
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, X-Confluence-Url, X-Request-Id';
const CORS_EXPOSE_HEADERS = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, Retry-After, X-Request-Id';
const CORS_ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';
/** How long a browser may cache a preflight answer, in seconds. */
const CORS_MAX_AGE = '600';

export class Exposure {
  private readonly hosts: HostRule[] | '*';
  private readonly origins: Set<string>;
  private readonly cors: Set<string>;

  /** `listening`: the address the server is bound to, which the defaults allow. */
  constructor(config: ExposureConfig, listening: { host: string; port: number }) {
    this.hosts = config.allowedHosts ?? defaultHostRules(listening.host, listening.port);
    this.cors = new Set(config.corsOrigins);
    // A CORS origin is trusted by definition; without MCP_ALLOWED_ORIGINS, pages of this server itself are.
    this.origins = new Set([...(config.allowedOrigins ?? defaultOrigins(listening.host, listening.port)), ...config.corsOrigins]);
  }

  /**
   * Whether the request may go on; if not, it has been answered 403. A request without `Origin` is not from a
   * browser page (or is same-origin) and passes the Origin check.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.hosts !== '*' && !hostAllowed(req.headers.host, this.hosts)) {
      // The value is not echoed: an answer should not reflect what a hostile page chose.
      sendJsonRpcError(res, 403, 'Forbidden: Host header not allowed (set MCP_ALLOWED_HOSTS to the names clients use)');
      return false;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin)) {
      sendJsonRpcError(res, 403, 'Forbidden: Origin not allowed (set MCP_ALLOWED_ORIGINS or MCP_CORS_ORIGINS)');
      return false;
    }
    return true;
  }

  /** CORS headers for an admitted request from a CORS origin (none otherwise: CORS stays off). */
  corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin && normalizeOrigin(req.headers.origin);
    if (!origin || !this.cors.has(origin)) return {};
    return { 'Access-Control-Allow-Origin': req.headers.origin as string, 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS, Vary: 'Origin' };
  }

  /** Answers a CORS preflight: 204 with the allowed methods and headers for a CORS origin, 403 otherwise. */
  preflight(req: IncomingMessage, res: ServerResponse): void {
    const headers = this.corsHeaders(req);
    if (!headers['Access-Control-Allow-Origin']) {
      sendJsonRpcError(res, 403, 'Forbidden: cross-origin requests are not enabled for this origin (MCP_CORS_ORIGINS)');
      return;
    }
    res.writeHead(204, {
      ...headers,
      'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
      'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
      'Access-Control-Max-Age': CORS_MAX_AGE,
    });
    res.end();
  }

  private originAllowed(value: string): boolean {
    const origin = normalizeOrigin(value);
    return origin !== undefined && this.origins.has(origin);
  }
}
