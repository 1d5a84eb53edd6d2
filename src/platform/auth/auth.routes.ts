/** Login, logout, the CSRF token of the session, and API tokens (issue, list, revoke). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, type Actor } from '../context.ts';
import type { AppDeps, RouteInfo, ZodApp } from '../http/app.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { logout, SESSION_COOKIE, SESSION_TTL_MS, sha256 } from './auth.ts';
import { attemptLogin } from './login-throttle.ts';
import { CSRF_HEADER } from './request-guards.ts';
import {
  getApiToken,
  issueApiToken,
  listApiTokens,
  revokeApiToken,
  revokeSessionTokens,
  sessionOfToken,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
  userIdByName,
} from './tokens.ts';
import { adminUserRoutes } from './users.routes.ts';

/** Every role a user can have (everyone but the public). */
export const ALL_USERS = ROLES.filter((r) => r !== 'public');

export const me = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  region: z.string().nullable(),
  ruc: z.string().nullable(),
});

const tokenInfo = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  fromSession: z.boolean(),
  active: z.boolean(),
});

/** The operations of the route table a role passes ('public' routes: everyone's). */
export function permittedOperations(app: ZodApp, role: Actor['role']): string[] {
  const table = (app as unknown as { routeTable?: RouteInfo[] }).routeTable ?? [];
  return table.filter((r) => r.access.includes('public') || r.access.includes(role)).map((r) => `${r.method} ${r.url}`);
}

const secure = (req: FastifyRequest): boolean => req.protocol === 'https';

/** A CSRF token for the session the request carries (or is about to carry: `sessionToken`). */
const csrfFor = (reply: FastifyReply, sessionToken: string): string => reply.generateCsrf({ userInfo: sha256(sessionToken), secure: secure(reply.request) });

const sameActorOrAdmin = (actor: Actor, username: string): boolean => actor.username === username || actor.role === 'admin';

export function authRoutes(app: ZodApp, deps: AppDeps): void {
  const { db } = deps;
  const limit = deps.loginRateLimit ?? { max: 30, timeWindowMs: 60_000 };

  app.post('/api/auth/login', {
    config: { access: ['public'], rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } },
    schema: {
      tags: ['auth'],
      summary: 'Log in; sets an HttpOnly SameSite=Strict session cookie and answers the CSRF token in X-CSRF-Token',
      description: 'Failed tries are limited per account and per address with a growing delay: 429 with Retry-After while locked.',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: me },
    },
    handler: async (req, reply) => {
      const attempt = await attemptLogin(db, req.body.username, req.body.password, req.ip);
      if (attempt.kind === 'locked') {
        void reply.header('retry-after', String(attempt.retryAfterSeconds));
        throw new HttpProblem(429, 'Too Many Requests', `Too many failed logins: try again in ${attempt.retryAfterSeconds} s.`, {
          code: 'auth.locked',
          params: { retryAfterSeconds: attempt.retryAfterSeconds },
        });
      }
      if (attempt.kind === 'wrong') throw new HttpProblem(401, 'Unauthorized', 'Wrong username or password.', { code: 'auth.wrong' });
      void reply.setCookie(SESSION_COOKIE, attempt.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: secure(req),
        maxAge: SESSION_TTL_MS / 1000,
      });
      void reply.header(CSRF_HEADER, csrfFor(reply, attempt.token));
      const a = attempt.actor;
      return { username: a.username, role: a.role, region: a.region, ruc: a.ruc };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: ALL_USERS },
    schema: { tags: ['auth'], summary: 'End the session; the API tokens it minted are revoked with it', response: { 204: z.null() } },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token && req.auth.via === 'session') {
        await db.transaction(async (tx) => {
          await revokeSessionTokens(tx, req.actor, sha256(token));
          await logout(tx, token);
        });
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/auth/csrf', {
    config: { access: ALL_USERS },
    schema: {
      tags: ['auth'],
      summary: "The session's CSRF token, to send in X-CSRF-Token with every state-changing request",
      response: { 200: z.object({ token: z.string() }) },
    },
    handler: (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (req.auth.via !== 'session' || !token)
        throw new HttpProblem(400, 'Bad Request', 'Only a browser session needs a CSRF token.', { code: 'csrf.no_session' });
      return { token: csrfFor(reply, token) };
    },
  });

  app.post('/api/auth/tokens', {
    config: { access: ALL_USERS },
    schema: {
      tags: ['auth'],
      summary: "Issue a bearer API token for the caller (shown once; audited). From a browser session, the session's logout revokes it",
      body: z.object({ name: z.string().min(1).max(100), days: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS) }),
      response: { 201: z.object({ id: z.number(), token: z.string(), expiresAt: z.string() }) },
    },
    handler: async (req, reply) => {
      const a = req.actor;
      const sessionToken = req.cookies[SESSION_COOKIE];
      const sessionHash = req.auth.via === 'session' && sessionToken ? sha256(sessionToken) : await parentSession(req);
      const issued = await db.transaction((tx) =>
        issueApiToken(tx, a, { userId: a.userId!, username: a.username, regionCode: a.region, name: req.body.name, days: req.body.days, sessionHash }),
      );
      return reply.status(201).send(issued);
    },
  });

  app.get('/api/auth/tokens', {
    config: { access: ALL_USERS },
    schema: {
      tags: ['auth'],
      summary: "API tokens of the caller (an administrator: of any user with ?username=); never the tokens' values",
      querystring: z.object({ username: z.string().min(1).max(100).optional() }),
      response: { 200: z.array(tokenInfo) },
    },
    handler: async (req) => {
      const username = req.query.username ?? req.actor.username;
      if (!sameActorOrAdmin(req.actor, username)) throw new HttpProblem(403, 'Forbidden', 'Only an administrator sees the tokens of another user.');
      const userId = await userIdByName(db, username);
      if (userId === null) throw notFound(`User ${username}`);
      return listApiTokens(db, userId);
    },
  });

  app.delete('/api/auth/tokens/:id', {
    config: { access: ALL_USERS },
    schema: {
      tags: ['auth'],
      summary: 'Revoke an API token (your own; an administrator: any); audited',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: tokenInfo },
    },
    handler: async (req) => {
      const t = await getApiToken(db, req.params.id);
      // Another user's token is "not found" to a non-administrator: ids are not revealed.
      if (!t || !sameActorOrAdmin(req.actor, t.username)) throw notFound(`Token ${req.params.id}`);
      await db.transaction((tx) =>
        revokeApiToken(tx, req.actor, t.id, req.actor.username === t.username ? 'revoked by its user' : `revoked by ${req.actor.username}`),
      );
      return (await getApiToken(db, t.id))!;
    },
  });

  app.get('/api/auth/permissions', {
    config: { access: ['public'] },
    schema: {
      tags: ['auth'],
      summary: 'What the caller\'s role may call: every route of the server\'s route table its role passes, as "METHOD /pattern"',
      description: 'The same table that authorizes each request; the web app shows a page, button or form only when its operation is listed.',
      response: { 200: z.object({ role: z.enum(ROLES), operations: z.array(z.string()) }) },
    },
    handler: (req) => ({ role: req.actor.role, operations: permittedOperations(app, req.actor.role) }),
  });

  adminUserRoutes(app, deps);

  /** A token minted with a session-minted token belongs to the same session. */
  async function parentSession(req: FastifyRequest): Promise<string | null> {
    const auth = req.headers.authorization;
    if (req.auth.via !== 'token' || !auth?.startsWith('Bearer ')) return null;
    return sessionOfToken(db, sha256(auth.slice(7).trim()));
  }
}
