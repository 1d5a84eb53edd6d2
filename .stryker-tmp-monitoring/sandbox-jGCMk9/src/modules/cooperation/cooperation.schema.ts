/** Request and response shapes of the cooperation API (validation, types and OpenAPI). */
// @ts-nocheck

import { z } from 'zod';
import { isoDateSchema } from '../../kernel/date.schema.ts';
import { ASPECTS, FLOW_KINDS, PARTNER_ROLES, POLICY_CODE_PATTERN, PROJECT_STATUSES, STRATA } from './cooperation.domain.ts';

const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code, e.g. USD, EUR');
const ubigeo = z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'A UBIGEO code: department (2 digits), province (4) or district (6)');
const year = z.number().int().min(1990).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

export const partnerSchema = z.object({
  role: z.enum(PARTNER_ROLES),
  name: text(300),
  ref: text(200).nullable().default(null),
});

export const flowSchema = z.object({
  kind: z.enum(FLOW_KINDS),
  year,
  currency,
  amount: z.number().finite(),
  valueDate: isoDateSchema.nullable().default(null),
  /** ISO 3166-1 alpha-2, when a transaction gives its recipient country. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default(null),
  /** DAC CRS purpose code, when a transaction gives its sector. */
  sector: z.string().trim().min(1).max(20).nullable().default(null),
});

/** A project as the cooperation unit registers it (and as an IATI activity becomes one). */
export const projectInput = z
  .object({
    identifier: z.string().trim().min(3).max(200),
    titleEs: text(500).nullable().default(null),
    titleEn: text(500).nullable().default(null),
    descriptionEs: z.string().trim().max(10000).nullable().default(null),
    descriptionEn: z.string().trim().max(10000).nullable().default(null),
    agencyCode: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/)
      .nullable()
      .default(null),
    partners: z.array(partnerSchema).max(50).default([]),
    status: z.enum(PROJECT_STATUSES),
    startDate: isoDateSchema.nullable().default(null),
    endDate: isoDateSchema.nullable().default(null),
    defaultCurrency: currency.nullable().default(null),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .max(50)
      .default(['PE']),
    sectors: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
    regions: z.array(ubigeo).max(200).default([]),
    strata: z.array(z.enum(STRATA)).default([]),
    aspects: z.array(z.enum(ASPECTS)).default([]),
    policyCodes: z
      .array(z.string().regex(POLICY_CODE_PATTERN, 'A policy objective, guideline or service code (OP.01, LN.01.02, SS.01.02.03)'))
      .max(100)
      .default([]),
    flows: z.array(flowSchema).max(2000).default([]),
  })
  .refine((p) => p.titleEs !== null || p.titleEn !== null, { message: 'A title in Spanish or English is required', path: ['titleEs'] })
  .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, { message: 'The end date is before the start date', path: ['endDate'] });
export type ProjectInput = z.output<typeof projectInput>;
export type ProjectInputIn = z.input<typeof projectInput>;

export const projectSchema = z.object({
  id: z.number().int(),
  identifier: z.string(),
  source: z.enum(['veta', 'iati']),
  titleEs: z.string().nullable(),
  titleEn: z.string().nullable(),
  descriptionEs: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  reportingOrgRef: z.string().nullable(),
  reportingOrgName: z.string().nullable(),
  partners: z.array(partnerSchema),
  status: z.enum(PROJECT_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  defaultCurrency: z.string().nullable(),
  countries: z.array(z.string()),
  sectors: z.array(z.string()),
  sectorLevel: z.enum(['activity', 'transaction']).nullable(),
  regions: z.array(z.string()),
  strata: z.array(z.enum(STRATA)),
  aspects: z.array(z.enum(ASPECTS)),
  policyCodes: z.array(z.string()),
  flows: z.array(flowSchema.extend({ usd: z.number().nullable() })),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectSummary = projectSchema.omit({ flows: true, partners: true, descriptionEs: true, descriptionEn: true }).extend({
  budgetUsd: z.number(),
  disbursedUsd: z.number(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const listQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  agency: z.string().optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  aspect: z.enum(ASPECTS).optional(),
  stratum: z.enum(STRATA).optional(),
  q: z.string().max(100).optional(),
});

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const versionSchema = z.object({ version: z.number().int(), source: z.string(), recordedBy: z.string(), recordedAt: z.string(), snapshot: z.unknown() });

export const agencySchema = z.object({
  code: z.string(),
  acronym: z.string(),
  nameEs: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  donorCountry: z.string().nullable(),
  iatiOrgId: z.string().nullable(),
});
export type Agency = z.infer<typeof agencySchema>;

export const matrixQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  agency: z.string().optional(),
  objective: z
    .string()
    .regex(/^OP\.\d+$/)
    .optional(),
});
export type MatrixQuery = z.infer<typeof matrixQuery>;

const cell = z.object({ projects: z.number().int(), budgetUsd: z.number() });
export const gapMatrixSchema = z.object({
  year: z.number().int(),
  region: z.string().nullable(),
  agency: z.string().nullable(),
  objective: z.string().nullable(),
  strata: z.array(z.enum(STRATA)),
  aspects: z.array(z.enum(ASPECTS)),
  /** cells[stratum][aspect]; an empty cell has 0 projects (a gap). */
  cells: z.record(z.string(), z.record(z.string(), cell)),
  gaps: z.number().int(),
  activeProjects: z.number().int(),
  /** Active projects that name no stratum or no aspect: counted here, in no cell. */
  unclassified: z.number().int(),
  byRegion: z.array(cell.extend({ key: z.string(), name: z.string() })),
  byAgency: z.array(cell.extend({ key: z.string(), name: z.string() })),
  byObjective: z.array(cell.extend({ key: z.string(), name: z.string() })),
  /** The stored policy's priority objectives (for the objective filter). */
  objectives: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type GapMatrix = z.infer<typeof gapMatrixSchema>;

export const odaSchema = z.object({
  /** Disbursements of Veta's projects converted to USD, by agency and year. */
  byAgency: z.array(z.object({ agencyCode: z.string(), agencyName: z.string(), year: z.number().int(), disbursedUsd: z.number(), committedUsd: z.number() })),
  /** Net ODA to Peru as the DAC reported it (USD million), by donor country and year. */
  reported: z.array(
    z.object({ donor: z.string(), donorEs: z.string(), donorEn: z.string(), year: z.number().int(), usdMillion: z.number(), source: z.string() }),
  ),
});
export type Oda = z.infer<typeof odaSchema>;
