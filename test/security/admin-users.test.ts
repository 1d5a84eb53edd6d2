/**
 * The administrator's user management through HTTP (issue 12): every change audited, only
 * the administrator, the rules of `veta user add`, a deactivated user locked out at once.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { testDb } from '../db.ts';
import { address, HOST, logIn, newUser, ORIGIN } from '../hardening/session.ts';
import { authHeaders, testServer } from '../http.ts';
import { createApiToken } from '../../src/platform/auth/auth.ts';

const app = await testServer();
const db = await testDb();
const admin = await logIn(app, 'admin');
const GOOD_PASSWORD = 'ladera-verde-ichu-2031';

const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, cookies: admin.cookies, headers: { ...admin.headers, 'x-csrf-token': admin.csrf }, ...(payload ? { payload } : {}) });
const login = (username: string, password: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: address(),
    headers: { host: HOST, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    payload: { username, password },
  });
const uniqueName = (): string => `u-${randomBytes(4).toString('hex')}`;

async function auditOf(id: number) {
  const { rows } = await db.query<{ action: string; actor: string; before: unknown; after: unknown }>(
    "SELECT action, actor, before, after FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND action LIKE 'user.%' ORDER BY seq",
    [String(id)],
  );
  const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  return rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
}

interface User {
  id: number;
  username: string;
  role: string;
  region: string | null;
  ruc: string | null;
  active: boolean;
  activeTokens: number;
  sessions: number;
}

async function create(body: Record<string, unknown>) {
  const res = await asAdmin('POST', '/api/admin/users', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ user: User; password?: string }>();
}

describe('creating users', () => {
  test('a generated one-time password is answered once, works, and is not in the audit', async () => {
    const username = uniqueName();
    const { user, password } = await create({ username, displayName: 'DREM Cusco', role: 'regional', region: '08' });
    expect(user).toMatchObject({ username, role: 'regional', region: '08', active: true });
    expect(password).toMatch(/^[\w-]{20}$/);
    expect((await login(username, password!)).statusCode).toBe(200);
    const audit = await auditOf(user.id);
    expect(audit).toMatchObject([{ action: 'user.add', actor: admin.username, after: { username, role: 'regional', region: '08', passwordGenerated: true } }]);
    expect(JSON.stringify(audit)).not.toContain(password!);
  });

  test('the rules of `veta user add`: one code per field at fault, nothing created', async () => {
    const username = uniqueName();
    const res = await asAdmin('POST', '/api/admin/users', { username, role: 'regional', region: '99', password: 'short' });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; errors: { path: string; code: string }[] }>();
    expect(body.code).toBe('user.invalid');
    expect(body.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['password.too_short', 'region.invalid']));
    const miner = await asAdmin('POST', '/api/admin/users', { username, role: 'miner', ruc: '20100000000', password: GOOD_PASSWORD });
    expect(miner.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toEqual(['ruc.invalid']);
    expect((await asAdmin('GET', `/api/admin/users?q=${username}`)).json<{ total: number }>().total).toBe(0);
  });

  test('a taken username is a conflict', async () => {
    const { user } = await create({ username: uniqueName(), role: 'auditor', password: GOOD_PASSWORD });
    const res = await asAdmin('POST', '/api/admin/users', { username: user.username, role: 'auditor', password: GOOD_PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('user.exists');
  });
});

describe('changing users', () => {
  test('a change of role and region is audited before/after and ends their sessions', async () => {
    const u = await newUser('regional', '21');
    await login(u.username, u.password);
    const res = await asAdmin('PATCH', `/api/admin/users/${u.userId}`, { role: 'regional', region: '04' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>()).toMatchObject({ region: '04', sessions: 0 });
    const audit = await auditOf(u.userId);
    expect(audit.at(-1)).toMatchObject({ action: 'user.update', before: { region: '21' }, after: { region: '04' } });
    const bad = await asAdmin('PATCH', `/api/admin/users/${u.userId}`, { role: 'miner' });
    expect(bad.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toEqual(['ruc.required']);
  });

  test('filters: role, region, state, name', async () => {
    const { user } = await create({ username: uniqueName(), role: 'surveyor', region: '03', password: GOOD_PASSWORD });
    const list = (q: string) => asAdmin('GET', `/api/admin/users?${q}`).then((r) => r.json<{ items: User[] }>().items.map((x) => x.username));
    expect(await list(`role=surveyor&region=03&q=${user.username}`)).toEqual([user.username]);
    expect(await list(`role=auditor&q=${user.username}`)).toEqual([]);
    expect(await list(`active=false&q=${user.username}`)).toEqual([]);
  });
});

describe('deactivation', () => {
  test('a deactivated user cannot log in, their session and tokens die; reactivation does not revive the tokens', async () => {
    const u = await newUser('national');
    const s = await login(u.username, u.password);
    const cookie = Object.fromEntries(s.cookies.map((c) => [c.name, c.value]));
    const token = await createApiToken(db, u.userId, 'etl');
    const res = await asAdmin('POST', `/api/admin/users/${u.userId}/deactivate`, { reason: 'dejó la DGFM' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>()).toMatchObject({ active: false, sessions: 0, activeTokens: 0 });
    expect((await login(u.username, u.password)).statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: cookie });
    expect(me.json<{ role: string }>().role).toBe('public');
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const back = await asAdmin('POST', `/api/admin/users/${u.userId}/reactivate`, { reason: 'volvió' });
    expect(back.json<User>()).toMatchObject({ active: true, activeTokens: 0 });
    expect((await login(u.username, u.password)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const actions = (await auditOf(u.userId)).map((a) => a.action);
    expect(actions.slice(-2)).toEqual(['user.deactivate', 'user.reactivate']);
    const { rows } = await db.query("SELECT 1 FROM audit_log WHERE action = 'auth.token_revoked' AND after->>'username' = $1", [u.username]);
    expect(rows).toHaveLength(1);
  });

  test('an administrator cannot deactivate themselves', async () => {
    const res = await asAdmin('POST', `/api/admin/users/${admin.userId}/deactivate`, { reason: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('user.deactivate_self');
  });
});

describe('password reset', () => {
  test('generated: the old password stops working, the one-time one works; audited without it', async () => {
    const u = await newUser('auditor');
    const res = await asAdmin('POST', `/api/admin/users/${u.userId}/password`, { mode: 'generate' });
    expect(res.statusCode, res.body).toBe(200);
    const { password } = res.json<{ password: string }>();
    expect((await login(u.username, u.password)).statusCode).toBe(401);
    expect((await login(u.username, password)).statusCode).toBe(200);
    const audit = await auditOf(u.userId);
    expect(audit.at(-1)).toMatchObject({ action: 'user.password_reset', after: { generated: true } });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  test('set: checked like a new account', async () => {
    const u = await newUser('auditor');
    const weak = await asAdmin('POST', `/api/admin/users/${u.userId}/password`, { mode: 'set', password: `${u.username}-123456789` });
    expect(weak.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toContain('password.contains_username');
    const ok = await asAdmin('POST', `/api/admin/users/${u.userId}/password`, { mode: 'set', password: GOOD_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ password?: string }>().password).toBeUndefined();
    expect((await login(u.username, GOOD_PASSWORD)).statusCode).toBe(200);
  });
});

describe('who may', () => {
  test.each(['regional', 'national', 'auditor', 'miner'] as const)('%s is refused every admin route', async (role) => {
    const headers = await authHeaders(role);
    const target = await newUser('auditor');
    for (const [method, url, payload] of [
      ['GET', '/api/admin/users', undefined],
      ['POST', '/api/admin/users', { username: uniqueName(), role: 'admin', password: GOOD_PASSWORD }],
      ['POST', `/api/admin/users/${target.userId}/deactivate`, { reason: 'x' }],
      ['POST', `/api/admin/users/${target.userId}/password`, { mode: 'generate' }],
    ] as const) {
      const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
    }
    expect((await login(target.username, target.password)).statusCode).toBe(200);
  });

  test("a session's write without the CSRF token is refused", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      cookies: admin.cookies,
      headers: admin.headers,
      payload: { username: uniqueName(), role: 'auditor' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('csrf.token');
  });

  test("the permissions answer is the route table's for the role", async () => {
    const of = async (role: 'auditor' | 'admin' | 'public') =>
      (await app.inject({ method: 'GET', url: '/api/auth/permissions', headers: await authHeaders(role) })).json<{ operations: string[] }>().operations;
    const auditor = await of('auditor');
    const adminOps = await of('admin');
    expect(adminOps).toContain('POST /api/admin/users');
    expect(auditor).not.toContain('POST /api/admin/users');
    expect(auditor).toContain('GET /api/audit');
    expect(await of('public')).not.toContain('GET /api/audit');
    const table = app.routeTable.filter((r) => r.access.includes('public') || r.access.includes('auditor')).map((r) => `${r.method} ${r.url}`);
    expect(auditor.sort()).toEqual(table.sort());
  });
});
