/** `POST /api/auth/register`, `POST /api/auth/login`, and `authenticate`, the bearer-token check of every other route. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../context';
import { ApiError, ErrorBody, unauthorized } from '../errors';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../passwords';
import { LoginBody, RegisterBody, TokenBody, UserBody } from '../schemas';

/** The OpenAPI `security` of routes that need a token. */
export const BEARER = [{ bearer: [] }];

/**
 * A preHandler: the request's user from its bearer token, or 401. A token of a deleted account is refused too.
 * The request's logger gains `user_id`.
 */
export function authenticator(deps: ApiDeps) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i.exec(header);
    if (!match) throw unauthorized();
    const userId = await deps.tokens.verify(match[1]);
    if (!userId || !(await deps.store.getUser(userId))) throw unauthorized('the bearer token is invalid or expired');
    request.userId = userId;
    request.logger = request.logger.child({ user_id: userId });
  };
}

/** The authenticated user id (routes behind `authenticate` only). */
export function userOf(request: FastifyRequest): string {
  if (!request.userId) throw unauthorized();
  return request.userId;
}

export function registerAuthRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        description: 'The password is stored as a salted scrypt hash and never returned. 409 when the username or the email is taken.',
        body: RegisterBody,
        response: { 201: UserBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, email, password } = request.body;
      const passwordHash = await hashPassword(password);
      const user = await deps.store.createUser({ username, email: email.toLowerCase(), passwordHash });
      request.logger.info('account created', { user_id: user.id });
      return reply.status(201).send({ id: user.id, username: user.username, email: user.email, created_at: new Date(user.createdAt).toISOString() });
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Get an access token',
        description: 'A signed bearer token (JWT) for the other routes. 401 does not say whether the username or the password was wrong. After 5 failures in 15 minutes for one username from one address: 429 with Retry-After.',
        body: LoginBody,
        response: { 200: TokenBody, 401: ErrorBody, 422: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      const key = `${username.toLowerCase()}\u0000${request.ip}`;
      const waitMs = deps.loginLimiter.retryAfterMs(key);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new ApiError(429, 'rate_limited', `too many failed sign-ins; try again in ${seconds} s`, undefined, { 'retry-after': String(seconds) });
      }
      const user = await deps.store.findUserByUsername(username);
      const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
      if (!user || !ok) {
        deps.loginLimiter.recordFailure(key);
        request.logger.warn('sign-in refused', {});
        throw new ApiError(401, 'unauthorized', 'invalid username or password');
      }
      deps.loginLimiter.reset(key);
      const { token, expiresIn } = await deps.tokens.issue(user.id);
      request.logger.info('signed in', { user_id: user.id });
      return { access_token: token, token_type: 'bearer' as const, expires_in: expiresIn };
    },
  );
}
