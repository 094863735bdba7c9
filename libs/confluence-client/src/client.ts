/** `createConfluenceClient()`: one object, the same methods on Cloud and Data Center. */
import { CallOptions } from './core/call';
import { ClientContext, SpaceDirectory } from './core/context';
import { ConfluenceClientOptions, Flavor, resolveClientOptions } from './core/options';
import { Transport } from './core/transport';
import { AttachmentsResource } from './resources/attachments';
import { CommentsResource } from './resources/comments';
import { LabelsResource } from './resources/labels';
import { PagesResource } from './resources/pages';
import { SearchResource } from './resources/search';
import { SpacesResource } from './resources/spaces';
import { UsersResource } from './resources/users';

/**
 * A Confluence client: the same methods on Cloud and Data Center, grouped by area. Every method takes call
 * options last (`CallOptions`: a signal, a per-attempt timeout); `list*()` methods return one page and
 * `iterate*()` methods walk every page; failures are `ConfluenceError` subclasses, bad arguments an
 * `InvalidArgumentError` thrown before anything is sent. Created by `createConfluenceClient()`.
 */
export interface ConfluenceClient {
  /** `cloud` or `dc`, as configured or detected from the URL. */
  readonly flavor: Flavor;
  /** The site URL (Cloud: ending in `/wiki`), for links shown to people. */
  readonly siteUrl: string;
  /** Spaces: list, iterate, get by key or id. */
  readonly spaces: SpacesResource;
  /** Pages: get (by id, title, URL), list a space, children, ancestors, versions; create, update, move, delete. */
  readonly pages: PagesResource;
  /** CQL search: hits with excerpts (`cql`), or whole pages (`contentSearch`). */
  readonly search: SearchResource;
  /** Footer and inline comments, their replies; add a comment or a reply. */
  readonly comments: CommentsResource;
  /** Attachments of a page: list, download (size-capped), upload. */
  readonly attachments: AttachmentsResource;
  /** Labels of a page: list, add, remove. */
  readonly labels: LabelsResource;
  /** The signed-in user, users by id, user search (Cloud). */
  readonly users: UsersResource;
  /**
   * A view of this client (the same connection pacing, caches and cloudId) whose every call uses `defaults`.
   * A method's own `call` options combine with them: both signals abort the call, and the smaller `timeoutMs`
   * wins. Views nest the same way.
   *
   * @example
   * // Everything one MCP tool call does stops when the call is cancelled.
   * const confluence = client.withCallOptions({ signal: extra.signal });
   * const page = await confluence.pages.get(id);
   */
  withCallOptions(defaults: CallOptions): ConfluenceClient;
}

/**
 * Create a client. Cloud goes through REST v2 (v1 only where v2 has no equal); Data Center through v1.
 *
 * @example
 * const confluence = createConfluenceClient({
 *   baseUrl: 'https://example.atlassian.net',
 *   auth: { type: 'basic', email: 'me@example.com', apiToken: process.env.CONFLUENCE_API_TOKEN! },
 * });
 * for await (const page of confluence.pages.iterate({ spaceKey: 'ENG' }, { body: true })) console.log(page.title);
 * // Every method takes call options last: a signal to cancel, a per-attempt timeout.
 * await confluence.pages.get('123', {}, { signal: AbortSignal.timeout(5_000), timeoutMs: 2_000 });
 */
export function createConfluenceClient(options: ConfluenceClientOptions): ConfluenceClient {
  const resolved = resolveClientOptions(options);
  return clientOf({ transport: new Transport(resolved), flavor: resolved.flavor, siteUrl: resolved.siteUrl, spaces: new SpaceDirectory() });
}

/** The resources over one context; a view shares everything but the transport's call defaults. */
function clientOf(ctx: ClientContext): ConfluenceClient {
  const spaces = new SpacesResource(ctx);
  return {
    flavor: ctx.flavor,
    siteUrl: ctx.siteUrl,
    spaces,
    pages: new PagesResource(ctx, spaces),
    search: new SearchResource(ctx),
    comments: new CommentsResource(ctx),
    attachments: new AttachmentsResource(ctx),
    labels: new LabelsResource(ctx),
    users: new UsersResource(ctx),
    withCallOptions: (defaults) => clientOf({ ...ctx, transport: ctx.transport.withDefaults(defaults) }),
  };
}
