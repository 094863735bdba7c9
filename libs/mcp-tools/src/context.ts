/** What every handler works with: the client, the logger, and the space allow-list checks. */
import type { BodyFormat, ConfluenceClient, Page } from '@confluence-mcp/confluence-client';
import { NotFoundError } from '@confluence-mcp/confluence-client';
import type { McpServerDeps, ToolLogger } from './deps';
import { PAGE_NOT_FOUND, ToolFailure, silentLogger } from './results';

/** @default 10 MiB */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export class ToolContext {
  readonly client: ConfluenceClient;
  readonly logger: ToolLogger;
  /** Upper-cased allowed space keys, or `undefined` for all spaces. */
  readonly spaces?: readonly string[];
  readonly attachmentDirectories: readonly string[];
  readonly maxAttachmentBytes: number;
  private readonly spaceKeys = new Map<string, string>();

  constructor(deps: McpServerDeps) {
    this.client = deps.client;
    this.logger = deps.logger ?? silentLogger;
    this.spaces = deps.spaces?.length ? deps.spaces.map((k) => k.trim()).filter(Boolean) : undefined;
    this.attachmentDirectories = deps.attachmentDirectories ?? [];
    this.maxAttachmentBytes = deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  }

  /** Whether a space key is inside the allow-list (always true without one). Space keys compare case-insensitively. */
  allowsSpace(key: string | undefined): boolean {
    if (!this.spaces) return true;
    if (!key) return false;
    return this.spaces.some((allowed) => allowed.toUpperCase() === key.toUpperCase());
  }

  /** The key of a page's space: known on Data Center; on Cloud looked up once per space id. */
  async spaceKeyOf(page: Pick<Page, 'spaceId' | 'spaceKey'>): Promise<string> {
    if (page.spaceKey) return page.spaceKey;
    const cached = this.spaceKeys.get(page.spaceId);
    if (cached) return cached;
    const key = (await this.client.spaces.get(page.spaceId)).key;
    this.spaceKeys.set(page.spaceId, key);
    return key;
  }

  /**
   * A page the allow-list lets this server show. A page outside it answers exactly like a missing one, so the
   * model learns nothing about spaces it may not reach.
   */
  async visiblePage(page: Page): Promise<Page & { spaceKey: string }> {
    const spaceKey = await this.spaceKeyOf(page);
    if (!this.allowsSpace(spaceKey)) throw new ToolFailure('NOT_FOUND', PAGE_NOT_FOUND);
    return { ...page, spaceKey };
  }

  /** Read a page by id, confined to the allow-list; 404 becomes the same NOT_FOUND as a page outside it. */
  async getPage(id: string, options: { bodyFormat?: BodyFormat; includeLabels?: boolean } = {}): Promise<Page & { spaceKey: string }> {
    try {
      return await this.visiblePage(await this.client.pages.get(id, options));
    } catch (error) {
      if (error instanceof NotFoundError) throw new ToolFailure('NOT_FOUND', PAGE_NOT_FOUND);
      throw error;
    }
  }

  /** Refuse a space key outside the allow-list (as not found). */
  requireSpace(key: string): void {
    if (!this.allowsSpace(key)) throw new ToolFailure('NOT_FOUND', `Space ${key} not found, or not visible to this user. get_confluence_spaces lists the spaces you can use.`);
  }
}
