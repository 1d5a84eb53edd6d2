import { z } from 'zod';
import { isoDateSchema } from '../../kernel/date.schema.ts';
import { ACTIVITIES, INSCRIPTION_STATUSES, STRATA } from '../../kernel/registry.types.ts';
import { listPage, listQuery } from '../../platform/http/list.ts';

const ubigeoDepartment = z
  .string()
  .regex(/^\d{2}$/)
  .describe('INEI department code');
export const inscriptionStatus = z.enum(INSCRIPTION_STATUSES);
export const activity = z.enum(ACTIVITIES);
export const isoDate = isoDateSchema.describe('calendar date, YYYY-MM-DD');

export const searchQuery = z.object({
  q: z.string().trim().min(2).max(100).describe('name, RUC, DNI or mining right code'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** What anyone may see of an inscription: no DNI, natural persons' RUC masked. */
export const publicInscription = z.object({
  id: z.number(),
  ruc: z.string(),
  declarantName: z.string(),
  declarantType: z.enum(['person', 'organization']),
  miningRightCode: z.string(),
  miningRightName: z.string(),
  activity,
  departmentCode: z.string(),
  departmentName: z.string(),
  districtCode: z.string().nullable(),
  inscriptionDate: isoDate,
  status: inscriptionStatus,
  statusSince: isoDate,
});

export const publicStats = z.object({
  total: z.number(),
  byStatus: z.record(z.string(), z.number()),
  byDepartment: z.array(z.object({ code: z.string(), name: z.string(), vigente: z.number(), suspendido: z.number(), excluido: z.number(), total: z.number() })),
});

export const department = z.object({ code: z.string(), reniecCode: z.string(), name: z.string() });

export const searchHit = z.object({
  kind: z.enum(['person', 'organization', 'mining_right', 'inscription'] as const),
  id: z.number(),
  label: z.string(),
  detail: z.string(),
  departmentCode: z.string().nullable(),
  score: z.number(),
});

export const stratum = z.object({
  stratum: z.enum(STRATA),
  explanation: z.array(z.string()),
  legalSource: z.string().nullable(),
});

const statusChange = z.object({
  status: inscriptionStatus,
  effectiveDate: isoDate,
  reason: z.string().trim().min(3).max(500),
  importId: z.number().nullable(),
  actor: z.string(),
});

export const inscriptionDetail = z.object({
  id: z.number(),
  ruc: z.string(),
  declarantName: z.string(),
  personId: z.number().nullable(),
  organizationId: z.number().nullable(),
  miningRight: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    hectares: z.string().nullable(),
    substance: z.string(),
    capacity: z.string().nullable(),
    verification: z.string(),
  }),
  activity,
  departmentCode: z.string(),
  departmentName: z.string(),
  districtCode: z.string().nullable(),
  front: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  inscriptionDate: isoDate,
  status: inscriptionStatus,
  statusSince: isoDate,
  stratum,
  history: z.array(statusChange),
  /** Its formalization expediente (GET /api/formalization/expedientes/{id}); null: none opened, or not visible. */
  expedienteId: z.number().nullable(),
  /**
   * Protected, buffer, exclusion and indigenous-reserve areas its front lies in (`front`) or the
   * polygon of its right overlaps (`right`, with the hectares inside): warnings, never a refusal.
   */
  overlaps: z.array(
    z.object({
      entity: z.enum(['front', 'right']),
      areaKind: z.string(),
      areaCode: z.string(),
      areaName: z.string(),
      category: z.string().nullable(),
      hectares: z.number().nullable(),
    }),
  ),
});

export const statusChangeBody = z.object({
  status: inscriptionStatus,
  effectiveDate: isoDate,
  reason: z.string().trim().min(3).max(500),
});

/** An inscription in a profile, with its RUC and its formalization expediente (null: none opened, or not visible). */
const inscriptionRef = z.object({
  id: z.number(),
  ruc: z.string(),
  miningRightCode: z.string(),
  activity,
  status: inscriptionStatus,
  expedienteId: z.number().nullable(),
});

export const person = z.object({
  id: z.number(),
  dni: z.string(),
  fullName: z.string(),
  sex: z.enum(['F', 'M']).nullable(),
  birthDate: isoDate.nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string(),
  mergedInto: z.number().nullable(),
  inscriptions: z.array(inscriptionRef),
  organizations: z.array(z.object({ id: z.number(), ruc: z.string(), name: z.string(), role: z.string() })),
});

export const organization = z.object({
  id: z.number(),
  ruc: z.string(),
  name: z.string(),
  type: z.enum(['cooperative', 'association', 'company', 'community']),
  regionCode: z.string(),
  members: z.array(z.object({ personId: z.number(), fullName: z.string(), role: z.string() })),
  inscriptions: z.array(inscriptionRef),
});

export const duplicatePair = z.object({
  a: z.object({ id: z.number(), dni: z.string(), fullName: z.string() }),
  b: z.object({ id: z.number(), dni: z.string(), fullName: z.string() }),
  similarity: z.number(),
  sameBirthDate: z.boolean(),
});

export const mergeBody = z.object({ into: z.number().int().positive() });

export const importCounts = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), message: z.string() })),
});

