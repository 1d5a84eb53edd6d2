/**
 * Catalog entries (the JSON of /api/public/datasets) and their DCAT-AP 3 and CKAN
 * renderings. Pure: the caller passes the data version and the latest snapshots.
 */
import type { Frequency, DatasetTheme } from '../../platform/datasets.ts';
import { downloadPath, type CatalogDataset } from './opendata.catalog.ts';
import { MEDIA_TYPES, type DatasetFormat } from './opendata.formats.ts';
import type { DatasetEntry } from './opendata.schema.ts';
import type { SnapshotRow } from './opendata.queries.ts';

export function datasetEntry(d: CatalogDataset, base: string, modified: string | null, latest: SnapshotRow | null): DatasetEntry {
  return {
    id: d.id,
    module: d.module,
    theme: d.theme,
    title: d.title,
    description: d.description,
    keywords: { es: [...d.keywords.es], en: [...d.keywords.en] },
    publisher: { name: d.publisher.name, url: d.publisher.url ?? null },
    contact: d.contact,
    license: d.license,
    frequency: d.frequency,
    filters: [...d.filters],
    spatial: d.geometry !== undefined,
    modified,
    temporal: latest ? { start: latest.temporal_start, end: latest.temporal_end } : null,
    regions: latest && d.regionField ? latest.regions : null,
    fields: d.fields.map((f) => ({
      name: f.name,
      type: f.type,
      unit: f.unit ?? null,
      description: f.description,
      allowedValues: f.allowedValues ? [...f.allowedValues] : null,
      nullable: f.nullable ?? false,
    })),
    distributions: d.formats.map((format) => ({ format, mediaType: mediaType(format), url: `${base}${downloadPath(d.id, format)}` })),
    alternates: (d.alternates ?? []).map((a) => ({
      format: a.format,
      mediaType: a.mediaType,
      url: `${base}${a.path}`,
      title: a.title,
      conformsTo: a.conformsTo ?? null,
    })),
    latestSnapshot: latest
      ? {
          date: latest.snapshot_date,
          publishedAt: latest.published_at,
          rows: latest.row_count,
          sha256: latest.sha256,
          temporal: { start: latest.temporal_start, end: latest.temporal_end },
          regions: latest.regions,
        }
      : null,
  };
}

const mediaType = (f: DatasetFormat): string => MEDIA_TYPES[f].split(';')[0]!;

// EU controlled vocabularies, which DCAT-AP 3 names for these properties.
const EU = 'http://publications.europa.eu/resource/authority';
const FREQUENCY_URI: Record<Frequency, string> = {
  continuous: `${EU}/frequency/UPDATE_CONT`,
  daily: `${EU}/frequency/DAILY`,
  weekly: `${EU}/frequency/WEEKLY`,
  monthly: `${EU}/frequency/MONTHLY`,
  quarterly: `${EU}/frequency/QUARTERLY`,
  annual: `${EU}/frequency/ANNUAL`,
  irregular: `${EU}/frequency/IRREG`,
};
const THEME_URI: Record<DatasetTheme, string> = {
  registry: `${EU}/data-theme/ECON`,
  formalization: `${EU}/data-theme/GOVE`,
  traceability: `${EU}/data-theme/ECON`,
  monitoring: `${EU}/data-theme/GOVE`,
  territory: `${EU}/data-theme/REGI`,
  services: `${EU}/data-theme/GOVE`,
  cooperation: `${EU}/data-theme/INTR`,
  surveys: `${EU}/data-theme/SOCI`,
};
const FILE_TYPE: Record<DatasetFormat, string> = {
  csv: `${EU}/file-type/CSV`,
  xlsx: `${EU}/file-type/XLSX`,
  json: `${EU}/file-type/JSON`,
  geojson: `${EU}/file-type/GEOJSON`,
  'shp.zip': `${EU}/file-type/SHP`,
};
const PERU = `${EU}/country/PER`;

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adms: 'http://www.w3.org/ns/adms#',
} as const;

const both = (l: { es: string; en: string }) => [
  { '@value': l.es, '@language': 'es' },
  { '@value': l.en, '@language': 'en' },
];
const ref = (id: string) => ({ '@id': id });
const typed = (value: string, type: 'xsd:date' | 'xsd:dateTime') => ({ '@value': value, '@type': type });

/** The catalog as DCAT-AP 3 JSON-LD (inline context: it expands offline). */
export function dcatCatalog(entries: readonly DatasetEntry[], base: string, modified: string | null): Record<string, unknown> {
  const publisher = { '@id': `${base}/#publisher`, '@type': 'foaf:Agent', 'foaf:name': 'Ministerio de Energía y Minas — DGFM' };
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${base}/api/public/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': both({ es: 'Veta — datos abiertos de la pequeña minería y minería artesanal', en: 'Veta — open data of small-scale and artisanal mining' }),
    'dct:description': both({
      es: 'Datos abiertos del sistema de información de la pequeña minería y minería artesanal del Perú: REINFO, formalización, trazabilidad del oro y seguimiento de la política nacional.',
      en: "Open data of Peru's information system for small-scale and artisanal mining: REINFO, formalization, gold traceability and national policy follow-up.",
    }),
    'dct:publisher': publisher,
    'dct:language': [ref(`${EU}/language/SPA`), ref(`${EU}/language/ENG`)],
    'dct:spatial': ref(PERU),
    'foaf:homepage': ref(`${base}/datos`),
    ...(modified ? { 'dct:modified': typed(modified, 'xsd:dateTime') } : {}),
    'dcat:dataset': entries.map((e) => dcatDataset(e, base, modified)),
  };
}

