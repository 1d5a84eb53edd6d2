import type { VetaModule } from '../../platform/module.ts';

export const territoryModule: VetaModule = {
  name: 'territory',
  reference: async () => (await import('./territory.load.ts')).loadTerritory,
};
