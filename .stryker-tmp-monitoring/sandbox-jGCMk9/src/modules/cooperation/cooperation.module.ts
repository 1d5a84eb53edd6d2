// @ts-nocheck
import type { VetaModule } from '../../platform/module.ts';

export const cooperationModule: VetaModule = {
  name: 'cooperation',
  routes: async () => [(await import('./cooperation.routes.ts')).cooperationRoutes],
  cli: async () => {
    const { iatiExportCommand, iatiImportCommand } = await import('./cooperation.cli.ts');
    return { imports: () => [iatiImportCommand()], exports: () => [iatiExportCommand()] };
  },
  demo: async () => (await import('./cooperation.demo.ts')).loadCooperationDemo,
  web: ['cooperation'],
  datasets: async () => (await import('./cooperation.datasets.ts')).cooperationDatasets,
};
