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
import { actorFromApiToken, actorFromSession, SESSION_COOKIE } from '../auth/auth.ts';
import { PUBLIC_ACTOR, type Actor, type Role } from '../context.ts';
import type { Database } from '../db.ts';
import { HttpProblem } from './problem.ts';
import { registerPublicCache } from './public-cache.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on the route; 'public' means anyone, logged in or not. */
    access?: readonly Role[];
  }
  interface FastifyRequest {
    actor: Actor;
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
  logger?: boolean;
}

export type RouteModule = (app: ZodApp, deps: AppDeps) => void | Promise<void>;

/**
 * Builds the HTTP application: zod validation and OpenAPI, problem+json errors,
 * session cookie / bearer token authentication, and per-route role checks read from
 * each route's `config.access` (the same table the authorization tests walk).
 */
export async function buildApp(deps: AppDeps, modules: RouteModule[]): Promise<VetaServer> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 50 * 1024 * 1024 });
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
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
  // Authentication and the role check run first, before body parsing and validation:
  // a role that may not call a route learns nothing about its input rules.
  // Public cached routes answer the same to everyone: no session or token lookup for them.
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (config?.publicCache) {
      req.actor = PUBLIC_ACTOR;
      return;
    }
    req.actor = (await authenticate(deps.db, req)) ?? PUBLIC_ACTOR;
    const access = config?.access;
    if (!access || access.includes('public')) return;
    if (req.actor.role === 'public') throw new HttpProblem(401, 'Unauthorized', 'Log in or send a bearer token.');
    if (!access.includes(req.actor.role)) {
      throw new HttpProblem(403, 'Forbidden', `The role ${req.actor.role} may not do this.`);
    }
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
    } else if (typeof (err as { statusCode?: number }).statusCode === 'number' && (err as { statusCode: number }).statusCode < 500) {
      const e = err as { statusCode: number; message: string };
      problem = { type: 'about:blank', title: 'Bad Request', status: e.statusCode, detail: e.message };
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

  registerPublicCache(app, deps.db);
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

async function authenticate(db: Database, req: FastifyRequest): Promise<Actor | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return actorFromApiToken(db, auth.slice(7).trim());
  const session = req.cookies[SESSION_COOKIE];
  if (session) return actorFromSession(db, session);
  return null;
}
