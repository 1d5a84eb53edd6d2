/**
 * Every registered route × every role: the role may call it (any answer but 401/403)
 * or is refused (401 for the public, 403 for a logged-in role). The list of routes is
 * the server's own route table, so a new route is covered the day it is added.
 */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import { ROLES } from '../../src/platform/context.ts';
import { authHeaders, testServer } from '../http.ts';

const server = await testServer();
// Routes that end the caller's own credential (the walk's tokens would not survive them:
// `:id` becomes 1, the first token issued) are checked in test/hardening/tokens.test.ts.
const routes = server.routeTable.filter((r) => r.url !== '/api/auth/logout' && !(r.method === 'DELETE' && r.url === '/api/auth/tokens/:id'));

describe.each(ROLES)('role %s', (role) => {
  test.each(routes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', async (_name, route) => {
    const url = route.url.replace(/:(\w+)/g, '1');
    const res = await server.inject({
      method: route.method as 'GET',
      url,
      headers: await authHeaders(role),
      ...(route.method === 'GET' ? {} : { payload: {} }),
    });
    const allowed = route.access.includes('public') || route.access.includes(role);
    if (allowed) {
      expect([401, 403], `${role} should reach ${route.method} ${route.url}`).not.toContain(res.statusCode);
    } else {
      expect(res.statusCode, `${role} must be refused ${route.method} ${route.url}`).toBe(role === 'public' ? 401 : 403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

test('the route table is not empty and every route declares its roles', () => {
  expect(routes.length).toBeGreaterThan(10);
  for (const r of routes) expect(r.access.length).toBeGreaterThan(0);
});
