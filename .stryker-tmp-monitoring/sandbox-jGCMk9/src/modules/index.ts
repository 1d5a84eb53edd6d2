/**
 * The module manifest: every domain module of Veta, in the order their demo steps
 * run. The server, the CLI and the demo read this list; adding a module means one
 * line here and the module's own folder. See DEVELOPERS.md.
 */
// @ts-nocheck

import type { VetaModule } from '../platform/module.ts';
import { cooperationModule } from './cooperation/cooperation.module.ts';
import { formalizationModule } from './formalization/formalization.module.ts';
import { monitoringModule } from './monitoring/monitoring.module.ts';
import { opendataModule } from './opendata/opendata.module.ts';
import { registryModule } from './registry/registry.module.ts';
import { servicesModule } from './services/services.module.ts';
import { surveysModule } from './surveys/surveys.module.ts';
import { territoryModule } from './territory/territory.module.ts';
import { traceabilityModule } from './traceability/traceability.module.ts';

export const MODULES: readonly VetaModule[] = [
  registryModule,
  monitoringModule,
  formalizationModule,
  traceabilityModule,
  servicesModule,
  surveysModule,
  opendataModule,
  cooperationModule,
  // last: its demo (the PERCAN pilot's fronts and concessions) must not be seen or rewritten by the other modules' demo steps
  territoryModule,
];
