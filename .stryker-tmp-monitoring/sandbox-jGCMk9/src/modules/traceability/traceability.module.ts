// @ts-nocheck
import type { VetaModule } from '../../platform/module.ts';

export const traceabilityModule: VetaModule = {
  name: 'traceability',
  routes: async () => [(await import('./traceability.routes.ts')).traceabilityRoutes],
  cli: async () => {
    const { ledgerCommand, recpoImportCommand } = await import('./traceability.cli.ts');
    return { commands: () => [ledgerCommand()], imports: () => [recpoImportCommand()] };
  },
  demo: async () => (await import('../demo/demo-traceability.ts')).loadTraceabilityDemo,
  web: ['official', 'public'],
  datasets: async () => (await import('./traceability.datasets.ts')).traceabilityDatasets,
};
