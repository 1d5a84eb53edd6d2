/** Request and response shapes of the formalization API (validation, types and OpenAPI). */
import { z } from 'zod';
import { ACTION_TYPES, actorRoleSchema, actorSchema, requirementCodeSchema, sha256Schema, type ActionType } from './formalization.schema.ts';
import { expedienteStateSchema, requirementStatusSchema, stageSchema } from './formalization-state.schema.ts';
import { permanenceFailureSchema } from './permanence.schema.ts';
import { isoDateSchema } from '../../kernel/date.schema.ts';
import { listPage, listQuery as listQuery_ } from '../../platform/http/list.ts';
import { INSCRIPTION_STATUSES } from '../../kernel/registry.types.ts';

export const regionCode = z.string().regex(/^\d{2}$/, 'An INEI department code, two digits');
const id = z.coerce.number().int().positive();

export const idParam = z.object({ id });
export const documentParams = z.object({ id, docId: id });

export const EXPEDIENTE_SORTS = ['id', 'declarant', 'ruc', 'right', 'department', 'stage', 'opened', 'last'] as const;

/** The expediente list: filters, sort (newest activity first by default), keyset pages, export. */
export const listQuery = listQuery_({
  sorts: EXPEDIENTE_SORTS,
  sort: 'last',
  dir: 'desc',
  limit: 100,
  maxLimit: 1000,
  filters: {
    region: regionCode.optional(),
    stage: stageSchema.optional(),
    /** The expediente of one REINFO inscription (at most one). */
    inscription: id.optional(),
    /** The expedientes of a RUC's inscriptions (a miner's or an organization's). */
    ruc: z
      .string()
      .regex(/^\d{11}$/, 'A RUC of 11 digits')
      .optional(),
    q: z.string().trim().min(2).max(100).optional().describe("declarant's name, RUC or mining right code"),
    from: isoDateSchema.optional().describe('opened on or after (Peru date)'),
    to: isoDateSchema.optional().describe('opened on or before (Peru date)'),
  },
});

export const openBody = z.object({ inscriptionId: z.number().int().positive() });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A file uploaded with an action: its bytes as base64 in the JSON body. */
const uploadSchema = z.object({
  name: z.string().trim().min(1).max(255),
  mediaType: z.string().trim().min(1).max(120).default('application/octet-stream'),
  contentBase64: z.string().regex(BASE64, 'Standard base64 (RFC 4648 §4) without line breaks'),
  /** When given, the server refuses the upload if the bytes do not hash to it. */
  sha256: sha256Schema.optional(),
});
export type Upload = z.infer<typeof uploadSchema>;

/** Every action but `open` (POST /api/formalization/expedientes opens). */
const APPENDABLE_TYPES = [
  'file',
  'start_review',
  'observe',
  'correct',
  'approve',
  'reject',
  'suspend',
  'exclude',
  'reinstate',
  'amend',
] as const satisfies readonly ActionType[];

export const actionBody = z.object({
  type: z.enum(APPENDABLE_TYPES),
  requirement: requirementCodeSchema.optional(),
  /** The action's payload as the domain defines it (formalization.schema.ts); documents are not listed here. */
  payload: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(uploadSchema).max(20).default([]),
});
export type ActionBody = z.infer<typeof actionBody>;

const inscriptionOut = z.object({
  id: z.number(),
  ruc: z.string(),
  declarantName: z.string(),
  miningRightCode: z.string(),
  miningRightName: z.string(),
  activity: z.enum(['explotacion', 'beneficio']),
  departmentCode: z.string(),
  departmentName: z.string(),
  inscriptionDate: isoDateSchema,
  status: z.enum(INSCRIPTION_STATUSES),
});

const documentOut = z.object({
  id: z.number(),
  actionId: z.string(),
  requirement: requirementCodeSchema.nullable(),
  name: z.string(),
  mediaType: z.string(),
  sha256: z.string(),
  size: z.number(),
  url: z.string(),
});

export const actionOut = z.object({
  id: z.string(),
  seq: z.number(),
  type: z.enum(ACTION_TYPES),
  requirement: requirementCodeSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  actor: actorSchema,
  at: z.string(),
  documentIds: z.array(z.number()),
});

export const allowedActionOut = z.object({
  type: z.enum(ACTION_TYPES),
  requirement: requirementCodeSchema.optional(),
  roles: z.array(actorRoleSchema),
});

const processDeadlineOut = z.object({
  /** The date the deadline was looked up for (today in Peru). */
  on: isoDateSchema,
  deadline: isoDateSchema.nullable(),
  instrument: z.string().nullable(),
  processOpen: z.boolean(),
});

export const expedienteDetail = z.object({
  id: z.number(),
  inscription: inscriptionOut,
  stage: stageSchema,
  state: expedienteStateSchema,
  /** Workflow actions the current user may take now (amendments are always possible on their own actions). */
  allowedActions: z.array(allowedActionOut),
  /** The append-only log, oldest first, with payloads. */
  actions: z.array(actionOut),
  documents: z.array(documentOut),
  processDeadline: processDeadlineOut,
});
export type ExpedienteDetail = z.infer<typeof expedienteDetail>;

export const appendResult = expedienteDetail.extend({ actionId: z.string() });

export const listItem = z.object({
  id: z.number(),
  inscriptionId: z.number(),
  ruc: z.string(),
  declarantName: z.string(),
  miningRightCode: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  stage: stageSchema,
  inscribedOn: isoDateSchema,
  openedAt: z.string(),
  lastActionAt: z.string(),
  formalizedAt: z.string().nullable(),
});
export const listOut = listPage(listItem);

export const minerExpediente = z.object({
  id: z.number(),
  inscription: inscriptionOut,
  stage: stageSchema,
  /** Requirements not yet approved, in workflow order. */
  missing: z.array(
    z.object({
      requirement: requirementCodeSchema,
      status: requirementStatusSchema,
      /** Its prerequisites are approved: it can be (or has been) filed. */
      available: z.boolean(),
      waitingFor: z.array(requirementCodeSchema),
      /** What the miner may do on it now (file, correct). */
      yourActions: z.array(z.enum(ACTION_TYPES)),
    }),
  ),
  openObservations: z.array(
    z.object({
      requirement: requirementCodeSchema,
      observationActionId: z.string(),
      observedAt: z.string(),
      observations: z.array(z.string()),
      dueOn: isoDateSchema,
      /** Business days from today to the due date (negative when overdue). */
      businessDaysLeft: z.number(),
      overdue: z.boolean(),
    }),
  ),
  allowedActions: z.array(allowedActionOut),
  processDeadline: processDeadlineOut,
  lastActionAt: z.string().nullable(),
});

export const permanenceQuery = z.object({
  region: regionCode.optional(),
  /** Reference date (default: today in Peru). */
  date: isoDateSchema.optional(),
});

export const permanenceOut = z.object({
  referenceDate: isoDateSchema,
  /** Vigente inscriptions checked (those with a suspended, excluded or formalized expediente are left out). */
  checked: z.number(),
  /** Of those, how many have no recorded facts: only their IGAFOM could be checked. */
  withoutFacts: z.number(),
  candidates: z.array(
    z.object({
      inscriptionId: z.number(),
      expedienteId: z.number().nullable(),
      ruc: z.string(),
      declarantName: z.string(),
      departmentCode: z.string(),
      /** Date of the facts used; null when none are recorded. */
      factsAsOf: isoDateSchema.nullable(),
      failures: z.array(permanenceFailureSchema),
    }),
  ),
});
export type PermanenceReport = z.infer<typeof permanenceOut>;
