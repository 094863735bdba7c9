/**
 * v1 users: the caller, one user (Cloud by `accountId`; Data Center by `username` or `key`), and Cloud's
 * user search with the small CQL subset it understands (`type`, `user`, `user.accountid`, `user.fullname`).
 */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, one, route } from '../../http/context';
import { ApiGeneration, badRequest, notFound } from '../../http/errors';
import { User } from '../../model';
import { apiPath, limitParam, pagingLink, startParam } from './paging';
import { V1Context, userKeyOf, userShape, v1Context } from './shapes';

/** Register user routes (and Cloud's user search) under `prefixes`. */
export function registerUsers(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  const { store } = deps;
  const top = (v: V1Context, user: User) => {
    const shape = userShape(v, user.accountId);
    return { ...shape, _links: { ...(shape._links as object), base: v.base, context: v.context } };
  };

  route(app, prefixes, 'GET', '/user/current', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    return top(v, v.user);
  });

  route(app, prefixes, 'GET', '/user', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    let user: User | undefined;
    if (v.dc) {
      const username = one(ctx.query.username);
      const key = one(ctx.query.key);
      if (!username && !key) throw badRequest(`One of the query parameters 'username' or 'key' is required`);
      user = store.findUser((u) => (username ? u.username === username : userKeyOf(u) === key));
    } else {
      const accountId = one(ctx.query.accountId);
      if (!accountId) {
        if (one(ctx.query.username) || one(ctx.query.key)) throw badRequest(`The 'username' and 'key' parameters are no longer supported: use 'accountId'`);
        throw badRequest(`Query parameter 'accountId' is required`);
      }
      user = store.user(accountId);
    }
    if (!user) throw notFound('No user found with the given identifier');
    return top(v, user);
  });

  if (deps.options.flavor !== 'cloud') return;

  route(app, prefixes, 'GET', '/search/user', generation, (ctx) => {
    const startedAt = performance.now();
    const v = v1Context(deps, ctx);
    const cql = one(ctx.query.cql);
    if (!cql || !cql.trim()) throw badRequest('CQL query parameter is required');
    const matches = compileUserCql(cql);
    const users = [...store.world.users.values()].filter(matches);
    const start = startParam(ctx);
    const limit = limitParam(ctx, 25, 1000);
    const page = users.slice(start, start + limit);
    const now = deps.options.now().toISOString();
    const links: Record<string, string> = { base: v.base, context: v.context };
    if (start + limit < users.length) links.next = pagingLink(v, ctx, { limit, start: start + limit });
    links.self = `${v.base}${apiPath(ctx)}?${new URLSearchParams({ cql }).toString()}`;
    return {
      results: page.map((user) => ({
        user: userShape(v, user.accountId),
        title: user.displayName,
        excerpt: '',
        url: `/people/${user.accountId}`,
        breadcrumbs: [],
        entityType: 'user',
        iconCssClass: 'aui-icon content-type-profile',
        lastModified: now,
        score: 0,
      })),
      start,
      limit,
      size: page.length,
      totalSize: users.length,
      cqlQuery: cql,
      searchDuration: Math.round(performance.now() - startedAt),
      _links: links,
    };
  });
}

const TOKEN = /\s*(?:(\()|(\))|(,)|(!=|!~|=|~)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s()=!~,"']+))/y;

type Clause = (user: User) => boolean;

/** Compile `clause AND clause ...` over user fields; anything else is Confluence's "Could not parse cql". */
export function compileUserCql(cql: string): Clause {
  const tokens: { kind: string; text: string }[] = [];
  TOKEN.lastIndex = 0;
  for (let at = 0; at < cql.length && cql.slice(at).trim(); at = TOKEN.lastIndex) {
    const m = TOKEN.exec(cql);
    if (!m) throw badRequest(`Could not parse cql : ${cql}`);
    const kind = m[1] ? '(' : m[2] ? ')' : m[3] ? ',' : m[4] ? 'op' : m[5] !== undefined || m[6] !== undefined ? 'str' : 'word';
    tokens.push({ kind, text: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7]).replace(/\\(.)/g, '$1') });
  }
  const fail = (): never => {
    throw badRequest(`Could not parse cql : ${cql}`);
  };
  const clauses: Clause[] = [];
  let i = 0;
  const value = () => {
    const t = tokens[i++];
    if (!t || (t.kind !== 'str' && t.kind !== 'word')) return fail();
    return t.text;
  };
  while (i < tokens.length) {
    if (clauses.length) {
      if (tokens[i]?.text.toLowerCase() !== 'and') fail();
      i++;
    }
    const field = tokens[i++]?.text.toLowerCase();
    let op = tokens[i++]?.text.toLowerCase();
    if (op === 'not' && tokens[i]?.text.toLowerCase() === 'in') {
      op = 'not in';
      i++;
    }
    let values: string[];
    if (op === 'in' || op === 'not in') {
      if (tokens[i++]?.kind !== '(') fail();
      values = [value()];
      while (tokens[i]?.kind === ',') {
        i++;
        values.push(value());
      }
      if (tokens[i++]?.kind !== ')') fail();
    } else values = [value()];
    clauses.push(userClause(field, op, values) ?? fail());
  }
  if (!clauses.length) fail();
  return (user) => clauses.every((clause) => clause(user));
}

function userClause(field: string | undefined, op: string | undefined, values: string[]): Clause | undefined {
  const negate = op === '!=' || op === '!~' || op === 'not in';
  const wrap = (test: Clause): Clause => (negate ? (u) => !test(u) : test);
  if (field === 'type' && (op === '=' || op === '!=')) return wrap(() => values[0].toLowerCase() === 'user');
  if ((field === 'user' || field === 'user.accountid') && op && ['=', '!=', 'in', 'not in'].includes(op)) return wrap((u) => values.includes(u.accountId));
  if (field === 'user.fullname' && (op === '~' || op === '!~')) {
    const term = values[0].toLowerCase().replace(/\*$/, '');
    return wrap((u) => u.displayName.toLowerCase().split(/\s+/).some((word) => word.startsWith(term)) || u.displayName.toLowerCase().startsWith(term));
  }
  return undefined;
}
