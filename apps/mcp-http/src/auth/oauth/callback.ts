/**
 * `GET /oauth/callback`: where Atlassian sends the user back. Takes the pending authorization of `state` (single
 * use), trades Atlassian's code for tokens, picks the site (the one matching `CONFLUENCE_URL` when set, else the
 * first the grant reaches), asks Confluence who the user is, stores the grant with its tokens sealed, and sends
 * the user back to the MCP client with OUR code and the client's own state.
 */
import { AtlassianOAuthClient, AccessibleResource, AtlassianOAuthError, ConfluenceError, createConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { normalizeSiteUrl } from '../../http/addresses';
import { CODE_TTL_MS, randomToken } from './provider';
import type { OAuthStore, PendingAuthorization } from './store';

export interface CallbackDeps {
  store: OAuthStore;
  atlassian: AtlassianOAuthClient;
  callbackUrl: string;
  /** Origin of the Atlassian API gateway. */
  apiUrl: string;
  /** Normalised `CONFLUENCE_URL`, when set. */
  siteUrl?: string;
  timeoutMs: number;
  userAgent: string;
  log: Logger;
}

/** The express handler of the callback. */
export function callbackHandler(deps: CallbackDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    const query = req.query as Record<string, unknown>;
    const state = typeof query['state'] === 'string' ? query['state'] : '';
    const pending = state ? deps.store.takePending(state) : undefined;
    if (!pending) {
      res.status(400).json({ error: 'invalid_request', error_description: 'Unknown, used or expired sign-in; start again from your MCP client' });
      return;
    }
    const back = (params: Record<string, string>) => {
      const url = new URL(pending.redirectUri);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      if (pending.state !== undefined) url.searchParams.set('state', pending.state);
      res.redirect(302, url.href);
    };
    if (typeof query['code'] !== 'string' || !query['code']) {
      // The user declined at Atlassian (error=access_denied), or Atlassian sent nothing usable.
      return back({ error: 'access_denied', error_description: 'Atlassian sign-in was not completed' });
    }
    try {
      const code = await signIn(query['code'], pending, deps);
      back({ code });
    } catch (error) {
      // Client errors carry no token or secret in their message; anything else is logged by name only.
      const known = error instanceof AtlassianOAuthError || error instanceof ConfluenceError || error instanceof NoSiteError;
      deps.log.warn('oauth sign-in failed', { error: known ? error.message : 'unexpected', name: (error as Error).name });
      back(known ? { error: 'access_denied', error_description: error instanceof NoSiteError ? error.message : 'Atlassian sign-in failed' } : { error: 'server_error', error_description: 'Sign-in failed' });
    }
  };
}

class NoSiteError extends Error {
  override name = 'NoSiteError';
}

/** Atlassian code -> stored grant -> our code. */
async function signIn(atlassianCode: string, pending: PendingAuthorization, deps: CallbackDeps): Promise<string> {
  const signal = AbortSignal.timeout(deps.timeoutMs);
  const tokens = await deps.atlassian.exchangeCode({ code: atlassianCode, redirectUri: deps.callbackUrl }, { signal });
  const site = pickSite(await deps.atlassian.accessibleResources(tokens.accessToken, { signal }), deps.siteUrl);
  const confluence = createConfluenceClient({
    baseUrl: `${site.url.replace(/\/+$/, '')}/wiki`,
    flavor: 'cloud',
    gatewayUrl: deps.apiUrl,
    auth: { type: 'oauth', cloudId: site.cloudId, getAccessToken: async () => tokens.accessToken },
    timeoutMs: deps.timeoutMs,
    userAgent: deps.userAgent,
  });
  const user = await confluence.users.current({ signal });
  if (!user.accountId) throw new NoSiteError('Confluence did not say who signed in');
  const grantId = randomUUID();
  deps.store.saveGrant({ id: grantId, accountId: user.accountId, cloudId: site.cloudId, siteUrl: site.url.replace(/\/+$/, ''), tokens });
  const code = randomToken();
  deps.store.saveCode(code, { clientId: pending.clientId, grantId, redirectUri: pending.redirectUri, codeChallenge: pending.codeChallenge, scopes: pending.scopes }, CODE_TTL_MS);
  deps.log.info('oauth sign-in', { identity: `oauth:${user.accountId}`, site: new URL(site.url).host, clientId: pending.clientId });
  return code;
}

/** The site matching `CONFLUENCE_URL` (with or without `/wiki`) when set, else the first. */
function pickSite(sites: AccessibleResource[], wanted: string | undefined): AccessibleResource {
  const site = wanted ? sites.find((s) => [normalizeSiteUrl(s.url), normalizeSiteUrl(`${s.url.replace(/\/+$/, '')}/wiki`)].includes(wanted)) : sites[0];
  if (!site) throw new NoSiteError(wanted ? 'Your Atlassian account has no access to the Confluence site this server serves' : 'Your Atlassian account has no Confluence site');
  return site;
}
