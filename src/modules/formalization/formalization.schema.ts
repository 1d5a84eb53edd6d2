/**
 * Shapes of the formalization expediente: the append-only actions (what the
 * service stores and the API accepts). The derived state is in
 * formalization-state.schema.ts.
 */
import { z } from 'zod';
import { PERMANENCE_CONDITION_CODES } from './permanence.schema.ts';
import { isoDateSchema } from '../../kernel/date.schema.ts';

export const REQUIREMENT_CODES = ['igafom', 'mining_right_access', 'surface_land', 'technical_file', 'start_authorization'] as const;
export const requirementCodeSchema = z.enum(REQUIREMENT_CODES);
export type RequirementCode = z.infer<typeof requirementCodeSchema>;

const ACTOR_ROLES = ['miner', 'regional_official', 'national_official', 'system'] as const;
export const actorRoleSchema = z.enum(ACTOR_ROLES);
export type ActorRole = z.infer<typeof actorRoleSchema>;

/** Actions on one requirement. */
export const REQUIREMENT_ACTION_TYPES = ['file', 'start_review', 'observe', 'correct', 'approve', 'reject'] as const;
/** Actions on the inscription as a whole. */
export const INSCRIPTION_ACTION_TYPES = ['open', 'suspend', 'exclude', 'reinstate'] as const;
export const ACTION_TYPES = [...REQUIREMENT_ACTION_TYPES, ...INSCRIPTION_ACTION_TYPES, 'amend'] as const;
export type RequirementActionType = (typeof REQUIREMENT_ACTION_TYPES)[number];
export type InscriptionActionType = (typeof INSCRIPTION_ACTION_TYPES)[number];
export type ActionType = (typeof ACTION_TYPES)[number];

const ACCESS_MODES = ['own_concession', 'exploitation_contract', 'cession_contract'] as const;
export const TECHNICAL_FILE_KINDS = ['exploitation', 'processing'] as const;
export const SUSPENSION_REASON_CODES = [...PERMANENCE_CONDITION_CODES, 'other'] as const;
export const EXCLUSION_REASON_CODES = [
  'permanence_not_restored',
  'prohibited_area',
  'inactivity',
  'false_information',
  'own_request',
  'death_or_dissolution',
  'other',
] as const;

export const timestampSchema = z.iso.datetime({ offset: true });
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a lowercase hex SHA-256');
const text = (max: number) => z.string().trim().min(1).max(max);

export const documentSchema = z.object({
  name: text(255),
  sha256: sha256Schema,
  /** Bytes. */
  size: z.int().min(0),
});
export type DocumentRef = z.infer<typeof documentSchema>;

export const actorSchema = z.object({ userId: text(100), role: actorRoleSchema });
export type Actor = z.infer<typeof actorSchema>;

/** How the miner accesses the mining right (DL 1336 art. 4; DL 1293). */
export const accessSchema = z
  .object({
    mode: z.enum(ACCESS_MODES),
    /** Código único of the mining right (concession) the access is to. */
    concessionCode: text(40),
    /** The concession holder, for contracts: name and DNI (8 digits) or RUC (11 digits). */
    counterparty: z.object({ name: text(300), documentNumber: z.string().regex(/^(\d{8}|\d{11})$/) }).optional(),
    signedOn: isoDateSchema.optional(),
    startsOn: isoDateSchema,
    endsOn: isoDateSchema.optional(),
    /** SHA-256 of the contract or title among the action's documents. */
    documentSha256: sha256Schema,
  })
  .superRefine((access, ctx) => {
    const contract = access.mode !== 'own_concession';
    if (contract && !access.counterparty) {
      ctx.addIssue({ code: 'custom', path: ['counterparty'], message: 'A contract needs its counterparty' });
    }
    if (contract && !access.signedOn) {
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'A contract needs its signing date' });
    }
    if (!contract && access.counterparty) {
      ctx.addIssue({ code: 'custom', path: ['counterparty'], message: 'An own concession has no counterparty' });
    }
    if (access.endsOn !== undefined && access.endsOn < access.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'endsOn precedes startsOn' });
    }
  });
export type Access = z.infer<typeof accessSchema>;

const note = text(4000).optional();
const requirement = requirementCodeSchema;
const documents = z.array(documentSchema).max(50).default([]);

/** Filing details that depend on the requirement (checked by `checkFilingDetails`). */
const filingDetails = {
  access: accessSchema.optional(),
  technicalFileKind: z.enum(TECHNICAL_FILE_KINDS).optional(),
  note,
};

