/**
 * Request checks that run before any handler: parameters PostgreSQL cannot store (NUL,
 * malformed or invalid UTF-8 percent-encoding), and cross-site request forgery — the
 * browser's own word on where a state-changing request comes from (Sec-Fetch-Site, else
 * Origin against Host) plus, for requests a session cookie authenticates, a CSRF token
 * bound to that session (@fastify/csrf-protection). Bearer-token requests carry no
 * ambient credential and need no token. OWASP CSRF Prevention Cheat Sheet: "Fetch
 * Metadata headers", "Verifying origin with standard headers", "Synchronizer token".
 */
// @ts-nocheck

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Why a URL's path or query cannot be taken (null: it can). Pure. */
export function badUrlCharacters(url: string): { part: 'path' | 'query'; problem: 'nul' | 'encoding' } | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const check = (raw: string, part: 'path' | 'query'): { part: 'path' | 'query'; problem: 'nul' | 'encoding' } | null => {
    let text: string;
    try {
      text = decodeURIComponent(part === 'query' ? raw.replaceAll('+', ' ') : raw);
    } catch {
      return { part, problem: 'encoding' };
    }
    return text.includes('\u0000') ? { part, problem: 'nul' } : null;
  };
  const inPath = check(path, 'path');
  if (inPath) return inPath;
  for (const pair of query.split('&')) {
    for (const piece of pair.split('=')) {
      const bad = check(piece, 'query');
      if (bad) return bad;
    }
  }
  return null;
}

/** The first string (key or value) of a parsed JSON body holding a NUL, as a path; null when none does. Pure. */
export function nulInJson(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: 'body' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: `${path}.${i}` }));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push({ v: item, path: `${path}.${k}` });
      }
    }
  }
  return null;
}

/**
 * Whether a state-changing request comes from another site (null: it does not). Go's
 * `http.CrossOriginProtection` algorithm: Sec-Fetch-Site when the browser sends it (all
 * current ones do), else Origin against Host; neither header: not a browser, allowed.
 */
export function crossSiteReason(method: string, headers: FastifyRequest['headers'], allowedOrigins: readonly string[]): 'sec-fetch-site' | 'origin' | null {
  if (SAFE.has(method)) return null;
  const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
  const trusted = origin !== undefined && allowedOrigins.includes(origin);
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none' || trusted ? null : 'sec-fetch-site';
  if (origin === undefined) return null;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  return host !== undefined && host === headers.host ? null : trusted ? null : 'origin';
}

/** NUL and encoding checks of the URL (onRequest, before routing work) and of JSON bodies (preValidation). */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const bad = badUrlCharacters(req.url);
    if (!bad) return;
    const message = bad.problem === 'nul' ? 'contains a NUL character' : 'is not valid percent-encoded UTF-8';
    throw new HttpProblem(400, 'Bad Request', `The request's ${bad.part} ${message}.`, {
      code: `request.${bad.problem}`,
      errors: [{ path: bad.part, message }],
    });
  });
  app.addHook('preValidation', async (req) => {
    if (req.body === null || typeof req.body !== 'object') return;
    const at = nulInJson(req.body);
    if (at)
      throw new HttpProblem(400, 'Bad Request', 'The request body contains a NUL character.', {
        code: 'request.nul',
        errors: [{ path: at, message: 'contains a NUL character' }],
      });
  });
}

/** The cross-site check, refusing with 403 problem+json (`code: csrf.cross_site`). */
export function assertSameSite(req: FastifyRequest, allowedOrigins: readonly string[]): void {
  const reason = crossSiteReason(req.method, req.headers, allowedOrigins);
  if (reason) {
    throw new HttpProblem(403, 'Forbidden', 'Cross-site requests may not change anything.', { code: 'csrf.cross_site', reason });
  }
}

/**
 * Whether the request needs a CSRF token: state-changing and authenticated by the session
 * cookie. Logging in again over a live session is not (it acts as nobody yet; the
 * cross-site check still applies to it, against login CSRF).
 */
export const needsCsrfToken = (req: FastifyRequest): boolean =>
  !SAFE.has(req.method) && req.auth.via === 'session' && req.routeOptions.url !== '/api/auth/login';
