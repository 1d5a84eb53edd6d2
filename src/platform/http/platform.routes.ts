import { z } from 'zod';
import { auditHead, listAudit, verifyAudit } from '../audit/audit.ts';
import { SESSION_COOKIE, sha256 } from '../auth/auth.ts';
import { authRoutes, me } from '../auth/auth.routes.ts';
import { CSRF_HEADER } from '../auth/request-guards.ts';
import { withActor } from '../context.ts';
import { getJob } from '../jobs/jobs.ts';
import type { RouteModule } from './app.ts';
import { notFound } from './problem.ts';
import { isoDateSchema } from '../../kernel/date.schema.ts';
import { getDataAsOf } from '../time.ts';

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

/** How long /api/health waits for the database before saying it is busy. */
const HEALTH_DB_WAIT_MS = 1000;

export const platformRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  app.get('/api/health', {
    config: { access: ['public'] },
    schema: {
      tags: ['platform'],
      summary: 'Liveness and database check',
      description:
        'database is "busy" when the database did not answer within a second: the embedded database has one session, ' +
        'which an import holds until it commits (all or nothing); the server itself is alive.',
      response: { 200: z.object({ status: z.literal('ok'), engine: z.string(), database: z.enum(['ok', 'busy']) }) },
    },
    handler: async () => {
      let timer: NodeJS.Timeout | undefined;
      const busy = new Promise<'busy'>((resolve) => {
        timer = setTimeout(() => resolve('busy'), HEALTH_DB_WAIT_MS);
      });
      const probe = db.query('SELECT 1').then(() => 'ok' as const);
      probe.catch(() => undefined);
      const database = await Promise.race([probe, busy]).finally(() => clearTimeout(timer));
      return { status: 'ok' as const, engine: db.engine, database };
    },
  });

  app.get('/api/public/data-as-of', {
    config: { access: ['public'] },
    schema: {
      tags: ['platform'],
      summary: 'The date the records stop at, for a database that stops at one (the demo); null for a live database',
      description: 'When set, deadlines, stalled steps and "today" are computed as of that date, and the app shows it on every page.',
      response: { 200: z.object({ dataAsOf: isoDateSchema.nullable() }) },
    },
    handler: () => ({ dataAsOf: getDataAsOf() }),
  });

  app.get('/api/openapi.json', {
    config: { access: ['public'] },
    schema: { hide: true },
    handler: () => app.swagger(),
  });

  authRoutes(app, deps);

  app.get('/api/auth/me', {
    config: { access: ['public'] },
    schema: { tags: ['auth'], summary: 'Who the request acts as (public when not logged in)', response: { 200: me } },
    handler: (req, reply) => {
      const session = req.cookies[SESSION_COOKIE];
      if (req.auth.via === 'session' && session)
        void reply.header(CSRF_HEADER, reply.generateCsrf({ userInfo: sha256(session), secure: req.protocol === 'https' }));
      return { username: req.actor.username, role: req.actor.role, region: req.actor.region, ruc: req.actor.ruc };
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
        return listAudit(tx, { entity: req.query.entity ?? null, entityId: req.query.entityId ?? null, limit: req.query.limit });
      }),
  });

  app.get('/api/public/audit/head', {
    config: { access: ['public'] },
    schema: {
      tags: ['public', 'audit'],
      summary: "The audit chain's newest entry (seq, hash, time): keep it outside Veta to prove later that nothing after it was removed",
      response: { 200: z.object({ seq: z.number(), hash: z.string(), at: z.string().nullable() }) },
    },
    handler: () => auditHead(db),
  });

  app.get('/api/audit/verify', {
    config: { access: ['national', 'auditor', 'admin'] },
    schema: {
      tags: ['audit'],
      summary: 'Verify the audit hash chain: every broken link, with the seq range missing before it when entries were deleted',
      response: {
        200: z.object({
          ok: z.boolean(),
          entries: z.number(),
          head: z.string(),
          headSeq: z.number(),
          broken: z.object({ seq: z.number(), reason: z.string() }).optional(),
          problems: z.array(z.object({ seq: z.number(), reason: z.string(), missing: z.object({ from: z.number(), to: z.number() }).optional() })).optional(),
        }),
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
          status: z.enum(['queued', 'running', 'done', 'failed', 'interrupted']),
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
