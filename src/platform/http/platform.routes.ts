import { z } from 'zod';
import { verifyAudit } from '../audit/audit.ts';
import { createApiToken, login, logout, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/auth.ts';
import { ROLES, withActor } from '../context.ts';
import { getJob } from '../jobs/jobs.ts';
import type { RouteModule } from './app.ts';
import { HttpProblem, notFound } from './problem.ts';

const ALL_USERS = ['miner', 'regional', 'national', 'auditor', 'admin'] as const;

const me = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  region: z.string().nullable(),
  ruc: z.string().nullable(),
});

const auditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

export const platformRoutes: RouteModule = (app, { db }) => {
  app.get('/api/health', {
    config: { access: ['public'] },
    schema: { tags: ['platform'], summary: 'Liveness and database check', response: { 200: z.object({ status: z.literal('ok'), engine: z.string() }) } },
    handler: async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const, engine: db.engine };
    },
  });

  app.get('/api/openapi.json', {
    config: { access: ['public'] },
    schema: { hide: true },
    handler: () => app.swagger(),
  });

  app.post('/api/auth/login', {
    config: { access: ['public'] },
    schema: {
      tags: ['auth'],
      summary: 'Log in; sets an HttpOnly session cookie',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: me },
    },
    handler: async (req, reply) => {
      const session = await login(db, req.body.username, req.body.password);
      if (!session) throw new HttpProblem(401, 'Unauthorized', 'Wrong username or password.');
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: req.protocol === 'https',
        maxAge: SESSION_TTL_MS / 1000,
      });
      const a = session.actor;
      return { username: a.username, role: a.role, region: a.region, ruc: a.ruc };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: ALL_USERS },
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(db, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/auth/me', {
    config: { access: ['public'] },
    schema: { tags: ['auth'], summary: 'Who the request acts as (public when not logged in)', response: { 200: me } },
    handler: (req) => ({ username: req.actor.username, role: req.actor.role, region: req.actor.region, ruc: req.actor.ruc }),
  });

  app.post('/api/auth/tokens', {
    config: { access: ALL_USERS },
    schema: {
      tags: ['auth'],
      summary: 'Issue a bearer API token for the logged-in user (shown once)',
      body: z.object({ name: z.string().min(1).max(100) }),
      response: { 201: z.object({ token: z.string() }) },
    },
    handler: async (req, reply) => {
      const token = await createApiToken(db, req.actor.userId!, req.body.name);
      return reply.status(201).send({ token });
    },
  });

  app.get('/api/audit', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['audit'],
      summary: 'Audit entries you may see (regional officials: their region)',
      querystring: z.object({
        entity: z.string().optional(),
        entityId: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.array(auditEntry) },
    },
    handler: (req) =>
      withActor(db, req.actor, async (tx) => {
        const { rows } = await tx.query<Record<string, unknown>>(
          `SELECT * FROM audit_log WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2)
           ORDER BY seq DESC LIMIT $3`,
          [req.query.entity ?? null, req.query.entityId ?? null, req.query.limit],
        );
        return rows.map((r) => ({
          seq: Number(r['seq']),
          at: new Date(r['at'] as string).toISOString(),
          actor: String(r['actor']),
          actorRole: String(r['actor_role']),
          action: String(r['action']),
          entity: String(r['entity']),
          entityId: (r['entity_id'] as string | null) ?? null,
          regionCode: (r['region_code'] as string | null)?.trim() ?? null,
          before: r['before'] ?? null,
          after: r['after'] ?? null,
          hash: String(r['hash']),
        }));
      }),
  });

  app.get('/api/audit/verify', {
    config: { access: ['national', 'auditor', 'admin'] },
    schema: {
      tags: ['audit'],
      summary: 'Verify the audit hash chain',
      response: {
        200: z.object({ ok: z.boolean(), entries: z.number(), head: z.string(), broken: z.object({ seq: z.number(), reason: z.string() }).optional() }),
      },
    },
    handler: (req) => withActor(db, req.actor, (tx) => verifyAudit(tx)),
  });

  app.get('/api/jobs/:id', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['platform'],
      summary: 'Progress and result of a background job',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: {
        200: z.object({
          id: z.number(),
          kind: z.string(),
          status: z.enum(['queued', 'running', 'done', 'failed']),
          processed: z.number(),
          total: z.number().nullable(),
          result: z.unknown(),
        }),
      },
    },
    handler: async (req) => {
      const job = await getJob(db, req.params.id, req.actor);
      if (!job) throw notFound(`Job ${req.params.id}`);
      return job;
    },
  });
};
