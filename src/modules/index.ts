/**
 * The module manifest: every domain module of Veta, in the order their demo steps
 * run. The server, the CLI and the demo read this list; adding a module means one
 * line here and the module's own folder. See DEVELOPERS.md.
 */
import type { VetaModule } from '../platform/module.ts';
import { formalizationModule } from './formalization/formalization.module.ts';
import { monitoringModule } from './monitoring/monitoring.module.ts';
import { registryModule } from './registry/registry.module.ts';
import { territoryModule } from './territory/territory.module.ts';
import { traceabilityModule } from './traceability/traceability.module.ts';

export const MODULES: readonly VetaModule[] = [
  territoryModule,
  registryModule,
  monitoringModule,
  formalizationModule,
  traceabilityModule,
];
