/** Shapes of the cooperation API, from the server's zod schemas (type-only, erased from the bundle). */
import type { z } from 'zod';
import type * as s from '../../../src/modules/cooperation/cooperation.schema.ts';

export type Project = z.output<typeof s.projectSchema>;
export type ProjectSummary = z.output<typeof s.projectSummary>;
export type ProjectInput = z.input<typeof s.projectInput>;
export type Agency = z.output<typeof s.agencySchema>;
export type GapMatrix = z.output<typeof s.gapMatrixSchema>;
export type Oda = z.output<typeof s.odaSchema>;
export type Flow = z.input<typeof s.flowSchema>;

// The lists are the domain's own (pure code, shared with the server), not copies.
export { ASPECTS, FLOW_KINDS, PROJECT_STATUSES as STATUSES, STRATA } from '../../../src/modules/cooperation/cooperation.domain.ts';
