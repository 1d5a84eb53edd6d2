/** Browser-like sessions for the hardening tests: a real user, a real login, its cookies and CSRF token. */
// @ts-nocheck

import { randomBytes } from 'node:crypto';
import { createUser } from '../../src/platform/auth/auth.ts';
import type { Role } from '../../src/platform/context.ts';
import type { VetaServer } from '../../src/platform/http/app.ts';
import { testDb } from '../db.ts';

export const HOST = 'veta.test';
export const ORIGIN = `http://${HOST}`;

/** A fresh address per caller, so the per-address login limits of one test do not reach another. */
export const address = (): string => `10.${rand()}.${rand()}.${rand()}`;
const rand = (): number => randomBytes(1)[0]! % 250;

export interface BrowserSession {
  username: string;
  password: string;
  userId: number;
  cookies: Record<string, string>;
  csrf: string;
  /** Headers of a same-origin request of this browser (no token: add `x-csrf-token: s.csrf`). */
  headers: Record<string, string>;
  setCookie: string[];
}

export async function newUser(role: Exclude<Role, 'public'> = 'regional', region = '21'): Promise<{ username: string; password: string; userId: number }> {
  const username = `h-${role}-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const u = await createUser(await testDb(), {
    username,
    displayName: username,
    password,
    role,
    regionCode: role === 'regional' || role === 'surveyor' ? region : null,
    ruc: role === 'miner' ? '20100000001' : null,
  });
  return { username, password, userId: u.userId! };
}

/** Logs in through POST /api/auth/login as a same-origin page would. */
export async function logIn(app: VetaServer, role: Exclude<Role, 'public'> = 'regional', extra: Record<string, string> = {}): Promise<BrowserSession> {
  const user = await newUser(role);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: address(),
    headers: { host: HOST, origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...extra },
    payload: { username: user.username, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return {
    ...user,
    cookies,
    csrf: String(res.headers['x-csrf-token']),
    headers: { host: HOST, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    setCookie,
  };
}
