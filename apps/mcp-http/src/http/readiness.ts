/**
 * `/readyz`: whether this instance should get traffic. Not while it shuts down; and where the mode has service
 * credentials, only while Confluence answers them. The answer is cached for a few seconds and checks never run
 * in parallel, so a burst of probes (unauthenticated, by design) cannot turn into a burst of Confluence requests.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import { checkConnection } from '@confluence-mcp/mcp-tools';

/** How long one answer is reused. */
export const READINESS_CACHE_MS = 5_000;
/** Longest a readiness check waits for Confluence: probes usually time out after a few seconds. */
export const READINESS_TIMEOUT_MS = 4_000;

export interface Readiness {
  ready: boolean;
  /** Shown to the prober: a word, never a site URL or a credential problem (those go to the log). */
  confluence: 'reachable' | 'unreachable' | 'not checked (per-user credentials)';
}

export class ReadinessCheck {
  private last?: { at: number; result: Readiness };
  private pending?: Promise<Readiness>;

  constructor(
    private readonly client: ConfluenceClient | undefined,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async check(): Promise<Readiness> {
    if (!this.client) return { ready: true, confluence: 'not checked (per-user credentials)' };
    if (this.last && this.now() - this.last.at < READINESS_CACHE_MS) return this.last.result;
    this.pending ??= this.run(this.client).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async run(client: ConfluenceClient): Promise<Readiness> {
    const check = await checkConnection(client, READINESS_TIMEOUT_MS);
    const result: Readiness = check.ok ? { ready: true, confluence: 'reachable' } : { ready: false, confluence: 'unreachable' };
    if (!check.ok && this.last?.result.ready !== false) this.log.warn(`not ready: ${check.problem}`, { site: check.siteUrl });
    this.last = { at: this.now(), result };
    return result;
  }
}
