/** Shapes of the open data API (the catalog's JSON; DCAT and CKAN are renderings of the same entries). */
import { z } from 'zod';
import { DATASET_THEMES, FREQUENCIES } from '../../platform/datasets.ts';
import { FORMATS } from './opendata.formats.ts';

const localized = z.object({ es: z.string(), en: z.string() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const fieldSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'integer', 'number', 'date', 'boolean']),
  unit: z.string().nullable(),
  description: localized,
  allowedValues: z.array(z.string()).nullable(),
  nullable: z.boolean(),
});

export const snapshotSchema = z.object({
  date: isoDate,
  publishedAt: z.string(),
  rows: z.number().int(),
  sha256: z.string(),
  temporal: z.object({ start: isoDate.nullable(), end: isoDate.nullable() }),
  regions: z.array(z.string()),
});

export const datasetEntrySchema = z.object({
  id: z.string(),
  module: z.string(),
  theme: z.enum(DATASET_THEMES),
  title: localized,
  description: localized,
  keywords: z.object({ es: z.array(z.string()), en: z.array(z.string()) }),
  publisher: z.object({ name: z.string(), url: z.string().nullable() }),
  contact: z.object({ name: z.string(), email: z.string() }),
  license: z.object({ id: z.string(), title: z.string(), url: z.string() }),
  frequency: z.enum(FREQUENCIES),
  filters: z.array(z.enum(['region', 'year'])),
  spatial: z.boolean(),
  /** When the data last changed (the last audited write), ISO 8601. */
  modified: z.string().nullable(),
  /** From the latest snapshot, when the dataset was published. */
  temporal: z.object({ start: isoDate.nullable(), end: isoDate.nullable() }).nullable(),
  regions: z.array(z.string()).nullable(),
  fields: z.array(fieldSchema),
  distributions: z.array(z.object({ format: z.enum(FORMATS), mediaType: z.string(), url: z.string() })),
  /** The same data in another module's representation (the projects as IATI). */
  alternates: z.array(z.object({ format: z.string(), mediaType: z.string(), url: z.string(), title: localized, conformsTo: z.string().nullable() })),
  latestSnapshot: snapshotSchema.nullable(),
});
export type DatasetEntry = z.infer<typeof datasetEntrySchema>;

export const catalogQuery = z.object({
  q: z.string().max(200).optional(),
  theme: z.enum(DATASET_THEMES).optional(),
});

export const downloadParams = z.object({ id: z.string().max(90), format: z.string().max(10) });
export const downloadQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  /** A dated snapshot: the latest one published on or before this day. */
  date: isoDate.optional(),
  /** The first rows only (previews). */
  limit: z.coerce.number().int().min(1).max(10000).optional(),
});

export const publishResultSchema = z.object({
  publicationId: z.number().int(),
  snapshotDate: isoDate,
  datasets: z.array(z.object({ id: z.string(), rows: z.number().int(), sha256: z.string(), changed: z.boolean() })),
});
