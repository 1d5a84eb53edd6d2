/** Shape of the state derived from an expediente's actions (the API's read model). */
import { z } from 'zod';
import {
  ACTION_TYPES,
  EXCLUSION_REASON_CODES,
  SUSPENSION_REASON_CODES,
  TECHNICAL_FILE_KINDS,
  accessSchema,
  actorSchema,
  documentSchema,
  requirementCodeSchema,
  timestampSchema,
} from './formalization.schema.ts';
import { isoDateSchema } from '../../kernel/date.schema.ts';

/** Status of one requirement. */
const REQUIREMENT_STATUSES = ['not_started', 'filed', 'under_review', 'observed', 'corrected', 'approved', 'rejected'] as const;
export const requirementStatusSchema = z.enum(REQUIREMENT_STATUSES);
export type RequirementStatus = z.infer<typeof requirementStatusSchema>;

/** Status of the REINFO inscription (vigente / suspendido / excluido). */
export const INSCRIPTION_STATUSES = ['active', 'suspended', 'excluded'] as const;
const inscriptionStatusSchema = z.enum(INSCRIPTION_STATUSES);
export type InscriptionStatus = z.infer<typeof inscriptionStatusSchema>;

/** Overall stage of the expediente, derived from the two statuses above. */
export const STAGES = ['not_opened', 'in_progress', 'technical_file', 'start_authorization', 'formalized', 'suspended', 'excluded'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

const transitionSchema = z.object({
  status: requirementStatusSchema,
  at: timestampSchema,
  actionId: z.string(),
  actorUserId: z.string(),
});

const observationSchema = z.object({
  actionId: z.string(),
  /** Which filing of the requirement was observed (1 for the first, 2 after a re-filing…). */
  attempt: z.int(),
  observedAt: timestampSchema,
  observations: z.array(z.string()),
  deadlineBusinessDays: z.int(),
  /** Last day to correct: `deadlineBusinessDays` business days after the observation date in Peru. */
  dueOn: isoDateSchema,
  correctedAt: timestampSchema.optional(),
  correctionActionId: z.string().optional(),
  /** The correction came after `dueOn`. */
  late: z.boolean().optional(),
});
export type Observation = z.infer<typeof observationSchema>;

const decisionSchema = z.object({
  outcome: z.enum(['approved', 'rejected']),
  at: timestampSchema,
  actionId: z.string(),
  actorUserId: z.string(),
  resolutionNumber: z.string().optional(),
  reason: z.string().optional(),
});

const requirementStateSchema = z.object({
  code: requirementCodeSchema,
  status: requirementStatusSchema,
  /** Number of filings (a rejected requirement may be filed again). */
  attempt: z.int(),
  /** When its prerequisites were all approved (when it could first be filed). */
  availableSince: timestampSchema.optional(),
  /** When it entered its current status. */
  since: timestampSchema.optional(),
  /** The official who started the current review. */
  reviewerUserId: z.string().optional(),
  transitions: z.array(transitionSchema),
  observations: z.array(observationSchema),
  access: z.object({ value: accessSchema, sourceActionId: z.string() }).optional(),
  technicalFile: z.object({ kind: z.enum(TECHNICAL_FILE_KINDS), sourceActionId: z.string() }).optional(),
  decision: decisionSchema.optional(),
});
export type RequirementState = z.infer<typeof requirementStateSchema>;

const inscriptionEventSchema = z.object({
  actionId: z.string(),
  type: z.enum(['suspend', 'exclude', 'reinstate']),
  at: timestampSchema,
  effectiveOn: isoDateSchema,
  reasonCode: z.union([z.enum(SUSPENSION_REASON_CODES), z.enum(EXCLUSION_REASON_CODES)]).optional(),
  reason: z.string(),
});

const storedDocumentSchema = documentSchema.extend({
  actionId: z.string(),
  requirement: requirementCodeSchema.optional(),
});
export type StoredDocument = z.infer<typeof storedDocumentSchema>;

const timelineEntrySchema = z.object({
  actionId: z.string(),
  type: z.enum(ACTION_TYPES),
  requirement: requirementCodeSchema.optional(),
  at: timestampSchema,
  actor: actorSchema,
  /** Ids of the `amend` actions that corrected this one, oldest first. */
  amendedBy: z.array(z.string()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

const openObservationSchema = observationSchema.extend({ requirement: requirementCodeSchema });
export type OpenObservation = z.infer<typeof openObservationSchema>;

export const expedienteStateSchema = z.object({
  expedienteId: z.string().optional(),
  inscriptionId: z.string().optional(),
  inscribedOn: isoDateSchema.optional(),
  openedAt: timestampSchema.optional(),
  stage: stageSchema,
  inscriptionStatus: inscriptionStatusSchema,
  requirements: z.record(requirementCodeSchema, requirementStateSchema),
  /** Observations not yet corrected, with their due dates. */
  openObservations: z.array(openObservationSchema),
  inscriptionEvents: z.array(inscriptionEventSchema),
  /** Every uploaded document, with the action that attached it. */
  documents: z.array(storedDocumentSchema),
  timeline: z.array(timelineEntrySchema),
  formalizedAt: timestampSchema.optional(),
  lastActionAt: timestampSchema.optional(),
});
export type ExpedienteState = z.infer<typeof expedienteStateSchema>;
