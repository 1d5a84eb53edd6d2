import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { actorFromApiToken, actorFromSession, SESSION_COOKIE, sha256 } from '../auth/auth.ts';
import { registerSecurity, tileOriginOf } from '../auth/http-security.ts';
import { assertSameSite, needsCsrfToken, registerInputGuards } from '../auth/request-guards.ts';
import { loadConfig } from '../config.ts';
import { PUBLIC_ACTOR, type Actor, type Role } from '../context.ts';
import type { Database } from '../db.ts';
import { DomainError } from '../errors.ts';
import { HttpProblem, problemOf } from './problem.ts';
import { registerPublicCache } from './public-cache.ts';
import { registerCsvFormat } from './csv-format.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on the route; 'public' means anyone, logged in or not. */
    access?: readonly Role[];
  }
  interface FastifyRequest {
    actor: Actor;
    /** How the request authenticated: its session cookie (hash of the session), a bearer token, or not at all. */
    auth: { via: 'session' | 'token' | 'none'; sessionHash: string | null };
  }
}

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
/** The Fastify instance route modules register on: zod schemas typed end to end. */
export type ZodApp = ReturnType<typeof typed>;
export type VetaServer = FastifyInstance & { routeTable: RouteInfo[] };

export interface RouteInfo {
  method: string;
  url: string;
  access: readonly Role[];
}

export interface AppDeps {
  db: Database;
  /** true: JSON logs at LOG_LEVEL (default info); false or absent: silent (tests); or a level and a stream. */
  logger?: boolean | { level: string; stream?: { write: (line: string) => void } };
  /** Settings read from the environment when absent (see config.ts). */
  trustProxy?: boolean | number | string;
  allowedOrigins?: readonly string[];
  publicCacheBytes?: number;
  csrfKey?: Buffer;
  /** Per-address limit of POST /api/auth/login before any password is checked. */
  loginRateLimit?: { max: number; timeWindowMs: number };
}

/**
 * The server's log: pino JSON with the request's method, route pattern (never the URL, whose
 * query and path may carry names, DNI or RUC), status and time; credentials redacted.
 */
