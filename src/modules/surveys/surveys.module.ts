import type { VetaModule } from '../../platform/module.ts';

export const surveysModule: VetaModule = {
  name: 'surveys',
  routes: async () => [(await import('./surveys.routes.ts')).surveysRoutes, (await import('./surveys-pwa.routes.ts')).surveysPwaRoutes],
  cli: async () => {
    const { surveyCommand } = await import('./surveys.cli.ts');
    return { commands: () => [surveyCommand()] };
  },
  demo: async () => (await import('./surveys.demo.ts')).surveysDemo,
  reference: async () => (await import('./baseline-form.load.ts')).loadBaselineForm,
  datasets: async () => (await import('./surveys.datasets.ts')).surveysDatasets,
  web: ['surveys'],
};
