// @ts-nocheck
import { Command } from 'commander';
import type { VetaModule } from '../../platform/module.ts';

export const monitoringModule: VetaModule = {
  name: 'monitoring',
  routes: async () => [(await import('./monitoring.routes.ts')).monitoringRoutes],
  cli: async () => {
    const { registerPolicyCommands } = await import('./monitoring.cli.ts');
    return {
      commands: () => [registerPolicyCommands(new Command('policy').description('follow-up of national policies (CEPLAN method)'))],
    };
  },
  demo: async () => (await import('../demo/demo-monitoring.ts')).loadMonitoringDemo,
  web: ['report'],
  datasets: async () => (await import('./monitoring.datasets.ts')).monitoringDatasets,
};
