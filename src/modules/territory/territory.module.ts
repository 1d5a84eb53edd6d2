import type { VetaModule } from '../../platform/module.ts';

export const territoryModule: VetaModule = {
  name: 'territory',
  routes: async () => {
    const [{ territoryRoutes }, { tileRoutes }, { territoryImportRoutes }] = await Promise.all([
      import('./territory.routes.ts'),
      import('./tiles.routes.ts'),
      import('./territory-imports.routes.ts'),
    ]);
    return [territoryRoutes, tileRoutes, territoryImportRoutes];
  },
  cli: async () => {
    const { areasCommand, cadastreCommand, dacCommand, territoryCommand } = await import('./territory.cli.ts');
    return { commands: () => [territoryCommand()], imports: () => [cadastreCommand(), dacCommand(), areasCommand()] };
  },
  demo: async () => (await import('./territory.demo.ts')).territoryDemo,
  reference: async () => (await import('./territory.load.ts')).loadTerritory,
  datasets: async () => (await import('./territory.datasets.ts')).territoryDatasets,
  web: ['map'],
};
