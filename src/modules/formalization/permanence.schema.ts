/** Shapes of the REINFO permanence-condition check (input per inscription, result). */
import { z } from 'zod';
import { isoDateSchema } from '../../kernel/date.schema.ts';

/** Permanence conditions of a REINFO inscription; each failure carries one of these codes. */
export const PERMANENCE_CONDITION_CODES = [
  'igafom_not_filed',
  'ruc_inactive',
  'ruc_not_third_category',
  'chemicals_not_registered',
  'production_not_declared',
] as const;
const permanenceConditionCodeSchema = z.enum(PERMANENCE_CONDITION_CODES);
export type PermanenceConditionCode = z.infer<typeof permanenceConditionCodeSchema>;

/** A semester, e.g. '2025-S1' (January–June) or '2025-S2' (July–December). */
const semesterSchema = z.string().regex(/^\d{4}-S[12]$/, 'Expected YYYY-S1 or YYYY-S2');
export type Semester = z.infer<typeof semesterSchema>;

const productionDeclarationSchema = z.object({
  semester: semesterSchema,
  declaredOn: isoDateSchema,
});

export const permanenceInputSchema = z.object({
  inscriptionId: z.string().min(1),
  /** Date of the REINFO inscription; semesters ending before it are not owed. */
  inscribedOn: isoDateSchema,
  /** An IGAFOM is filed and not rejected (see `isIgafomFiled` for the expediente-derived value). */
  igafomFiled: z.boolean(),
  rucActive: z.boolean(),
  rucThirdCategory: z.boolean(),
  chemicalsRegistered: z.boolean(),
  /** `false` exempts miners who use no controlled chemicals; absent means they do. */
  usesControlledChemicals: z.boolean().optional(),
  productionDeclarations: z.array(productionDeclarationSchema),
});
export type PermanenceInput = z.infer<typeof permanenceInputSchema>;

export const permanenceFailureSchema = z.object({
  code: permanenceConditionCodeSchema,
  /** Message in Spanish, for the official and the miner. */
  message: z.string(),
  /** For `production_not_declared`: the semesters owed. */
  semesters: z.array(semesterSchema).optional(),
});
export type PermanenceFailure = z.infer<typeof permanenceFailureSchema>;

export const suspensionCandidateSchema = z.object({
  inscriptionId: z.string(),
  failures: z.array(permanenceFailureSchema).min(1),
});
export type SuspensionCandidate = z.infer<typeof suspensionCandidateSchema>;
