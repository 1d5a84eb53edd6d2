// @ts-nocheck
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import type { Database } from '../db.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Public, actor-independent GET: answered from cache while the data has not changed.
     * Not authenticated at all, so the route's access must be exactly ['public'].
     */
    publicCache?: boolean;
  }
  interface FastifyRequest {
    /** On a public cached route: the version (audit head) its answer is for, its cache key; `hit` when served from the cache. */
    publicCache: { version: string; key: string; hit: boolean } | null;
  }
  interface FastifyInstance {
    /** What the public cache holds now: entries and their bytes (bodies and keys), against its bound. */
    publicCacheStats: () => { entries: number; bytes: number; maxBytes: number };
  }
}

/** A query schema as the zod type provider leaves it on the route (anything with safeParse). */
interface QuerySchema {
  safeParse: (v: unknown) => { success: boolean; data?: unknown };
}

/**
 * The cache key of a request: its path and its query as the route's schema validates it
 * (canonical JSON) — so unknown parameters (`?cachebust=N`), their order and their spelling
 * (`?a=1&a=1`) do not make new entries: the schema drops unknown keys and the handler never
 * sees them either. Null when the query is invalid: the request is not cached and the route's
 * validation answers 400.
 */
export function cacheKey(url: string, query: unknown, schema: QuerySchema | undefined): string | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!schema) return path;
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) return null;
  return `${path}?${canonicalize(parsed.data ?? {}) ?? ''}`;
}

/** Notified by the audit log's trigger (migration 0008) when a transaction that appended commits. */
export const AUDIT_CHANNEL = 'veta_audit';

interface Entry {
  version: string;
  etag: string;
  body: string | Buffer;
  contentType: string;
}

/**
 * Every write appends to the audit log in its transaction, so the head of the audit
 * chain is a version of the whole database: a cached public answer is valid while the
 * head has not moved — whichever process (server, CLI, another server) wrote. The head
 * is kept in memory and forgotten on each notification from the audit log's trigger, so
 * a cache hit costs no query; after a notification, the next request reads the head once
 * (requests arriving meanwhile share that read). While the listener is down (a lost
 * connection: notifications may be missed), every request reads the head itself.
 * Answers carry an ETag derived from the head and the body, the same in every process; a
 * client that sends it back gets 304 Not Modified.
 */
export function registerPublicCache(app: FastifyInstance, db: Database, maxBytes = 64 * 1024 * 1024): void {
  // Map order is recency order (a hit moves its entry to the end): the first entry is the least recently used.
  const cache = new Map<string, Entry & { size: number }>();
  let bytes = 0;
  const drop = (key: string): void => {
    const e = cache.get(key);
    if (!e) return;
    bytes -= e.size;
    cache.delete(key);
  };
  app.decorate('publicCacheStats', () => ({ entries: cache.size, bytes, maxBytes }));
  app.decorateRequest('publicCache', null);
  let head: string | undefined;
  let pending: Promise<string> | undefined;
  // Counts notifications and resets: a head read that started before one of them is
  // answered to the requests that waited for it, but never kept.
  let generation = 0;
  const forget = (): void => {
    generation++;
    head = undefined;
    pending = undefined;
    // Every entry is for an older head now (or may be): free their memory at once.
    cache.clear();
    bytes = 0;
  };
  const listener = db.listen(AUDIT_CHANNEL, { onNotify: forget, onReset: forget });
  app.addHook('onClose', async () => listener.close());

  const readHead = async (): Promise<string> => {
    const { rows } = await db.query<{ head: string }>('SELECT veta_audit_head() AS head');
    return rows[0]!.head;
  };
  const version = (): string | Promise<string> => {
    if (head !== undefined) return head;
    if (!listener.live) return readHead();
    if (pending) return pending;
    const started = generation;
    const read = readHead().then((h) => {
      // A reset also bumps the generation, so an unchanged one means the listener was live throughout.
      if (generation === started) head = h;
      return h;
    });
    pending = read;
    read
      .finally(() => {
        if (pending === read) pending = undefined;
      })
      .catch(() => undefined);
    return read;
  };

  const answer = (req: FastifyRequest, reply: FastifyReply, v: string, key: string): boolean => {
    const hit = cache.get(key);
    if (!hit || hit.version !== v) {
      if (hit) drop(key);
      req.publicCache = { version: v, key, hit: false };
      return false;
    }
    cache.delete(key);
    cache.set(key, hit);
    req.publicCache = { version: v, key, hit: true };
    void reply.header('etag', hit.etag).header('cache-control', 'public, no-cache').header('x-cache', 'hit');
    if (req.headers['if-none-match'] === hit.etag) void reply.code(304).send();
    else void reply.type(hit.contentType).send(hit.body);
    return true;
  };

  const lookup =
    (schema: QuerySchema | undefined): onRequestHookHandler =>
    (req, reply, done) => {
      const key = cacheKey(req.url, req.query, schema);
      if (key === null) return done();
      const v = version();
      if (typeof v === 'string') {
        if (!answer(req, reply, v, key)) done();
        return;
      }
      v.then(
        (h) => {
          if (!answer(req, reply, h, key)) done();
        },
        (err: Error) => done(err),
      );
    };

  const store: onSendHookHandler = (req, reply, payload, done) => {
    const s = req.publicCache;
    if (!s || s.hit || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    const etag = `"${createHash('sha1').update(s.version).update(payload).digest('base64url')}"`;
    // Bodies and keys counted in bytes (UTF-16 keys: 2 per character), plus the entry's bookkeeping.
    const size = (typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length) + 2 * s.key.length + 256;
    // An answer larger than half the bound is served but not kept: it would evict everything else.
    if (size <= maxBytes / 2) {
      drop(s.key);
      while (bytes + size > maxBytes && cache.size > 0) drop(cache.keys().next().value!);
      cache.set(s.key, { version: s.version, etag, body: payload, size, contentType: String(reply.getHeader('content-type') ?? 'application/json') });
      bytes += size;
    }
    void reply.header('etag', etag).header('cache-control', 'public, no-cache');
    if (req.headers['if-none-match'] === etag) {
      void reply.code(304);
      return done(null, '');
    }
    done(null, payload);
  };

  // The hooks go on the cached routes only. They need no actor: the application's
  // authentication hook leaves these routes alone, so their access must be exactly public.
  app.addHook('onRoute', (route) => {
    if (!route.config?.publicCache) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config.access;
    if (methods.some((m) => m !== 'GET' && m !== 'HEAD') || access?.length !== 1 || access[0] !== 'public') {
      throw new Error(`Route ${route.url}: publicCache needs a GET route with access ['public']`);
    }
    const schema = route.schema?.querystring as QuerySchema | undefined;
    if (methods.includes('GET')) route.onRequest = [lookup(schema && typeof schema.safeParse === 'function' ? schema : undefined), ...toArray(route.onRequest)];
    route.onSend = [store, ...toArray(route.onSend)];
  });
}

const toArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
