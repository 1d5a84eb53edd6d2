import { z } from 'zod';
import { RECORD_KINDS } from './binding.contract.ts';

/** The records behind a measured indicator's numerator and denominator (drill-down). */

export const drillDownQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200),
  side: z.enum(['numerator', 'denominator']).default('numerator').describe('the records counted in the numerator, or the units of the denominator'),
  department: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe('only the records of one department (INEI code)'),
});

export const drillDownRecord = z.object({
  kind: z.enum(RECORD_KINDS),
  id: z.number(),
  label: z.string().describe('never a DNI or a RUC'),
  departmentCode: z.string().nullable(),
  counted: z.boolean().describe('counted in the numerator'),
});

export const drillDown = z.object({
  policy: z.string(),
  indicator: z.string(),
  name: z.string(),
  year: z.number().int(),
  unit: z.enum(['percent', 'number', 'index']),
  side: z.enum(['numerator', 'denominator']),
  value: z.number().nullable().describe('national'),
  numerator: z.number(),
  denominator: z.number(),
  scope: z.object({
    scoped: z.boolean().describe('true when row-level security limited the records to a region'),
    regionCode: z.string().nullable(),
    numerator: z.number(),
    denominator: z.number(),
  }),
  available: z.boolean().describe('false when the denominator is not a set of records (hours worked, a fixed number of regional governments)'),
  note: z.string().nullable(),
  description: z.string(),
  records: z.array(drillDownRecord),
});
export type DrillDown = z.infer<typeof drillDown>;
