// @ts-nocheck
import type { VetaModule } from '../../platform/module.ts';

export const formalizationModule: VetaModule = {
  name: 'formalization',
  routes: async () => {
    const [{ formalizationRoutes }, { formalizationPublicRoutes }] = await Promise.all([
      import('./formalization.routes.ts'),
      import('./formalization-public.routes.ts'),
    ]);
    return [formalizationRoutes, formalizationPublicRoutes];
  },
  cli: async () => {
    const { formalizationCommand } = await import('./formalization.cli.ts');
    return { commands: () => [formalizationCommand()] };
  },
  demo: async () => (await import('../demo/demo-formalization.ts')).loadFormalizationDemo,
  web: ['official', 'miner'],
  datasets: async () => (await import('./formalization.datasets.ts')).formalizationDatasets,
};
