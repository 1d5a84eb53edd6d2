/** /api/admin/users…: the administrator's user management (audited; CSRF like every write of a session). */
import { z } from 'zod';
import { ROLES, type Role } from '../context.ts';
import type { AppDeps, ZodApp } from '../http/app.ts';
import { PASSWORD_MAX } from './user-policy.ts';
import { addUser, deactivateUser, findUsers, getUser, reactivateUser, resetPassword, updateUser, type UserRole } from './users.service.ts';

const USER_ROLES = ROLES.filter((r): r is UserRole => r !== 'public') as [UserRole, ...UserRole[]];
const ADMIN: readonly Role[] = ['admin'];

const adminUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  region: z.string().nullable(),
  ruc: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  activeTokens: z.number(),
  sessions: z.number(),
});

const withPassword = z.object({ user: adminUser, password: z.string().optional().describe('the generated one-time password, answered once') });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const reasonBody = z.object({ reason: z.string().trim().min(1).max(500) });
// Values are checked by the account rules (user-policy.ts), which answer a code per field.
const region = z.string().max(2).nullable().optional();
const ruc = z.string().max(11).nullable().optional();

export function adminUserRoutes(app: ZodApp, deps: AppDeps): void {
  const { db } = deps;

  app.get('/api/admin/users', {
    config: { access: ADMIN },
    schema: {
      tags: ['admin'],
      summary: 'Users with their role, region, RUC, state, live tokens and sessions; filtered by role, region, state and name',
      querystring: z.object({
        role: z.enum(USER_ROLES).optional(),
        region: z
          .string()
          .regex(/^\d{2}$/)
          .optional(),
        active: z.enum(['true', 'false']).optional(),
        q: z.string().trim().max(100).optional(),
      }),
      response: { 200: z.object({ total: z.number(), items: z.array(adminUser) }) },
    },
    handler: async (req) => {
      const q = req.query;
      const items = await findUsers(db, {
        role: q.role,
        region: q.region,
        active: q.active === undefined ? undefined : q.active === 'true',
        q: q.q || undefined,
      });
      return { total: items.length, items };
    },
  });

  app.post('/api/admin/users', {
    config: { access: ADMIN },
    schema: {
      tags: ['admin'],
      summary: 'Create a user (the rules of `veta user add`); without a password, a one-time password is generated and answered once; audited',
      body: z.object({
        username: z.string().min(1).max(64),
        displayName: z.string().max(200).optional(),
        role: z.enum(USER_ROLES),
        region,
        ruc,
        password: z
          .string()
          .max(PASSWORD_MAX * 4)
          .optional(),
      }),
      response: { 201: withPassword },
    },
    handler: async (req, reply) => reply.status(201).send(await addUser(db, req.actor, req.body)),
  });

  app.get('/api/admin/users/:id', {
    config: { access: ADMIN },
    schema: { tags: ['admin'], summary: 'One user', params: idParams, response: { 200: adminUser } },
    handler: (req) => getUser(db, req.params.id),
  });

  app.patch('/api/admin/users/:id', {
    config: { access: ADMIN },
    schema: {
      tags: ['admin'],
      summary: "Change a user's display name, role, region or RUC (checked against the role's needs); a change of scope ends their sessions; audited",
      params: idParams,
      body: z
        .object({ displayName: z.string().max(200).optional(), role: z.enum(USER_ROLES).optional(), region, ruc })
        .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' }),
      response: { 200: adminUser },
    },
    handler: (req) => updateUser(db, req.actor, req.params.id, req.body),
  });

  app.post('/api/admin/users/:id/deactivate', {
    config: { access: ADMIN },
    schema: {
      tags: ['admin'],
      summary: 'Deactivate a user: no more logins, their sessions end and their tokens are revoked; audited with the reason',
      params: idParams,
      body: reasonBody,
      response: { 200: adminUser },
    },
    handler: (req) => deactivateUser(db, req.actor, req.params.id, req.body.reason),
  });

  app.post('/api/admin/users/:id/reactivate', {
    config: { access: ADMIN },
    schema: {
      tags: ['admin'],
      summary: 'Reactivate a user (revoked tokens stay revoked); audited with the reason',
      params: idParams,
      body: reasonBody,
      response: { 200: adminUser },
    },
    handler: (req) => reactivateUser(db, req.actor, req.params.id, req.body.reason),
  });

  app.post('/api/admin/users/:id/password', {
    config: { access: ADMIN },
    schema: {
      tags: ['admin'],
      summary: "Reset a password: set one (checked like a new account's) or generate a one-time one, answered once; their sessions end; audited",
      params: idParams,
      body: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('generate') }),
        z.object({ mode: z.literal('set'), password: z.string().max(PASSWORD_MAX * 4) }),
      ]),
      response: { 200: withPassword },
    },
    handler: (req) => resetPassword(db, req.actor, req.params.id, req.body.mode === 'set' ? req.body.password : undefined),
  });
}
