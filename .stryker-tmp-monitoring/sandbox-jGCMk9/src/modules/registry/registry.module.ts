// @ts-nocheck
import type { VetaModule } from '../../platform/module.ts';

export const registryModule: VetaModule = {
  name: 'registry',
  routes: async () => {
    const [{ registryRoutes }, { publicMapRoutes }, { importRoutes }] = await Promise.all([
      import('./registry.routes.ts'),
      import('./public-map.routes.ts'),
      import('./imports.routes.ts'),
    ]);
    return [registryRoutes, publicMapRoutes, importRoutes];
  },
  cli: async () => {
    const { reinfoImportCommand, reinfoExportCommand } = await import('../../cli/registry.commands.ts');
    return { imports: () => [reinfoImportCommand()], exports: () => [reinfoExportCommand()] };
  },
  demo: async () => (await import('../demo/demo-registry.ts')).enrichRegistryDemo,
  web: ['public', 'official'],
  datasets: async () => (await import('./registry.datasets.ts')).registryDatasets,
};
