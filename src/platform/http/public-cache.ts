import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public, actor-independent GET: answered from cache while the data has not changed. */
    publicCache?: boolean;
  }
}

interface Entry {
  version: string;
  etag: string;
  body: string | Buffer;
  contentType: string;
}

/**
 * Every write appends to the audit log in its transaction, so the head of the audit
 * chain is a version of the whole database: a cached public answer is valid while the
 * head has not moved — whichever process (server, CLI, another server) wrote. Answers
 * carry an ETag; a client that sends it back gets 304 Not Modified.
 */
export function registerPublicCache(app: FastifyInstance, db: Database, maxEntries = 2000): void {
  const cache = new Map<string, Entry>();
  const version = async (): Promise<string> => {
    const { rows } = await db.query<{ head: string }>('SELECT veta_audit_head() AS head');
    return rows[0]!.head;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.routeOptions.config?.publicCache) return;
    const v = await version();
    (req as { cacheVersion?: string }).cacheVersion = v;
    const hit = cache.get(req.url);
    if (!hit || hit.version !== v) return;
    void reply.header('etag', hit.etag).header('cache-control', 'public, no-cache').header('x-cache', 'hit');
    if (req.headers['if-none-match'] === hit.etag) return reply.status(304).send();
    return reply.type(hit.contentType).send(hit.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const v = (req as { cacheVersion?: string }).cacheVersion;
    if (v === undefined || reply.statusCode !== 200 || reply.getHeader('x-cache') === 'hit') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = `"${createHash('sha1').update(v).update(payload).digest('base64url')}"`;
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(req.url, { version: v, etag, body: payload, contentType: String(reply.getHeader('content-type') ?? 'application/json') });
    void reply.header('etag', etag).header('cache-control', 'public, no-cache');
    if (req.headers['if-none-match'] === etag) {
      void reply.status(304);
      return '';
    }
    return payload;
  });
}
