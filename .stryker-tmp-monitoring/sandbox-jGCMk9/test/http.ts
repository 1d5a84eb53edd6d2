/** One server per worker on the worker's database, and a bearer token per role. */
// @ts-nocheck

import { createApiToken, createUser } from '../src/platform/auth/auth.ts';
import type { Role } from '../src/platform/context.ts';
import type { VetaServer } from '../src/platform/http/app.ts';
import { createServer } from '../src/server.ts';
import { testDb } from './db.ts';
import { companyRuc } from './factories.ts';

let server: Promise<VetaServer> | undefined;
export function testServer(): Promise<VetaServer> {
  server ??= testDb().then((db) => createServer(db));
  return server;
}

const tokens = new Map<string, Promise<string>>();

/** A bearer token for a fresh user of the role (regional: of `region`; miner: of `ruc`). */
export function tokenFor(role: Exclude<Role, 'public'>, opts: { region?: string; ruc?: string } = {}): Promise<string> {
  const key = `${role}|${opts.region ?? ''}|${opts.ruc ?? ''}`;
  let t = tokens.get(key);
  if (!t) {
    t = (async () => {
      const db = await testDb();
      const username = `t-${role}-${opts.region ?? ''}-${Math.random().toString(36).slice(2, 8)}`;
      const user = await createUser(db, {
        username,
        displayName: username,
        password: 'test-password',
        role,
        regionCode: role === 'regional' || role === 'surveyor' ? (opts.region ?? '21') : null,
        ruc: role === 'miner' ? (opts.ruc ?? companyRuc()) : null,
      });
      return createApiToken(db, user.userId!, 'test');
    })();
    tokens.set(key, t);
  }
  return t;
}

export async function authHeaders(role: Role, opts: { region?: string; ruc?: string } = {}): Promise<Record<string, string>> {
  return role === 'public' ? {} : { authorization: `Bearer ${await tokenFor(role, opts)}` };
}
