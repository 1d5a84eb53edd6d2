/** Request and response shapes of the surveys API (zod: validation, types and OpenAPI). */
// @ts-nocheck

import { z } from 'zod';

export const formIdParam = z.object({
  formId: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/)
    .max(200),
});
export const versionQuery = z.object({ version: z.string().min(1).max(100).optional() });

export const formSummary = z.object({
  formId: z.string(),
  version: z.string(),
  title: z.string(),
  versions: z.number().int(),
  importedAt: z.string(),
  submissions: z.number().int(),
});

export const formOut = z.object({
  formId: z.string(),
  version: z.string(),
  title: z.string(),
  importedAt: z.string(),
  /** The form as xlsform.model.ts FormDefinition describes it. */
  definition: z.record(z.string(), z.unknown()).describe('The parsed XLSForm: fields, groups, repeats, choices, translations (xlsform.model.ts)'),
});

export const formImported = z.object({ formId: z.string(), version: z.string(), fields: z.number().int(), status: z.enum(['inserted', 'unchanged']) });

/** Answers: text per field, repeats as lists of answer sets. */
type AnswersIn = { [k: string]: string | AnswersIn[] };
export const answers: z.ZodType<AnswersIn> = z.lazy(() => z.record(z.string().max(200), z.union([z.string().max(10_000), z.array(answers).max(500)])));

export const submissionBody = z.object({
  formId: formIdParam.shape.formId,
  version: z.string().min(1).max(100),
  /** The uuid the device made when the surveyor started the form (ODK's meta/instanceID without `uuid:`). */
  instanceId: z.uuid(),
  answers,
  completedAt: z.iso.datetime({ offset: true }).optional(),
});

export const receipt = z.object({
  submissionId: z.number().int(),
  instanceId: z.string(),
  formId: z.string(),
  version: z.string(),
  departmentCode: z.string(),
  receivedAt: z.string(),
  /** True when the instanceID had been received before: this is the stored receipt. */
  duplicate: z.boolean(),
});

export const submissionsQuery = z.object({
  version: z.string().min(1).max(100).optional(),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const submissionOut = receipt
  .omit({ duplicate: true })
  .extend({ answers: z.record(z.string(), z.unknown()), completedAt: z.string().nullable(), source: z.string() });
export const submissionsOut = z.object({ total: z.number().int(), rows: z.array(submissionOut) });

export const exportQuery = z.object({
  version: z.string().min(1).max(100).optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  labels: z.enum(['codes', 'labels']).default('codes'),
  lang: z.string().max(50).optional(),
  /** CSV only: that repeat's rows (with PARENT_KEY and KEY) instead of the submissions. */
  repeat: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/)
    .max(200)
    .optional(),
});

export const aggregateQuery = z.object({ by: z.enum(['region', 'stratum', 'sex', 'age_band']).default('region') });

export const aggregateCell = z.object({
  group: z.string(),
  respondents: z.number().int().nullable(),
  /** Share of respondents (0–1), or null when the cell has fewer than five respondents. */
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
export const aggregatesOut = z.object({
  formId: z.string(),
  by: z.string(),
  minCell: z.number().int(),
  indicators: z.array(z.object({ code: z.string(), label: z.object({ es: z.string(), en: z.string() }), cells: z.array(aggregateCell), total: aggregateCell })),
});
