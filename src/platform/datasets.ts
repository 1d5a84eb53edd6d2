/**
 * The open data contract: what a module implements to publish a dataset in Veta's
 * catalog (`/datos`, `/api/public/catalog.jsonld`, the CKAN API) and its downloads
 * (CSV, XLSX, JSON and, with a geometry, GeoJSON and a zipped Shapefile).
 *
 * A module publishes datasets by adding `datasets: async () => (await import('./x.datasets.ts')).xDatasets`
 * to its `VetaModule` (src/platform/module.ts); the opendata module collects them from
 * `registeredModules()`. A dataset:
 * - reads only its own module's tables (or calls another module's functions),
 * - returns public data only: no DNI, birth date, phone or address, a natural person's
 *   RUC (10…) masked — the open data test walks every dataset and every format to check,
 * - declares every field it returns, in order, in `fields` (the data dictionary): the
 *   same test fails when a row has a column the dictionary does not list, or misses one,
 * - streams: `rows` yields batches (keyset pages, see `keysetPages`), so that a
 *   100,000-row download never holds the whole list in memory.
 * `rows` receives a `Queryable` that reads as an auditor (every region, writes nothing):
 * the dataset itself decides which columns are public.
 */
import type { Geometry } from 'geojson';
import type { Queryable } from './db.ts';

export interface Localized {
  es: string;
  en: string;
}

export type DatasetFieldType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

/** One column of the data dictionary. */
export interface DatasetField {
  name: string;
  type: DatasetFieldType;
  /** Unit of measure (ha, g, días…), when the value is a quantity. */
  unit?: string;
  description: Localized;
  /** The closed list of values the field takes, when there is one. */
  allowedValues?: readonly string[];
  /** Empty (null) allowed, and what empty means. */
  nullable?: boolean;
}

export type DatasetValue = string | number | boolean | null;
export type DatasetRow = Record<string, DatasetValue>;

/** One record of a dataset: its values (the dictionary's fields) and, for spatial datasets, its geometry (WGS84). */
export interface DatasetRecord {
  values: DatasetRow;
  geometry?: Geometry | null;
}

export interface DatasetFilter {
  /** INEI department code (UBIGEO, 2 digits). */
  region: string | null;
  year: number | null;
}

export const DATASET_THEMES = ['registry', 'formalization', 'traceability', 'monitoring', 'territory', 'services', 'cooperation', 'surveys'] as const;
export type DatasetTheme = (typeof DATASET_THEMES)[number];

export const FREQUENCIES = ['continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface DatasetLicense {
  /** SPDX identifier (CC-BY-4.0) */
  id: string;
  title: string;
  url: string;
}

export const CC_BY_4: DatasetLicense = { id: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

export interface DatasetPublisher {
  name: string;
  url?: string;
}

export const MINEM_DGFM: DatasetPublisher = {
  name: 'Ministerio de Energía y Minas — Dirección General de Formalización Minera (MINEM DGFM)',
  url: 'https://www.gob.pe/minem',
};

/**
 * The same data in a representation another module serves (the cooperation projects as
 * an IATI activity file): listed with the downloads in the catalog, DCAT and CKAN.
 */
export interface DatasetAlternate {
  /** Short format label (IATI, XML…). */
  format: string;
  mediaType: string;
  /** Site-relative address (`/api/cooperation/iati.xml`). */
  path: string;
  title: Localized;
  /** The standard the file conforms to (dct:conformsTo), when there is one. */
  conformsTo?: string;
}

export interface DatasetDefinition {
  /** kebab-case, stable: part of every download address. */
  id: string;
  theme: DatasetTheme;
  title: Localized;
  description: Localized;
  keywords: { es: readonly string[]; en: readonly string[] };
  /** Defaults to MINEM DGFM. A regional dataset names its DREM/GREM. */
  publisher?: DatasetPublisher;
  /** Defaults to the open data contact of Veta's catalog. */
  contact?: { name: string; email: string };
  /** Defaults to CC BY 4.0; third-party layers keep theirs. */
  license?: DatasetLicense;
  frequency: Frequency;
  /** The filters the rows honour; a download with another filter is refused. */
  filters: readonly ('region' | 'year')[];
  /** The field whose values give the temporal coverage (a date or a year), and the one holding the department code. */
  temporalField?: string;
  regionField?: string;
  /** The data dictionary, in column order. */
  fields: readonly DatasetField[];
  /** Other representations of the same data served elsewhere (IATI). */
  alternates?: readonly DatasetAlternate[];
  /** Set for spatial datasets: the geometry every record carries (WGS84, EPSG:4326). */
  geometry?: 'Point' | 'MultiPolygon';
  /** The records, in batches (a large dataset yields keyset pages). */
  rows(q: Queryable, filter: DatasetFilter): AsyncIterable<readonly DatasetRecord[]>;
}

/**
 * Pages through an ordered query by its key: `page(after, limit)` returns the rows after
 * `after` (null: from the start); stops at the first short page. Memory holds one page.
 */
export async function* keysetPages<T, K>(
  page: (after: K | null, limit: number) => Promise<readonly T[]>,
  keyOf: (row: T) => K,
  map: (row: T) => DatasetRecord,
  limit = 5000,
): AsyncIterable<readonly DatasetRecord[]> {
  let after: K | null = null;
  for (;;) {
    const rows = await page(after, limit);
    if (rows.length > 0) {
      yield rows.map(map);
      after = keyOf(rows[rows.length - 1]!);
    }
    if (rows.length < limit) return;
  }
}

/** A source that is one query (aggregates): one batch. */
export async function* oneBatch(load: () => Promise<readonly DatasetRecord[]>): AsyncIterable<readonly DatasetRecord[]> {
  yield await load();
}

/** Localized text shorthand for dictionaries. */
export const t = (es: string, en: string): Localized => ({ es, en });