const contentShapes = {
  open: { type: z.literal('open'), payload: z.object({ inscriptionId: text(100), inscribedOn: isoDateSchema }) },
  file: { type: z.literal('file'), requirement, payload: z.object(filingDetails) },
  start_review: { type: z.literal('start_review'), requirement, payload: z.object({ note }) },
  observe: {
    type: z.literal('observe'),
    requirement,
    payload: z.object({
      observations: z.array(text(4000)).min(1).max(50),
      /** Business days to correct, counted from the day after the observation (TUO Law 27444 art. 144). */
      deadlineBusinessDays: z.int().min(1).max(90),
    }),
  },
  correct: {
    type: z.literal('correct'),
    requirement,
    /** The subsanación answers one observation: the `observe` action it corrects. */
    payload: z.object({ observationActionId: text(100), ...filingDetails }),
  },
  approve: {
    type: z.literal('approve'),
    requirement,
    /** The regional directorate's resolution (resolución directoral) number, when issued. */
    payload: z.object({ resolutionNumber: text(100).optional(), note }),
  },
  reject: {
    type: z.literal('reject'),
    requirement,
    payload: z.object({ reason: text(4000), resolutionNumber: text(100).optional() }),
  },
  suspend: {
    type: z.literal('suspend'),
    payload: z.object({ reasonCode: z.enum(SUSPENSION_REASON_CODES), reason: text(4000), effectiveOn: isoDateSchema }),
  },
  exclude: {
    type: z.literal('exclude'),
    payload: z.object({ reasonCode: z.enum(EXCLUSION_REASON_CODES), reason: text(4000), effectiveOn: isoDateSchema }),
  },
  reinstate: { type: z.literal('reinstate'), payload: z.object({ reason: text(4000), effectiveOn: isoDateSchema }) },
} as const;

type Issue = { path: (string | number)[]; message: string };

/** Requirement-specific filing rules shared by actions and amendments. */
function checkFilingDetails(value: { type: string; requirement?: RequirementCode; payload: object; documents: readonly DocumentRef[] }): Issue[] {
  if (value.type !== 'file' && value.type !== 'correct') return [];
  const payload = value.payload as { access?: Access; technicalFileKind?: string };
  const issues: Issue[] = [];
  if (payload.access && value.requirement !== 'mining_right_access') {
    issues.push({ path: ['payload', 'access'], message: 'Access details belong to mining_right_access' });
  }
  if (payload.technicalFileKind && value.requirement !== 'technical_file') {
    issues.push({ path: ['payload', 'technicalFileKind'], message: 'The kind belongs to technical_file' });
  }
  if (value.type === 'file' && value.requirement === 'mining_right_access' && !payload.access) {
    issues.push({ path: ['payload', 'access'], message: 'Filing mining_right_access needs the access details' });
  }
  if (value.type === 'file' && value.requirement === 'technical_file' && !payload.technicalFileKind) {
    issues.push({ path: ['payload', 'technicalFileKind'], message: 'Filing technical_file needs its kind' });
  }
  // A filing or a subsanación is a document put before the directorate (TUO Law 27444
  // art. 124: the request and what it attaches); without one there is nothing to review.
  if (value.documents.length === 0) {
    issues.push({ path: ['documents'], message: 'A filing must attach at least one document' });
  }
  if (payload.access && !value.documents.some((d) => d.sha256 === payload.access?.documentSha256)) {
    issues.push({ path: ['payload', 'access', 'documentSha256'], message: 'The access document must be attached' });
  }
  return issues;
}

function withContent<S extends z.ZodRawShape>(shape: S) {
  return z.object({ ...shape, documents }).superRefine((value, ctx) => {
    for (const issue of checkFilingDetails(value as Parameters<typeof checkFilingDetails>[0])) {
      ctx.addIssue({ code: 'custom', ...issue });
    }
  });
}

/** The content of an action without its envelope: what an amendment replaces. */
const actionContentSchema = z.discriminatedUnion('type', [
  withContent(contentShapes.open),
  withContent(contentShapes.file),
  withContent(contentShapes.start_review),
  withContent(contentShapes.observe),
  withContent(contentShapes.correct),
  withContent(contentShapes.approve),
  withContent(contentShapes.reject),
  withContent(contentShapes.suspend),
  withContent(contentShapes.exclude),
  withContent(contentShapes.reinstate),
]);
export type ActionContent = z.infer<typeof actionContentSchema>;

const envelope = {
  id: text(100),
  expedienteId: text(100),
  at: timestampSchema,
  actor: actorSchema,
};

const amendShape = {
  type: z.literal('amend'),
  payload: z.object({
    /** The original action being corrected; it stays in the log unchanged. */
    amendsActionId: text(100),
    reason: text(4000),
    /** The corrected content; same type and requirement as the original. */
    replacement: actionContentSchema,
  }),
};

const withEnvelope = <S extends z.ZodRawShape>(shape: S) => withContent({ ...envelope, ...shape });

/** One stored action of an expediente (append-only). */
export const actionSchema = z.discriminatedUnion('type', [
  withEnvelope(contentShapes.open),
  withEnvelope(contentShapes.file),
  withEnvelope(contentShapes.start_review),
  withEnvelope(contentShapes.observe),
  withEnvelope(contentShapes.correct),
  withEnvelope(contentShapes.approve),
  withEnvelope(contentShapes.reject),
  withEnvelope(contentShapes.suspend),
  withEnvelope(contentShapes.exclude),
  withEnvelope(contentShapes.reinstate),
  withEnvelope(amendShape),
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;
