// @ts-nocheck
import type { Database } from './platform/db.ts';
import { buildApp, type RouteModule, type VetaServer } from './platform/http/app.ts';
import { registerModules } from './platform/module.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import { webRoutes } from './platform/http/web.routes.ts';
import { MODULES } from './modules/index.ts';

/** The platform's routes and every module's, in manifest order: the route table the authorization tests walk. */
export async function routeModules(): Promise<RouteModule[]> {
  const perModule = await Promise.all(MODULES.map((m) => m.routes?.() ?? Promise.resolve([])));
  return [platformRoutes, ...perModule.flat()];
}

export async function createServer(db: Database, opts: { logger?: boolean } = {}): Promise<VetaServer> {
  registerModules(MODULES);
  const app = await buildApp({ db, logger: opts.logger ?? false }, [...(await routeModules()), webRoutes]);
  await app.ready();
  return app;
}
