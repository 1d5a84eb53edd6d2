/**
 * The registry's open datasets: REINFO inscriptions (the public columns of the
 * `public_inscriptions` view: a natural person's RUC masked, no DNI, address or phone),
 * inscriptions by district and status, mining fronts and mining rights with geometry.
 */
import type { Geometry } from 'geojson';
import { keysetPages, oneBatch, t, type DatasetDefinition, type DatasetField, type DatasetFilter } from '../../platform/datasets.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';

const STATUSES = ['vigente', 'suspendido', 'excluido'] as const;
const ACTIVITIES = ['explotacion', 'beneficio'] as const;

const departmentCode: DatasetField = {
  name: 'department_code',
  type: 'string',
  description: t('Código UBIGEO INEI del departamento (2 dígitos)', 'INEI UBIGEO department code (2 digits)'),
};
const status: DatasetField = {
  name: 'status',
  type: 'string',
  allowedValues: STATUSES,
  description: t('Estado de la inscripción en el REINFO', 'Status of the REINFO inscription'),
};
const activity: DatasetField = {
  name: 'activity',
  type: 'string',
  allowedValues: ACTIVITIES,
  description: t('Actividad inscrita: explotación o beneficio', 'Registered activity: mining (explotación) or processing (beneficio)'),
};

const where = (f: DatasetFilter, dateColumn: string | null, first = 1): { sql: string; params: unknown[] } => ({
  sql: `($${first}::text IS NULL OR department_code = $${first}) AND ($${first + 1}::int IS NULL OR extract(year FROM ${dateColumn ?? 'NULL::date'})::int = $${first + 1})`,
  params: [f.region, f.year],
});

/** ruc and declarant_type are CASE expressions over NOT NULL columns. */
type InscriptionRow = Narrow<Omit<Row<'public_inscriptions'>, 'search_key'>, { ruc: string; declarant_type: string }>;

const reinfoInscriptions: DatasetDefinition = {
  id: 'reinfo-inscripciones',
  theme: 'registry',
  title: t('Inscripciones en el REINFO', 'REINFO inscriptions'),
  description: t(
    'Inscripciones vigentes, suspendidas y excluidas del Registro Integral de Formalización Minera (REINFO): declarante, derecho minero, actividad, ubicación y estado. El RUC de una persona natural se publica enmascarado.',
    "Inscriptions (in force, suspended, excluded) of the Integral Registry of Mining Formalization (REINFO): declarant, mining right, activity, location and status. A natural person's RUC is published masked.",
  ),
  keywords: {
    es: ['REINFO', 'formalización minera', 'pequeña minería', 'minería artesanal'],
    en: ['REINFO', 'mining formalization', 'small-scale mining', 'artisanal mining'],
  },
  frequency: 'daily',
  filters: ['region', 'year'],
  temporalField: 'inscription_date',
  regionField: 'department_code',
  fields: [
    { name: 'id', type: 'integer', description: t('Identificador de la inscripción en Veta', 'Inscription identifier in Veta') },
    {
      name: 'ruc',
      type: 'string',
      description: t(
        'RUC del declarante; el de una persona natural (10…) enmascarado: 10********D',
        "Declarant's RUC; a natural person's (10…) masked: 10********D",
      ),
    },
    { name: 'declarant_name', type: 'string', description: t('Nombre o razón social del declarante', "Declarant's name or business name") },
    {
      name: 'declarant_type',
      type: 'string',
      allowedValues: ['person', 'organization'],
      description: t('Persona natural u organización', 'Natural person or organization'),
    },
    { name: 'mining_right_code', type: 'string', description: t('Código único del derecho minero (INGEMMET)', "Mining right's unique code (INGEMMET)") },
    { name: 'mining_right_name', type: 'string', description: t('Nombre del derecho minero', "Mining right's name") },
    activity,
    departmentCode,
    { name: 'department_name', type: 'string', description: t('Nombre del departamento', 'Department name') },
    {
      name: 'district_code',
      type: 'string',
      nullable: true,
      description: t('Código UBIGEO INEI del distrito (6 dígitos)', 'INEI UBIGEO district code (6 digits)'),
    },
    { name: 'inscription_date', type: 'date', description: t('Fecha de inscripción', 'Inscription date') },
    status,
    { name: 'status_since', type: 'date', description: t('Fecha desde la que rige el estado', 'Date the status applies from') },
  ],
  rows: (q, f) =>
    keysetPages<InscriptionRow, number>(
      async (after, limit) => {
        const w = where(f, 'inscription_date', 3);
        const { rows } = await q.query<InscriptionRow>(
          `SELECT id, ruc::text AS ruc, declarant_name, declarant_type, mining_right_code, mining_right_name, activity,
                  department_code::text AS department_code, department_name, district_code::text AS district_code,
                  inscription_date, status, status_since
           FROM public_inscriptions WHERE id > $1 AND ${w.sql} ORDER BY id LIMIT $2`,
          [after ?? 0, limit, ...w.params],
        );
        return rows;
      },
      (r) => Number(r.id),
      (r) => ({ values: { ...r, id: Number(r.id) } }),
    ),
};

