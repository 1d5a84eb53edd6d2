/** The open data API's shapes, from the server's zod schemas (type-only: erased from the bundle). */
// @ts-nocheck

import type { z } from 'zod';
import type { datasetEntrySchema } from '../../../src/modules/opendata/opendata.schema.ts';

export type DatasetEntry = z.output<typeof datasetEntrySchema>;
export type DatasetField = DatasetEntry['fields'][number];
export type DatasetRow = Record<string, string | number | boolean | null>;
