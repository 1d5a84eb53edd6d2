import type { Database } from './platform/db.ts';
import { buildApp, type VetaServer } from './platform/http/app.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import { importRoutes } from './modules/registry/imports.routes.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';

/** Every module's routes, in one list: the route table the authorization tests walk. */
export const ROUTE_MODULES = [platformRoutes, registryRoutes, importRoutes];

export async function createServer(db: Database, opts: { logger?: boolean } = {}): Promise<VetaServer> {
  const app = await buildApp({ db, logger: opts.logger ?? false }, ROUTE_MODULES);
  await app.ready();
  return app;
}
