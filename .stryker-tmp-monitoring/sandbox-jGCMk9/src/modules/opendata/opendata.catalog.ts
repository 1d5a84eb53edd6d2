/**
 * The catalog: every registered module's datasets (`VetaModule.datasets`), with the
 * catalog's defaults applied (publisher MINEM DGFM, licence CC BY 4.0, contact).
 * Pure apart from loading the modules' dataset files once.
 */
// @ts-nocheck

import { CC_BY_4, MINEM_DGFM, type DatasetDefinition, type DatasetFilter, type DatasetLicense, type DatasetPublisher } from '../../platform/datasets.ts';
import { registeredModules, type VetaModule } from '../../platform/module.ts';
import { formatsOf, type DatasetFormat } from './opendata.formats.ts';

export const CATALOG_CONTACT = { name: 'Veta — datos abiertos (MINEM DGFM)', email: 'datosabiertos@minem.gob.pe' } as const;

export interface CatalogDataset extends DatasetDefinition {
  module: string;
  publisher: DatasetPublisher;
  contact: { name: string; email: string };
  license: DatasetLicense;
  formats: readonly DatasetFormat[];
}

let loaded: { modules: readonly VetaModule[]; datasets: Promise<readonly CatalogDataset[]> } | undefined;

/** The datasets of the registered modules, in module order (loaded once per module list). */
export function catalogDatasets(): Promise<readonly CatalogDataset[]> {
  const modules = registeredModules();
  if (loaded?.modules !== modules) loaded = { modules, datasets: load(modules) };
  return loaded.datasets;
}

async function load(modules: readonly VetaModule[]): Promise<readonly CatalogDataset[]> {
  const perModule = await Promise.all(modules.map(async (m) => ((await m.datasets?.()) ?? []).map((d) => withDefaults(m.name, d))));
  const all = perModule.flat();
  const seen = new Set<string>();
  for (const d of all) {
    if (seen.has(d.id)) throw new Error(`Two datasets are called ${d.id}`);
    seen.add(d.id);
  }
  return all;
}

export function withDefaults(module: string, d: DatasetDefinition): CatalogDataset {
  return {
    ...d,
    module,
    publisher: d.publisher ?? MINEM_DGFM,
    contact: d.contact ?? CATALOG_CONTACT,
    license: d.license ?? CC_BY_4,
    formats: formatsOf(d),
  };
}

export async function findDataset(id: string): Promise<CatalogDataset | undefined> {
  return (await catalogDatasets()).find((d) => d.id === id);
}

/** A filter the dataset does not honour, if the request asks for one. */
export function unsupportedFilter(d: DatasetDefinition, f: DatasetFilter): 'region' | 'year' | null {
  if (f.region !== null && !d.filters.includes('region')) return 'region';
  if (f.year !== null && !d.filters.includes('year')) return 'year';
  return null;
}

/** The address a download of the dataset lives at, relative to the site. */
export const downloadPath = (id: string, format: DatasetFormat): string => `/api/public/datasets/${id}.${format}`;

/** Case- and accent-insensitive text of a dataset, for searches. */
type Searchable = Pick<DatasetDefinition, 'id' | 'title' | 'description' | 'keywords' | 'theme'>;

export function searchText(d: Searchable): string {
  return fold([d.id, d.title.es, d.title.en, d.description.es, d.description.en, ...d.keywords.es, ...d.keywords.en, d.theme].join(' '));
}

export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Datasets matching every word of `q` (all of them for an empty query). */
export function searchDatasets<T extends Searchable>(datasets: readonly T[], q: string | undefined): T[] {
  const words = fold(q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return datasets.filter((d) => {
    const text = searchText(d);
    return words.every((w) => text.includes(w));
  });
}
