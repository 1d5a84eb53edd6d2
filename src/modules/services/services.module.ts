import type { VetaModule } from '../../platform/module.ts';

export const servicesModule: VetaModule = {
  name: 'services',
  routes: async () => {
    const [{ servicesRoutes }, { trainingsImport }, { importRoute }] = await Promise.all([
      import('./services.routes.ts'),
      import('./trainings.import.ts'),
      import('../../platform/imports/index.ts'),
    ]);
    return [servicesRoutes, importRoute(trainingsImport)];
  },
  cli: async () => {
    const { trainingsImportCommand } = await import('./services.cli.ts');
    return { imports: () => [trainingsImportCommand()] };
  },
  demo: async () => (await import('./services.demo.ts')).loadServicesDemo,
  datasets: async () => (await import('./services.datasets.ts')).servicesDatasets,
  web: ['services'],
};
