/** The cloudId gateway calls need (scoped tokens, OAuth): `/_edge/tenant_info` or OAuth's accessible-resources. */
import { ConfluenceError, ConnectionError, ResponseValidationError, TimeoutError, causeCode, errorFromResponse } from './errors';
import { ResolvedClientOptions } from './options';

/**
 * Look the cloudId up once, with a deadline of the client's `timeoutMs` covering the body. It runs outside the
 * pacer and without any caller's signal: it is shared by every call waiting for it.
 */
export async function lookUpCloudId(options: ResolvedClientOptions, authorization: () => Promise<string>): Promise<string> {
  const site = new URL(options.siteUrl).origin;
  const context = { method: 'GET', path: options.auth.type === 'oauth' ? '/oauth/token/accessible-resources' : '/_edge/tenant_info' };
  const get = async (url: string, auth?: string) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await options.fetch(url, { headers: { accept: 'application/json', ...(auth ? { authorization: auth } : {}) }, signal });
      const text = await response.text();
      if (!response.ok) throw errorFromResponse(context, response.status, response.headers, text);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ResponseValidationError(context, ['body is not JSON'], response.status);
      }
    } catch (error) {
      if (error instanceof ConfluenceError) throw error;
      if (signal.aborted) throw new TimeoutError(`Could not look up the cloudId (no complete response within ${options.timeoutMs} ms)`, context, { cause: error });
      throw new ConnectionError(`Could not look up the cloudId (${causeCode(error)})`, context, { cause: error });
    }
  };
  if (options.auth.type === 'oauth') {
    const resources = await get(`${options.gatewayUrl}/oauth/token/accessible-resources`, await authorization());
    const list = Array.isArray(resources) ? (resources as Array<{ id?: unknown; url?: unknown }>) : [];
    const match = list.find((r) => typeof r.url === 'string' && r.url.replace(/\/+$/, '') === site) ?? (list.length === 1 ? list[0] : undefined);
    if (!match || typeof match.id !== 'string') {
      throw new ConfluenceError(`None of the ${list.length} sites this token can reach is ${site}; set cloudId`, context);
    }
    return match.id;
  }
  const info = (await get(`${site}/_edge/tenant_info`)) as { cloudId?: unknown };
  if (typeof info?.cloudId !== 'string') throw new ResponseValidationError(context, ['cloudId: expected a string']);
  return info.cloudId;
}
