/**
 * The HTTP security plugins: security headers (@fastify/helmet, with a Content Security
 * Policy the web app runs under), CSRF tokens (@fastify/csrf-protection, bound to the
 * session), a flat per-address rate limit on login (@fastify/rate-limit, before any
 * password hashing), and `Cache-Control: no-store` on every answer given to a logged-in
 * caller or about the session.
 */
// @ts-nocheck

import { randomBytes } from 'node:crypto';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export const CSRF_COOKIE = 'veta_csrf';

export interface SecurityOptions {
  /** HMAC key of the CSRF tokens; random per process when absent (a token then lasts as long as the process). */
  csrfKey?: Buffer;
  /** Sent with HSTS when the server is reached over TLS through a trusted proxy. */
  tls: boolean;
  /** An optional tile server's origin for the map (VETA_TILE_URL), allowed as an image source. */
  tileOrigin?: string | null;
}

/** The Content Security Policy of the API and the web app. */
export function cspDirectives(tileOrigin?: string | null): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // React's style attributes, Leaflet and ECharts set inline styles; no inline scripts anywhere.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Not on plain-HTTP loopback: it would send the app's own requests to https://127.0.0.1.
    'upgrade-insecure-requests': null,
  };
}

export function tileOriginOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url.replace(/\{[a-z]\}/g, '0')).origin;
  } catch {
    return null;
  }
}

export async function registerSecurity(app: FastifyInstance, o: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(o.tileOrigin) },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    hsts: o.tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true },
    getToken: (req) => {
      const t = req.headers['x-csrf-token'];
      return typeof t === 'string' ? t : undefined;
    },
    getUserInfo: (req) => req.auth.sessionHash ?? '',
    csrfOpts: { hmacKey: o.csrfKey ?? randomBytes(32) },
  });
  await app.register(rateLimit, { global: false });
  app.addHook('onSend', async (req, reply) => {
    const personal = (req.actor && req.actor.role !== 'public') || req.url.startsWith('/api/auth/');
    if (personal) void reply.header('cache-control', 'no-store');
  });
}
