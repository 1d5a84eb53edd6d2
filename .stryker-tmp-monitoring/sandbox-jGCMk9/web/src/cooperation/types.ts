/** Shapes of the cooperation API, from the server's zod schemas (type-only, erased from the bundle). */
// @ts-nocheck

import type { z } from 'zod';
import type * as s from '../../../src/modules/cooperation/cooperation.schema.ts';

export type Project = z.output<typeof s.projectSchema>;
export type ProjectSummary = z.output<typeof s.projectSummary>;
export type ProjectInput = z.input<typeof s.projectInput>;
export type Agency = z.output<typeof s.agencySchema>;
export type GapMatrix = z.output<typeof s.gapMatrixSchema>;
export type Oda = z.output<typeof s.odaSchema>;
export type Flow = z.input<typeof s.flowSchema>;

export const STRATA = ['pma', 'ppm', 'informal', 'pallaqueras', 'non_metallic', 'polymetallic'] as const;
export const ASPECTS = [
  'technical',
  'productivity',
  'social_cultural',
  'gender_child_labour',
  'community',
  'organizational',
  'environmental',
  'health_safety',
  'legal',
  'formalization',
  'labour',
  'economic',
  'financing',
  'business_management',
] as const;
export const STATUSES = ['pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended'] as const;
export const FLOW_KINDS = ['budget', 'commitment', 'disbursement', 'expenditure'] as const;

/** Roles that register and edit projects (the server's WRITERS). */
export const canEditProjects = (role: string | undefined): boolean => role === 'cooperation' || role === 'national' || role === 'admin';