const inscriptionsByDistrict: DatasetDefinition = {
  id: 'reinfo-inscripciones-por-distrito',
  theme: 'registry',
  title: t('Inscripciones en el REINFO por distrito y estado', 'REINFO inscriptions by district and status'),
  description: t(
    'Número de inscripciones en el REINFO por departamento, distrito, actividad y estado.',
    'Number of REINFO inscriptions by department, district, activity and status.',
  ),
  keywords: { es: ['REINFO', 'distrito', 'estadística'], en: ['REINFO', 'district', 'statistics'] },
  frequency: 'daily',
  filters: ['region', 'year'],
  regionField: 'department_code',
  fields: [
    departmentCode,
    { name: 'department_name', type: 'string', description: t('Nombre del departamento', 'Department name') },
    {
      name: 'district_code',
      type: 'string',
      nullable: true,
      description: t('Código UBIGEO INEI del distrito; vacío: distrito no declarado', 'INEI UBIGEO district code; empty: district not declared'),
    },
    activity,
    status,
    { name: 'inscriptions', type: 'integer', unit: 'inscripciones', description: t('Número de inscripciones', 'Number of inscriptions') },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const w = where(f, 'inscription_date');
      const { rows } = await q.query<{
        department_code: string;
        department_name: string;
        district_code: string | null;
        activity: string;
        status: string;
        n: number;
      }>(
        `SELECT department_code::text AS department_code, department_name, district_code::text AS district_code, activity, status, count(*)::int AS n
         FROM public_inscriptions WHERE ${w.sql}
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3 NULLS LAST, 4, 5`,
        w.params,
      );
      return rows.map(({ n, ...r }) => ({ values: { ...r, inscriptions: Number(n) } }));
    }),
};

