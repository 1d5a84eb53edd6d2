import { z } from 'zod';
import { DELIVERY_KINDS, EVENT_KINDS, TECHNOLOGIES } from './services.domain.ts';

/** Request and response shapes of the services module (one source: validation, types, OpenAPI). */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('calendar date, YYYY-MM-DD');
const department = z
  .string()
  .regex(/^\d{2}$/)
  .describe('INEI department code');
const serviceCode = z
  .string()
  .regex(/^SS\.\d{2}\.\d{2}\.\d{2}$/)
  .describe('policy service, e.g. SS.01.03.01');
const dni = z.string().regex(/^\d{8}$/);
const ruc = z.string().regex(/^\d{11}$/);
const year = z.coerce.number().int().min(2000).max(2200);

/** A beneficiary: a person by DNI or an organization by RUC, matched to the registry. */
export const beneficiary = z
  .object({
    dni: dni.optional(),
    ruc: ruc.optional(),
    name: z.string().trim().min(1).max(200),
    sex: z.enum(['F', 'M']).optional(),
    age: z.number().int().min(5).max(110).optional(),
  })
  .refine((b) => (b.dni === undefined) !== (b.ruc === undefined), { message: 'give a DNI or a RUC, not both' });
export type BeneficiaryInput = z.infer<typeof beneficiary>;

export const participantInput = beneficiary.and(z.object({ attended: z.boolean().default(true), passed: z.boolean() }));

export const eventBody = z.object({
  code: z.string().trim().min(1).max(60),
  serviceCode,
  kind: z.enum(EVENT_KINDS),
  topic: z.string().trim().min(1).max(200),
  date: isoDate,
  departmentCode: department,
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  modality: z.enum(['presencial', 'virtual', 'mixta']).default('presencial'),
  hours: z.number().positive().max(9999).optional(),
  provider: z.string().max(200).optional(),
  participants: z.array(participantInput).max(5000).default([]),
});
export type EventInput = z.infer<typeof eventBody>;

export const condition = z.enum(['reinfo_vigente', 'reinfo_suspendido', 'reinfo_excluido', 'not_in_reinfo']);

export const participant = z.object({
  id: z.number(),
  eventId: z.number(),
  name: z.string(),
  maskedId: z.string().describe('DNI or a natural person RUC masked'),
  sex: z.enum(['F', 'M']).nullable(),
  ageBand: z.string().nullable(),
  condition,
  attended: z.boolean(),
  passed: z.boolean(),
  matched: z.boolean().describe('found in the registry'),
});

export const eventOut = z.object({
  id: z.number(),
  code: z.string(),
  serviceCode: z.string(),
  kind: z.enum(EVENT_KINDS),
  topic: z.string(),
  date: z.string(),
  departmentCode: z.string(),
  districtCode: z.string().nullable(),
  modality: z.string(),
  hours: z.number().nullable(),
  provider: z.string().nullable(),
  participants: z.number(),
  passed: z.number(),
});
export const eventDetail = eventOut.extend({ roster: z.array(participant) });

export const resultBody = z.object({ attended: z.boolean(), passed: z.boolean() });

export const deliveryBody = beneficiary.and(
  z.object({
    kind: z.enum(DELIVERY_KINDS),
    serviceCode: serviceCode.optional(),
    reference: z.string().trim().min(1).max(60),
    departmentCode: department,
    requestedOn: isoDate,
    deliveredOn: isoDate.optional(),
    provider: z.string().max(200).optional(),
    item: z.string().max(200).optional(),
    amountPen: z.number().nonnegative().optional(),
    standardDays: z.number().int().positive().max(365).optional(),
  }),
);
export type DeliveryInput = z.infer<typeof deliveryBody>;