/** Which finished import's rejected rows to cut out of the file sent again, and as what. */
export const rejectedRowsQuery = z.object({
  job: z.coerce.number().int().positive(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

/** The row errors of a REINFO or RECPO import job's result. */
export const jobRowErrors = z.object({
  errors: z.array(z.object({ row: z.number().int(), column: z.string().optional(), message: z.string() })),
});

export const job = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  processed: z.number(),
  total: z.number().nullable(),
  result: z.unknown().nullable(),
});

export const rightCodeParam = z.object({ code: z.string().min(3).max(20) });

export const rightBody = z.object({
  name: z.string().trim().min(1).max(200),
  holderName: z.string().max(200).nullable().optional(),
  holderRuc: z
    .string()
    .regex(/^\d{11}$/)
    .nullable()
    .optional(),
  hectares: z.number().positive().max(1_000_000).nullable().optional().describe('declared area; computed from the polygon when absent'),
  substance: z.enum(['metallic', 'non_metallic', 'placer']),
  capacity: z.number().positive().nullable().optional().describe('t/day (m³/day for placer)'),
  departmentCode: ubigeoDepartment,
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  utmZone: z.union([z.literal(17), z.literal(18), z.literal(19)]).describe('UTM zone (south)'),
  datum: z.enum(['WGS84', 'PSAD56']),
  vertices: z
    .array(z.object({ east: z.number().min(100_000).max(900_000), north: z.number().min(7_900_000).max(10_010_000) }))
    .min(3)
    .max(500),
  dac: z.array(z.object({ year: z.number().int().min(1990).max(2100), status: z.enum(['presented', 'not_presented']) })).optional(),
});

export const miningRight = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  holderName: z.string().nullable(),
  hectares: z.number().nullable(),
  substance: z.enum(['metallic', 'non_metallic', 'placer']),
  capacity: z.number().nullable(),
  departmentCode: z.string(),
  districtCode: z.string().nullable(),
  verification: z.enum(['declared_unverified', 'verified']),
  geometry: z.unknown().nullable().describe('GeoJSON MultiPolygon, WGS84'),
  dac: z.array(z.object({ year: z.number(), status: z.enum(['presented', 'not_presented']) })),
  stratum,
});

/** The public registry as a list: filters, page size and the cursor of the page. */
export const REGISTRY_SORTS = ['declarant', 'ruc', 'code', 'right', 'activity', 'department', 'district', 'date', 'status', 'since'] as const;

export const registryListQuery = listQuery({
  sorts: REGISTRY_SORTS,
  sort: 'declarant',
  filters: {
    q: z.string().trim().min(2).max(100).optional().describe('name, RUC or mining right code'),
    status: inscriptionStatus.optional(),
    department: ubigeoDepartment.optional(),
    district: z
      .string()
      .regex(/^\d{6}$/)
      .optional()
      .describe('UBIGEO district code'),
    from: isoDate.optional().describe('inscribed on or after'),
    to: isoDate.optional().describe('inscribed on or before'),
    cursor: z.string().max(600).optional().describe('the same as `after` (older clients)'),
  },
});

export const registryListPage = listPage(publicInscription);

export const SEARCH_KINDS = ['person', 'organization', 'mining_right', 'inscription'] as const;
export const SEARCH_SORTS = ['relevance', 'name', 'kind', 'department'] as const;

/** Officials' search as a list: the text, the kind and department of the hits; by relevance first. */
export const registrySearchQuery = listQuery({
  sorts: SEARCH_SORTS,
  sort: 'relevance',
  dir: 'desc',
  filters: {
    q: z.string().trim().min(2).max(100).describe('name, RUC, DNI or mining right code'),
    kind: z.enum(SEARCH_KINDS).optional(),
    department: ubigeoDepartment.optional(),
  },
});

export const searchPage = listPage(searchHit);
