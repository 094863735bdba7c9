/** `createConfluenceClient()`: one object, the same methods on Cloud and Data Center. */
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

export interface ConfluenceClient {
  readonly flavor: Flavor;
  /** The site URL (Cloud: ending in `/wiki`), for links shown to people. */
  readonly siteUrl: string;
  readonly spaces: SpacesResource;
  readonly pages: PagesResource;
  readonly search: SearchResource;
  readonly comments: CommentsResource;
  readonly attachments: AttachmentsResource;
  readonly labels: LabelsResource;
  readonly users: UsersResource;
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
 */
export function createConfluenceClient(options: ConfluenceClientOptions): ConfluenceClient {
  const resolved = resolveClientOptions(options);
  const ctx: ClientContext = { transport: new Transport(resolved), flavor: resolved.flavor, siteUrl: resolved.siteUrl, spaces: new SpaceDirectory() };
  const spaces = new SpacesResource(ctx);
  return {
    flavor: resolved.flavor,
    siteUrl: resolved.siteUrl,
    spaces,
    pages: new PagesResource(ctx, spaces),
    search: new SearchResource(ctx),
    comments: new CommentsResource(ctx),
    attachments: new AttachmentsResource(ctx),
    labels: new LabelsResource(ctx),
    users: new UsersResource(ctx),
  };
}
