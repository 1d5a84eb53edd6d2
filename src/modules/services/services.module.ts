import type { VetaModule } from '../../platform/module.ts';

export const servicesModule: VetaModule = {
  name: 'services',
  routes: async () => [(await import('./services.routes.ts')).servicesRoutes],
  cli: async () => {
    const { trainingsImportCommand } = await import('./services.cli.ts');
    return { imports: () => [trainingsImportCommand()] };
  },
  demo: async () => (await import('./services.demo.ts')).loadServicesDemo,
  web: ['services'],
};