export const deliveryOut = z.object({
  id: z.number(),
  kind: z.enum(DELIVERY_KINDS),
  serviceCode: z.string(),
  reference: z.string(),
  departmentCode: z.string(),
  name: z.string(),
  maskedId: z.string(),
  sex: z.enum(['F', 'M']).nullable(),
  condition,
  requestedOn: z.string(),
  deliveredOn: z.string().nullable(),
  provider: z.string().nullable(),
  item: z.string().nullable(),
  amountPen: z.number().nullable(),
  standardDays: z.number().nullable(),
  timely: z.boolean().nullable().describe('lab analyses: delivered within the service standard'),
});

export const listQuery = z.object({
  department: department.optional(),
  service: serviceCode.optional(),
  year: year.optional(),
  ruc: ruc.optional().describe('beneficiary RUC (a person: 10 + DNI + check digit)'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const dialogueBody = z.object({
  code: z.string().trim().min(1).max(60),
  departmentCode: department,
  subject: z.enum(['concession', 'surface_land']),
  requestedOn: isoDate,
  parties: z
    .array(z.object({ role: z.enum(['informal_miner', 'concession_holder', 'surface_holder', 'state']), name: z.string().min(1), ruc: ruc.optional() }))
    .min(2),
});
export const sessionBody = z.object({
  heldOn: isoDate,
  outcome: z.enum(['none', 'agreement', 'contract', 'no_agreement']),
  agreements: z.string().max(4000).optional(),
  expedienteId: z.number().int().positive().optional(),
});
export const dialogueOut = z.object({
  id: z.number(),
  code: z.string(),
  departmentCode: z.string(),
  subject: z.string(),
  requestedOn: z.string(),
  parties: z.array(z.object({ role: z.string(), name: z.string(), ruc: z.string().optional() })),
  sessions: z.array(
    z.object({ id: z.number(), heldOn: z.string(), outcome: z.string(), agreements: z.string().nullable(), expedienteId: z.number().nullable() }),
  ),
});

export const reviewBody = z.object({
  departmentCode: department,
  year: z.number().int().min(2000).max(2200),
  seed: z.number().int().min(0).max(4_294_967_295).optional().describe('default: derived from the department and year'),
  size: z.number().int().positive().max(10_000).optional(),
});
export const findingBody = z.object({
  expedienteId: z.number().int().positive(),
  compliant: z.boolean(),
  findings: z.string().max(4000).optional(),
  reviewedOn: isoDate,
});
export const reviewOut = z.object({
  id: z.number(),
  departmentCode: z.string(),
  year: z.number(),
  seed: z.number(),
  method: z.string(),
  population: z.number(),
  sample: z.array(z.number()),
  findings: z.array(
    z.object({ expedienteId: z.number(), compliant: z.boolean(), findings: z.string().nullable(), reviewer: z.string(), reviewedOn: z.string() }),
  ),
  compliantShare: z.number().nullable(),
});

export const certificationBody = z.object({
  departmentCode: department,
  year: z.number().int().min(2000).max(2200),
  dni,
  name: z.string().min(1).max(200),
  position: z.string().max(200).optional(),
  certifiedOn: isoDate.optional().describe('absent: enrolled, not (yet) certified'),
});
export const capacityBody = z.object({
  departmentCode: department,
  capacity: z.enum(['zee', 'pot']),
  attainedOn: isoDate,
  evidence: z.string().min(1).max(500),
});
export const healthAccessBody = z.object({ districtCode: z.string().regex(/^\d{6}$/), since: isoDate, source: z.string().min(1).max(300) });
export const workforceBody = z.object({
  ruc,
  year: z.number().int().min(2000).max(2200),
  departmentCode: department,
  workers: z.number().int().min(0),
  hoursWorked: z.number().int().min(0),
});
export const accidentBody = z.object({
  ruc,
  departmentCode: department,
  occurredOn: isoDate,
  severity: z.enum(['incapacitating', 'fatal']),
  workersInjured: z.number().int().positive().default(1),
  daysLost: z.number().int().min(0),
  description: z.string().max(2000).optional(),
});
export const mercuryBody = z.object({
  ruc,
  year: z.number().int().min(2000).max(2200),
  departmentCode: department,
  technology: z.enum(TECHNOLOGIES),
  mercuryBoughtKg: z.number().nonnegative().default(0),
  mercuryUsedKg: z.number().nonnegative(),
  goldG: z.number().nonnegative(),
});
export const transitionBody = z.object({
  ruc,
  departmentCode: department,
  transitionOn: isoDate,
  fromTechnology: z.enum(TECHNOLOGIES),
  toTechnology: z.enum(TECHNOLOGIES),
  note: z.string().max(2000).optional(),
});

export const ratioRow = z.object({
  scope: z.enum(['organization', 'region', 'nation']),
  key: z.string(),
  name: z.string().nullable(),
  mercuryUsedKg: z.number(),
  goldG: z.number(),
  ratio: z.number().nullable().describe('kg of mercury per kg of gold'),
});
export const mercuryReport = z.object({
  year: z.number(),
  ratios: z.array(ratioRow),
  mercuryFree: z.array(z.object({ ruc: z.string(), name: z.string().nullable(), departmentCode: z.string(), since: z.string(), fromTechnology: z.string() })),
});

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const participantParams = z.object({ id: z.coerce.number().int().positive(), participantId: z.coerce.number().int().positive() });
export const yearQuery = z.object({ year: year });
export const created = z.object({ id: z.number() });

export const receivedOut = z.object({
  events: z.array(
    eventOut
      .pick({ id: true, code: true, serviceCode: true, kind: true, topic: true, date: true, departmentCode: true })
      .extend({ attended: z.boolean(), passed: z.boolean() }),
  ),
  deliveries: z.array(deliveryOut),
});

const summaryRow = z.object({ key: z.string(), events: z.number(), participants: z.number(), passed: z.number() });
export const summaryQuery = z.object({ service: serviceCode, year });
export const summaryOut = z.object({
  service: z.string(),
  year: z.number(),
  indicators: z.array(z.string()).describe('the indicators the service feeds'),
  byRegion: z.array(summaryRow),
  bySex: z.array(summaryRow),
  byMonth: z.array(summaryRow),
});

export const deliveryListQuery = listQuery.extend({ kind: z.enum(DELIVERY_KINDS).optional() });
export const recordsQuery = z.object({
  department: department.optional(),
  year: year.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const certificationOut = z.object({
  id: z.number(),
  departmentCode: z.string(),
  year: z.number(),
  maskedDni: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  certified: z.boolean(),
  certifiedOn: z.string().nullable(),
});
export const capacityOut = z.object({
  id: z.number(),
  departmentCode: z.string(),
  capacity: z.enum(['zee', 'pot']),
  attainedOn: z.string(),
  evidence: z.string(),
});
export const healthAccessOut = z.object({
  districtCode: z.string(),
  departmentCode: z.string(),
  districtName: z.string().nullable(),
  since: z.string(),
  source: z.string(),
});
export const workforceOut = z.object({ ruc: z.string(), year: z.number(), departmentCode: z.string(), workers: z.number(), hoursWorked: z.number() });
export const accidentOut = z.object({
  id: z.number(),
  ruc: z.string(),
  departmentCode: z.string(),
  occurredOn: z.string(),
  severity: z.enum(['incapacitating', 'fatal']),
  workersInjured: z.number(),
  daysLost: z.number(),
  description: z.string().nullable(),
});
export const mercuryUseOut = z.object({
  ruc: z.string(),
  name: z.string().nullable(),
  year: z.number(),
  departmentCode: z.string(),
  technology: z.enum(TECHNOLOGIES),
  mercuryBoughtKg: z.number(),
  mercuryUsedKg: z.number(),
  goldG: z.number(),
});
export const transitionOut = z.object({
  id: z.number(),
  ruc: z.string(),
  name: z.string().nullable(),
  departmentCode: z.string(),
  transitionOn: z.string(),
  fromTechnology: z.enum(TECHNOLOGIES),
  toTechnology: z.enum(TECHNOLOGIES),
  note: z.string().nullable(),
});