const miningFronts: DatasetDefinition = {
  id: 'frentes-mineros',
  theme: 'registry',
  title: t('Frentes mineros del REINFO', 'REINFO mining fronts'),
  description: t(
    'Ubicación (punto WGS84) del frente de explotación o beneficio declarado en cada inscripción del REINFO, con su estado y actividad; sin datos del declarante.',
    'Location (WGS84 point) of the mining or processing front declared in each REINFO inscription, with its status and activity; no declarant data.',
  ),
  keywords: { es: ['REINFO', 'frente minero', 'mapa'], en: ['REINFO', 'mining front', 'map'] },
  frequency: 'daily',
  filters: ['region'],
  regionField: 'department_code',
  geometry: 'Point',
  fields: [
    { name: 'inscription_id', type: 'integer', description: t('Identificador de la inscripción en Veta', 'Inscription identifier in Veta') },
    status,
    activity,
    departmentCode,
    { name: 'longitude', type: 'number', unit: '° (WGS84)', description: t('Longitud del frente', "Front's longitude") },
    { name: 'latitude', type: 'number', unit: '° (WGS84)', description: t('Latitud del frente', "Front's latitude") },
  ],
  rows: (q, f) =>
    keysetPages<{ id: number; status: string; activity: string; department_code: string; lon: number; lat: number }, number>(
      async (after, limit) =>
        (
          await q.query<{ id: number; status: string; activity: string; department_code: string; lon: number; lat: number }>(
            `SELECT id, status, activity, department_code, ST_X(front) AS lon, ST_Y(front) AS lat FROM public_fronts
             WHERE id > $1 AND ($3::text IS NULL OR department_code = $3) ORDER BY id LIMIT $2`,
            [after ?? 0, limit, f.region],
          )
        ).rows,
      (r) => Number(r.id),
      (r) => {
        const lon = Math.round(Number(r.lon) * 1e6) / 1e6;
        const lat = Math.round(Number(r.lat) * 1e6) / 1e6;
        return {
          values: { inscription_id: Number(r.id), status: r.status, activity: r.activity, department_code: r.department_code, longitude: lon, latitude: lat },
          geometry: { type: 'Point', coordinates: [lon, lat] },
        };
      },
    ),
};

const miningRights: DatasetDefinition = {
  id: 'derechos-mineros',
  theme: 'registry',
  title: t('Derechos mineros con su polígono', 'Mining rights with their polygon'),
  description: t(
    'Derechos mineros de la pequeña minería y minería artesanal registrados en Veta: código, nombre, hectáreas, departamento, verificación de las coordenadas y polígono (WGS84).',
    'Mining rights of small-scale and artisanal mining registered in Veta: code, name, hectares, department, verification of the coordinates and polygon (WGS84).',
  ),
  keywords: { es: ['derecho minero', 'concesión', 'catastro', 'mapa'], en: ['mining right', 'concession', 'cadastre', 'map'] },
  frequency: 'daily',
  filters: ['region'],
  regionField: 'department_code',
  geometry: 'MultiPolygon',
  fields: [
    { name: 'code', type: 'string', description: t('Código único del derecho minero (INGEMMET)', "Mining right's unique code (INGEMMET)") },
    { name: 'name', type: 'string', description: t('Nombre del derecho minero', "Mining right's name") },
    { name: 'hectares', type: 'number', unit: 'ha', nullable: true, description: t('Extensión', 'Area') },
    departmentCode,
    {
      name: 'verification',
      type: 'string',
      allowedValues: ['declared_unverified', 'verified'],
      description: t('Coordenadas declaradas sin verificar o verificadas', 'Coordinates declared unverified or verified'),
    },
  ],
  rows: (q, f) =>
    keysetPages<{ code: string; name: string; hectares: number | null; department_code: string; verification: string; geom: string }, string>(
      async (after, limit) =>
        (
          await q.query<{ code: string; name: string; hectares: number | null; department_code: string; verification: string; geom: string }>(
            `SELECT code, name, hectares, department_code, verification, ST_AsGeoJSON(geom, 6) AS geom FROM public_rights
             WHERE code > $1 AND ($3::text IS NULL OR department_code = $3) ORDER BY code LIMIT $2`,
            [after ?? '', limit, f.region],
          )
        ).rows,
      (r) => r.code,
      (r) => ({
        values: {
          code: r.code,
          name: r.name,
          hectares: r.hectares === null ? null : Number(r.hectares),
          department_code: r.department_code,
          verification: r.verification,
        },
        geometry: JSON.parse(r.geom) as Geometry,
      }),
      2000,
    ),
};

export const registryDatasets: readonly DatasetDefinition[] = [reinfoInscriptions, inscriptionsByDistrict, miningFronts, miningRights];
