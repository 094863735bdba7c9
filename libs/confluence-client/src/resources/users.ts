/** Users: the caller, one user by id (or Data Center user name), and search by name (Cloud). */
import { V1SearchResponseSchema, V1UserSchema } from '@confluence-mcp/schemas';
import type { z } from 'zod';
import { CallOptions } from '../core/call';
import { ClientContext, checkLimit } from '../core/context';
import { User } from '../model';
import { InvalidArgumentError } from '../core/errors';

type V1User = z.infer<typeof V1UserSchema>;

/** `client.users`: the signed-in user, a user by id (or Data Center user name), user search on Cloud. */
export class UsersResource {
  constructor(private readonly ctx: ClientContext) {}

  /** The user the client signs in as. */
  async current(call?: CallOptions): Promise<User> {
    return toUser(await this.ctx.transport.json('GET', '/user/current', V1UserSchema, { api: 'v1', call }));
  }

  /**
   * A user by `User.id`: the account id on Cloud, the user key on Data Center. Throws `NotFoundError` when
   * there is no such user.
   */
  async get(id: string, call?: CallOptions): Promise<User> {
    checkText('id', id);
    const searchParams = this.ctx.flavor === 'cloud' ? { accountId: id } : { key: id };
    return toUser(await this.ctx.transport.json('GET', '/user', V1UserSchema, { api: 'v1', call, searchParams }));
  }

  /** Data Center only: a user by user name (Cloud has no user names, only account ids). */
  async getByUsername(username: string, call?: CallOptions): Promise<User> {
    checkText('username', username);
    if (this.ctx.flavor === 'cloud') throw new InvalidArgumentError('users.getByUsername: Confluence Cloud has no user names; use users.get(accountId)');
    return toUser(await this.ctx.transport.json('GET', '/user', V1UserSchema, { api: 'v1', call, searchParams: { username } }));
  }

  /**
   * Users whose full name (or a word of it) starts with `query`, through Cloud's user search. Data Center has
   * no user search in its REST API, so there this throws an `InvalidArgumentError`.
   * Not a paged list: it returns at most `limit` users, with no cursor.
   *
   * @param options.limit 1-1000. @default 25
   */
  async search(query: string, options: { limit?: number } = {}, call?: CallOptions): Promise<User[]> {
    checkText('query', query);
    const limit = checkLimit(options.limit, 1000);
    if (this.ctx.flavor === 'dc') throw new InvalidArgumentError('users.search: not available on Data Center');
    // The text goes inside a CQL string: escaping `\` and `"` keeps it one literal, whatever the user typed.
    const literal = query.trim().replace(/[\\"]/g, (c) => `\\${c}`);
    const data = await this.ctx.transport.json('GET', '/search/user', V1SearchResponseSchema, {
      api: 'v1',
      call,
      searchParams: { cql: `user.fullname ~ "${literal}"`, limit },
    });
    return data.results.flatMap((hit) => (hit.user ? [toUser(hit.user)] : []));
  }
}

function checkText(name: string, value: string): void {
  if (typeof value !== 'string' || !value.trim()) throw new InvalidArgumentError(`${name}: must not be empty`);
  if (value.length > 255) throw new InvalidArgumentError(`${name}: must be at most 255 characters`);
}

function toUser(user: V1User): User {
  const id = user.accountId ?? user.userKey ?? user.username ?? '';
  return {
    id,
    accountId: user.accountId,
    username: user.username,
    // A privacy setting can hide the display name; the public name is what Confluence shows instead.
    displayName: user.displayName ?? user.publicName ?? '',
    email: user.email || undefined,
    timeZone: user.timeZone ?? undefined,
  };
}
