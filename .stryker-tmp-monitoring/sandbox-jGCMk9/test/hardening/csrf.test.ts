/**
 * Another site's page cannot act for a logged-in official: the cross-origin upload of issue
 * 19 (`fetch(…/api/imports/reinfo, {mode: 'no-cors', credentials: 'include', body: FormData})`
 * from Chromium sends the session cookie, `Origin: <the other site>` and
 * `Sec-Fetch-Site: cross-site`, and no custom header) is refused; so is a same-origin write
 * without the session's CSRF token. Bearer-token clients are exempt from the token.
 */
// @ts-nocheck

import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { platformRoutes } from '../../src/platform/http/platform.routes.ts';
import { testDb } from '../db.ts';
import { buildReinfoRow, toCsv } from '../factories.ts';
import { authHeaders, testServer } from '../http.ts';
import { HOST, logIn } from './session.ts';

const app = await testServer();

/** A multipart body with one file field, as a browser's FormData sends it. */
function formData(csv: string): { payload: Buffer; contentType: string } {
  const boundary = `----veta${randomBytes(8).toString('hex')}`;
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="reinfo.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const upload = () => formData(toCsv([buildReinfoRow()]));

describe('the cross-origin upload of issue 19', () => {
  test('is refused: no job is started', async () => {
    const s = await logIn(app);
    const { payload, contentType } = upload();
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/reinfo',
      cookies: s.cookies,
      headers: { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'csrf.cross_site' });
    expect(res.json()).not.toHaveProperty('jobId');
  });

  test('is refused by its Origin alone when the browser sends no Sec-Fetch-Site', async () => {
    const s = await logIn(app);
    const { payload, contentType } = upload();
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/reinfo',
      cookies: s.cookies,
      headers: { host: HOST, origin: 'https://evil.example', 'x-csrf-token': s.csrf, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf.cross_site', reason: 'origin' });
  });

  test('a same-origin upload needs the session CSRF token, and then starts its job', async () => {
    const s = await logIn(app);
    const noToken = upload();
    const refused = await app.inject({
      method: 'POST',
      url: '/api/imports/reinfo',
      cookies: s.cookies,
      headers: { ...s.headers, 'content-type': noToken.contentType },
      payload: noToken.payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'csrf.token' });

    const other = await logIn(app);
    const foreign = upload();
    const wrongSession = await app.inject({
      method: 'POST',
      url: '/api/imports/reinfo',
      cookies: s.cookies,
      headers: { ...s.headers, 'x-csrf-token': other.csrf, 'content-type': foreign.contentType },
      payload: foreign.payload,
    });
    expect(wrongSession.statusCode, "another session's token").toBe(403);

    const ok = upload();
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/imports/reinfo',
      cookies: s.cookies,
      headers: { ...s.headers, 'x-csrf-token': s.csrf, 'content-type': ok.contentType },
      payload: ok.payload,
    });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toHaveProperty('jobId');
  });

  test('a bearer-token client sends no CSRF token (no ambient credential to forge)', async () => {
    const { payload, contentType } = upload();
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/reinfo',
      headers: { ...(await authHeaders('regional')), 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(202);
  });
});

describe('the session', () => {
  test('logout needs the token too, and ends the session', async () => {
    const s = await logIn(app);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: s.cookies, headers: s.headers });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', cookies: s.cookies })).json()).toMatchObject({ username: s.username });
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: s.cookies, headers: { ...s.headers, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', cookies: s.cookies })).json()).toMatchObject({ role: 'public' });
  });

  test('GET /api/auth/csrf and /api/auth/me give the session a token that works', async () => {
    const s = await logIn(app);
    const fetched = await app.inject({ method: 'GET', url: '/api/auth/csrf', cookies: s.cookies, headers: s.headers });
    expect(fetched.statusCode).toBe(200);
    const token = fetched.json<{ token: string }>().token;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: s.cookies, headers: s.headers });
    expect(me.headers['x-csrf-token']).toBeTruthy();
    for (const t of [token, String(me.headers['x-csrf-token'])]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        cookies: s.cookies,
        headers: { ...s.headers, 'x-csrf-token': t },
        payload: { name: 'x' },
      });
      expect(res.statusCode).toBe(201);
    }
  });

  test('cookies are HttpOnly and SameSite=Strict; Secure only behind a trusted TLS proxy', async () => {
    const s = await logIn(app);
    const session = s.setCookie.find((c) => c.startsWith('veta_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i);
    // Without TRUST_PROXY a client's own X-Forwarded-Proto is not believed.
    const spoofed = await logIn(app, 'regional', { 'x-forwarded-proto': 'https' });
    expect(spoofed.setCookie.find((c) => c.startsWith('veta_session='))).not.toMatch(/Secure/i);

    const behindProxy = await buildApp({ db: await testDb(), trustProxy: true }, [platformRoutes]);
    try {
      const tls = await logIn(behindProxy, 'regional', { 'x-forwarded-proto': 'https' });
      expect(tls.setCookie.find((c) => c.startsWith('veta_session='))).toMatch(/; Secure/i);
      expect(tls.setCookie.find((c) => c.startsWith('veta_csrf='))).toMatch(/; Secure/i);
      const res = await behindProxy.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await behindProxy.close();
    }
  });
});

describe('security headers', () => {
  test('CSP, frame-ancestors, nosniff and referrer policy on API and page answers', async () => {
    for (const url of ['/api/health', '/']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  test('answers to a logged-in caller are never stored by caches; public answers may be', async () => {
    const bearer = await app.inject({ method: 'GET', url: '/api/registry/search?q=minero', headers: await authHeaders('national') });
    expect(bearer.statusCode).toBe(200);
    expect(bearer.headers['cache-control']).toBe('no-store');
    const s = await logIn(app);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: s.cookies });
    expect(me.headers['cache-control']).toBe('no-store');
    const pub = await app.inject({ method: 'GET', url: '/api/public/registry/stats' });
    expect(pub.headers['cache-control']).toBe('public, no-cache');
  });

  test('the server binds to loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});

test('a trusted extra origin (VETA_ALLOWED_ORIGINS) may write; others may not', async () => {
  const other = await buildApp({ db: await testDb(), allowedOrigins: ['http://localhost:5173'] }, [platformRoutes]);
  try {
    const s = await logIn(other);
    const headers = { host: HOST, 'sec-fetch-site': 'same-site', 'x-csrf-token': s.csrf };
    const ok = await other.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      cookies: s.cookies,
      headers: { ...headers, origin: 'http://localhost:5173' },
      payload: { name: 'dev' },
    });
    expect(ok.statusCode).toBe(201);
    const no = await other.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      cookies: s.cookies,
      headers: { ...headers, origin: 'http://localhost:5174' },
      payload: { name: 'dev' },
    });
    expect(no.statusCode).toBe(403);
  } finally {
    await other.close();
  }
});

test('logging in again over a live session needs no token; a cross-site login is refused', async () => {
  const s = await logIn(app);
  const again = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    cookies: s.cookies,
    headers: s.headers,
    remoteAddress: '10.252.0.1',
    payload: { username: s.username, password: s.password },
  });
  expect(again.statusCode).toBe(200);
  const evil = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    remoteAddress: '10.252.0.2',
    payload: { username: s.username, password: s.password },
  });
  expect(evil.statusCode).toBe(403);
});