function loggerOptions(deps: AppDeps, level: string) {
  if (!deps.logger) return false;
  const custom = typeof deps.logger === 'object' ? deps.logger : undefined;
  return {
    level: custom?.level ?? level,
    ...(custom?.stream ? { stream: custom.stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'err.detail',
        'err.where',
        'err.parameters',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? null, id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export type RouteModule = (app: ZodApp, deps: AppDeps) => void | Promise<void>;

/**
 * Builds the HTTP application: zod validation and OpenAPI, problem+json errors,
 * session cookie / bearer token authentication, and per-route role checks read from
 * each route's `config.access` (the same table the authorization tests walk).
 */
export async function buildApp(deps: AppDeps, modules: RouteModule[]): Promise<VetaServer> {
  const config = loadConfig();
  const trustProxy = deps.trustProxy ?? config.trustProxy;
  const allowedOrigins = deps.allowedOrigins ?? config.allowedOrigins;
  // A hop count becomes proxy-addr's function form (trust the n nearest hops).
  const trust = typeof trustProxy === 'number' ? (_addr: string, hop: number) => hop < trustProxy : trustProxy;
  const app = Fastify({
    logger: loggerOptions(deps, config.logLevel),
    bodyLimit: 50 * 1024 * 1024,
    trustProxy: trust,
    // zod validates and serializes every route (as setValidatorCompiler/setSerializerCompiler
    // below do): given here, Fastify does not load Ajv and fast-json-stringify at start
    schemaController: {
      compilersFactory: { buildValidator: () => validatorCompiler as never, buildSerializer: () => serializerCompiler as never },
    },
  });
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  registerInputGuards(app);
  await registerSecurity(app, { csrfKey: deps.csrfKey, tls: trustProxy !== false, tileOrigin: tileOriginOf(process.env['VETA_TILE_URL']) });
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Veta API',
        version: '0.1.0',
        description:
          "API of Veta, the information system of Peru's artisanal and small-scale mining sector (MAPE). " +
          'Errors are RFC 9457 problem+json. Authenticate with the session cookie (POST /api/auth/login) or a bearer token.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const access = route.config?.access;
      if (!access) throw new Error(`Route ${method} ${route.url} declares no access roles`);
      routeTable.push({ method, url: route.url, access });
    }
  });

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('auth', null as unknown as FastifyRequest['auth']);
  // Authentication and the role check run first, before body parsing and validation:
  // a role that may not call a route learns nothing about its input rules.
  // Public cached routes answer the same to everyone: no session or token lookup for them.
  // Cross-site state-changing requests are refused before anything else is looked at;
  // those the session cookie authenticates must carry the session's CSRF token.
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (config?.publicCache) {
      req.actor = PUBLIC_ACTOR;
      req.auth = { via: 'none', sessionHash: null };
      return;
    }
    assertSameSite(req, allowedOrigins);
    req.actor = await authenticate(deps.db, req);
    const access = config?.access;
    if (!access || access.includes('public')) return;
    if (req.actor.role === 'public') throw new HttpProblem(401, 'Unauthorized', 'Log in or send a bearer token.', { code: 'http.unauthorized' });
    if (!access.includes(req.actor.role)) {
      throw new HttpProblem(403, 'Forbidden', `The role ${req.actor.role} may not do this.`, { code: 'http.forbidden', params: { role: req.actor.role } });
    }
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (!needsCsrfToken(req)) return done();
    app.csrfProtection(req, reply, done);
  });

  app.setErrorHandler((err, req, reply) => {
    let problem;
    if (hasZodFastifySchemaValidationErrors(err)) {
      problem = {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request does not match the schema.',
        errors: err.validation.map((v) => ({
          path: `${err.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`,
          message: v.message ?? 'invalid',
        })),
      };
    } else if (err instanceof HttpProblem) {
      problem = err.toProblem();
    } else if (err instanceof DomainError) {
      problem = problemOf(err);
    } else if (typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('FST_CSRF_')) {
      problem = {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: "Missing or invalid CSRF token: send the session's token in X-CSRF-Token.",
        code: 'csrf.token',
      };
    } else if (typeof (err as { statusCode?: number }).statusCode === 'number' && (err as { statusCode: number }).statusCode < 500) {
      const e = err as { statusCode: number; message: string };
      problem = { type: 'about:blank', title: STATUS_CODES[e.statusCode] ?? 'Bad Request', status: e.statusCode, detail: e.message };
    } else {
      req.log.error(err);
      problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong on our side.' };
    }
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${req.method} ${req.url}` });
  });

  registerPublicCache(app, deps.db, deps.publicCacheBytes ?? config.publicCacheBytes);
  registerCsvFormat(app); // after the cache: ?format=csv answers are converted before it stores them
  // Compression hooks onto each route added from here on, as route-level onSend hooks:
  // they run after the public cache's, which stores and hashes the uncompressed answer
  // (one ETag for every encoding, so If-None-Match still gets its 304). Clients that
  // accept neither br nor gzip (the benchmarks send identity) get the bytes as they are.
  // Answers already compressed (the web app's assets and page) pass through.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
  const t = typed(app);
  for (const m of modules) await m(t, deps);
  return app as unknown as VetaServer;
}

/** The caller, and how it authenticated (`req.auth`); the public when nothing valid was sent. */
async function authenticate(db: Database, req: FastifyRequest): Promise<Actor> {
  req.auth = { via: 'none', sessionHash: null };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const actor = await actorFromApiToken(db, auth.slice(7).trim());
    if (actor) req.auth = { via: 'token', sessionHash: null };
    return actor ?? PUBLIC_ACTOR;
  }
  const session = req.cookies[SESSION_COOKIE];
  if (!session) return PUBLIC_ACTOR;
  const actor = await actorFromSession(db, session);
  if (actor) req.auth = { via: 'session', sessionHash: sha256(session) };
  return actor ?? PUBLIC_ACTOR;
}
