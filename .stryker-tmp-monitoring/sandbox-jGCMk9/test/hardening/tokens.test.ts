/**
 * API tokens expire, are listed and revoked (each audited), issuing one is audited (issue
 * 11), and a token minted from a browser session dies with that session's logout.
 */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import { actorFromApiToken } from '../../src/platform/auth/auth.ts';
import { issueApiToken, TOKEN_DEFAULT_DAYS } from '../../src/platform/auth/tokens.ts';
import { testDb } from '../db.ts';
import { actor } from '../factories.ts';
import { authHeaders, testServer } from '../http.ts';
import { logIn, newUser } from './session.ts';

const app = await testServer();
const db = await testDb();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }).then((r) => r.json<{ role: string; username: string }>());

async function auditRows(entityId: string | number) {
  const { rows } = await db.query<{ action: string; actor: string; after: unknown }>(
    `SELECT action, actor, after FROM audit_log WHERE entity = 'api_token' AND entity_id = $1 ORDER BY seq`,
    [String(entityId)],
  );
  return rows.map((r) => ({ ...r, after: (typeof r.after === 'string' ? JSON.parse(r.after) : r.after) as Record<string, unknown> }));
}

describe('issuing', () => {
  test('a token is issued for 90 days by default, audited without its value', async () => {
    const s = await logIn(app);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      cookies: s.cookies,
      headers: { ...s.headers, 'x-csrf-token': s.csrf },
      payload: { name: 'etl' },
    });
    expect(res.statusCode).toBe(201);
    const { id, token, expiresAt } = res.json<{ id: number; token: string; expiresAt: string }>();
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(TOKEN_DEFAULT_DAYS - 0.01);
    expect(days).toBeLessThan(TOKEN_DEFAULT_DAYS + 0.01);
    expect((await me(token)).username).toBe(s.username);
    const audit = await auditRows(id);
    expect(audit).toMatchObject([{ action: 'auth.token_issued', actor: s.username, after: { username: s.username, name: 'etl', fromSession: true } }]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  test('an expired token is refused', async () => {
    const u = await newUser('national');
    const long = new Date(Date.now() - 31 * 86_400_000);
    const { token } = await db.transaction((tx) =>
      issueApiToken(tx, actor('admin'), { userId: u.userId, username: u.username, name: 'old', days: 30, now: long }),
    );
    expect(await actorFromApiToken(db, token)).toBeNull();
    expect((await me(token)).role).toBe('public');
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: bearer(token) })).statusCode).toBe(401);
  });
});

describe('listing and revoking', () => {
  test('a user lists their tokens (never their values) and revokes one: it is refused from then on', async () => {
    const s = await logIn(app, 'national');
    const write = { ...s.headers, 'x-csrf-token': s.csrf };
    const a = (await app.inject({ method: 'POST', url: '/api/auth/tokens', cookies: s.cookies, headers: write, payload: { name: 'a' } })).json<{
      id: number;
      token: string;
    }>();
    const b = (await app.inject({ method: 'POST', url: '/api/auth/tokens', cookies: s.cookies, headers: write, payload: { name: 'b', days: 7 } })).json<{
      id: number;
      token: string;
    }>();
    const list = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer(a.token) });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ id: number; name: string; active: boolean }[]>().map((t) => [t.id, t.name, t.active])).toEqual([
      [b.id, 'b', true],
      [a.id, 'a', true],
    ]);
    expect(list.body).not.toContain(a.token);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${b.id}`, headers: bearer(a.token) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: b.id, active: false, revokedReason: 'revoked by its user' });
    expect((await me(b.token)).role).toBe('public');
    expect((await me(a.token)).username).toBe(s.username);
    expect((await auditRows(b.id)).map((r) => r.action)).toEqual(['auth.token_issued', 'auth.token_revoked']);
  });

  test("another user's token is not found by a non-administrator; an administrator lists and revokes it", async () => {
    const owner = await logIn(app, 'regional');
    const t = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        cookies: owner.cookies,
        headers: { ...owner.headers, 'x-csrf-token': owner.csrf },
        payload: { name: 'x' },
      })
    ).json<{ id: number; token: string }>();
    const national = await authHeaders('national');
    expect((await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${t.id}`, headers: national })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/auth/tokens?username=${owner.username}`, headers: national })).statusCode).toBe(403);
    const admin = await authHeaders('admin');
    const listed = await app.inject({ method: 'GET', url: `/api/auth/tokens?username=${owner.username}`, headers: admin });
    expect(listed.json<{ id: number }[]>().map((x) => x.id)).toEqual([t.id]);
    const res = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${t.id}`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect((await me(t.token)).role).toBe('public');
  });
});

test("a token minted by a session (and one minted with that token) dies with the session's logout; others live", async () => {
  const s = await logIn(app, 'regional');
  const write = { ...s.headers, 'x-csrf-token': s.csrf };
  const minted = (await app.inject({ method: 'POST', url: '/api/auth/tokens', cookies: s.cookies, headers: write, payload: { name: 'from-session' } })).json<{
    id: number;
    token: string;
  }>();
  const child = (await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(minted.token), payload: { name: 'child' } })).json<{
    id: number;
    token: string;
  }>();
  const other = await logIn(app, 'regional');
  const elsewhere = (
    await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      cookies: other.cookies,
      headers: { ...other.headers, 'x-csrf-token': other.csrf },
      payload: { name: 'y' },
    })
  ).json<{ token: string }>();
  expect((await me(minted.token)).username).toBe(s.username);

  expect((await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: s.cookies, headers: write })).statusCode).toBe(204);
  expect((await me(minted.token)).role).toBe('public');
  expect((await me(child.token)).role).toBe('public');
  expect((await me(elsewhere.token)).username).toBe(other.username);
  const audit = await auditRows([minted.id, child.id].sort((x, y) => x - y).join(','));
  expect(audit).toMatchObject([{ action: 'auth.token_revoked', after: { reason: 'logout' } }]);
});