function dcatDataset(e: DatasetEntry, base: string, modified: string | null): Record<string, unknown> {
  const license = ref(e.license.url);
  return {
    '@id': `${base}/api/public/datasets/${e.id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': e.id,
    'dct:title': both(e.title),
    'dct:description': both(e.description),
    'dcat:keyword': [...e.keywords.es.map((k) => ({ '@value': k, '@language': 'es' })), ...e.keywords.en.map((k) => ({ '@value': k, '@language': 'en' }))],
    'dcat:theme': ref(THEME_URI[e.theme]),
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': e.publisher.name, ...(e.publisher.url ? { 'foaf:homepage': ref(e.publisher.url) } : {}) },
    'dcat:contactPoint': { '@type': 'vcard:Kind', 'vcard:fn': e.contact.name, 'vcard:hasEmail': ref(`mailto:${e.contact.email}`) },
    'dct:license': license,
    'dct:accrualPeriodicity': ref(FREQUENCY_URI[e.frequency]),
    ...(modified ? { 'dct:modified': typed(modified, 'xsd:dateTime') } : {}),
    'dct:spatial': [ref(PERU), ...(e.regions ?? []).map((r) => ({ '@type': 'dct:Location', 'skos:prefLabel': `UBIGEO ${r}`, 'skos:notation': r }))],
    ...(e.temporal && (e.temporal.start || e.temporal.end)
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            ...(e.temporal.start ? { 'dcat:startDate': typed(e.temporal.start, 'xsd:date') } : {}),
            ...(e.temporal.end ? { 'dcat:endDate': typed(e.temporal.end, 'xsd:date') } : {}),
          },
        }
      : {}),
    'dcat:landingPage': ref(`${base}/datos/${e.id}`),
    'dcat:distribution': [
      ...e.distributions.map((d) => ({
        '@id': d.url,
        '@type': 'dcat:Distribution',
        'dct:title': `${e.id}.${d.format}`,
        'dcat:accessURL': ref(d.url),
        'dcat:downloadURL': ref(d.url),
        'dcat:mediaType': ref(`https://www.iana.org/assignments/media-types/${d.mediaType}`),
        'dct:format': ref(FILE_TYPE[d.format]),
        'dct:license': license,
        ...(modified ? { 'dct:modified': typed(modified, 'xsd:dateTime') } : {}),
      })),
      ...e.alternates.map((a) => ({
        '@id': a.url,
        '@type': 'dcat:Distribution',
        'dct:title': both(a.title),
        'dcat:accessURL': ref(a.url),
        'dcat:downloadURL': ref(a.url),
        'dcat:mediaType': ref(`https://www.iana.org/assignments/media-types/${a.mediaType}`),
        'dct:format': ref(`${EU}/file-type/XML`),
        ...(a.conformsTo ? { 'dct:conformsTo': ref(a.conformsTo) } : {}),
        'dct:license': license,
        ...(modified ? { 'dct:modified': typed(modified, 'xsd:dateTime') } : {}),
      })),
    ],
  };
}

/** A catalog entry as a CKAN package (package_show's result). */
export function ckanPackage(e: DatasetEntry, modified: string | null): Record<string, unknown> {
  const stamp = (modified ?? '1970-01-01T00:00:00.000Z').replace(/Z$/, '');
  return {
    id: e.id,
    name: e.id,
    title: e.title.es,
    notes: e.description.es,
    type: 'dataset',
    state: 'active',
    private: false,
    license_id: e.license.id,
    license_title: e.license.title,
    license_url: e.license.url,
    author: e.publisher.name,
    maintainer: e.contact.name,
    maintainer_email: e.contact.email,
    metadata_modified: stamp,
    organization: { name: 'minem-dgfm', title: e.publisher.name },
    groups: [{ name: e.theme, title: e.theme }],
    tags: e.keywords.es.map((k) => ({ name: k, display_name: k })),
    num_tags: e.keywords.es.length,
    extras: [
      { key: 'title_en', value: e.title.en },
      { key: 'notes_en', value: e.description.en },
      { key: 'frequency', value: e.frequency },
      { key: 'spatial_coverage', value: e.regions ? e.regions.join(',') : 'PE' },
      { key: 'temporal_start', value: e.temporal?.start ?? '' },
      { key: 'temporal_end', value: e.temporal?.end ?? '' },
    ],
    resources: [
      ...e.distributions.map((d) => ({
        id: `${e.id}-${d.format.replace('.', '-')}`,
        name: `${e.id}.${d.format}`,
        description: e.title.es,
        url: d.url,
        format: d.format === 'shp.zip' ? 'SHP' : d.format.toUpperCase(),
        mimetype: d.mediaType,
      })),
      ...e.alternates.map((a) => ({
        id: `${e.id}-${a.format.toLowerCase()}`,
        name: a.title.es,
        description: a.title.es,
        url: a.url,
        format: a.format,
        mimetype: a.mediaType,
      })),
    ].map((r, i) => ({ ...r, package_id: e.id, position: i, state: 'active', last_modified: stamp })),
    num_resources: e.distributions.length + e.alternates.length,
  };
}
