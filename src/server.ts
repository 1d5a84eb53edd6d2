import type { Database } from './platform/db.ts';
import { buildApp, type VetaServer } from './platform/http/app.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import { importRoutes } from './modules/registry/imports.routes.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { publicMapRoutes } from './modules/registry/public-map.routes.ts';
import { monitoringRoutes } from './modules/monitoring/monitoring.routes.ts';
import { formalizationRoutes } from './modules/formalization/formalization.routes.ts';
import { formalizationPublicRoutes } from './modules/formalization/formalization-public.routes.ts';
import { traceabilityRoutes } from './modules/traceability/traceability.routes.ts';
import { webRoutes } from './platform/http/web.routes.ts';

/** Every module's routes, in one list: the route table the authorization tests walk. */
export const ROUTE_MODULES = [platformRoutes, registryRoutes, publicMapRoutes, importRoutes, formalizationRoutes, formalizationPublicRoutes, monitoringRoutes, traceabilityRoutes];

export async function createServer(db: Database, opts: { logger?: boolean } = {}): Promise<VetaServer> {
  const app = await buildApp({ db, logger: opts.logger ?? false }, [...ROUTE_MODULES, webRoutes]);
  await app.ready();
  return app;
}
