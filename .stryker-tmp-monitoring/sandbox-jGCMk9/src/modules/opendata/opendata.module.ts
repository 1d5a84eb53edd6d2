// @ts-nocheck
import type { VetaModule } from '../../platform/module.ts';

/**
 * Open data: the catalog of every module's public datasets (`VetaModule.datasets`, see
 * src/platform/datasets.ts for how a module adds one), downloads in CSV/XLSX/JSON and,
 * for spatial datasets, GeoJSON and Shapefile, dated snapshots (`veta opendata publish`),
 * DCAT-AP 3 JSON-LD and a CKAN-compatible read API. The web app's `/datos` is its area.
 */
export const opendataModule: VetaModule = {
  name: 'opendata',
  routes: async () => {
    const [{ opendataRoutes }, { opendataCkanRoutes }] = await Promise.all([import('./opendata.routes.ts'), import('./opendata-ckan.routes.ts')]);
    return [opendataRoutes, opendataCkanRoutes];
  },
  cli: async () => {
    const { opendataCommand } = await import('./opendata.cli.ts');
    return { commands: () => [opendataCommand()] };
  },
  web: ['opendata'],
};
