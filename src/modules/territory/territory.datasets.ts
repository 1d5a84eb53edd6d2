/**
 * The territory module's open datasets: the situation of informal miners' areas by the
 * concession they lie in (seed 004's table, per year and region, from `situationIn`),
 * fronts and mining rights inside protected, buffer and exclusion areas (public columns
 * only: where and in what state, never who), and SERNANP's protected natural areas
 * layer (which keeps its licence).
 */
import type { Geometry } from 'geojson';
import { PUBLIC_ACTOR } from '../../platform/context.ts';
import { keysetPages, oneBatch, t, type DatasetDefinition, type DatasetField, type DatasetLicense } from '../../platform/datasets.ts';
import { peruToday } from '../../platform/time.ts';
import { SITUATIONS } from './situation.domain.ts';
import { situationIn } from './situation.service.ts';

const AREA_KINDS = ['protected', 'buffer', 'exclusion', 'indigenous_reserve'] as const;

/** SERNANP's ANP layer as shipped in reference/areas/ (see its README and LICENSE). */
export const SERNANP_LAYER_LICENSE: DatasetLicense = {
  id: 'MIT',
  title: 'MIT (capa de ANP de SERNANP publicada en unimauro/observatorio-ambiental-peruano)',
  url: 'https://github.com/unimauro/observatorio-ambiental-peruano/blob/main/LICENSE',
};

const departmentCode: DatasetField = {
  name: 'department_code',
  type: 'string',
  description: t('Código UBIGEO INEI del departamento (2 dígitos)', 'INEI UBIGEO department code (2 digits)'),
};

const areaFields: readonly DatasetField[] = [
  {
    name: 'area_kind',
    type: 'string',
    allowedValues: AREA_KINDS,
    description: t(
      'Tipo de área: natural protegida (SERNANP), zona de amortiguamiento, zona de exclusión minera o reserva indígena',
      'Kind of area: protected natural area (SERNANP), buffer zone, mining exclusion zone or indigenous reserve',
    ),
  },
  { name: 'area_code', type: 'string', description: t('Código del área (el de SERNANP para las ANP)', "Area's code (SERNANP's for protected areas)") },
  { name: 'area_name', type: 'string', description: t('Nombre del área', "Area's name") },
  {
    name: 'area_category',
    type: 'string',
    nullable: true,
    description: t(
      'Categoría del área (Parque Nacional, Reserva Nacional…); vacío: sin categoría',
      "Area's category (National Park, National Reserve…); empty: none",
    ),
  },
];

// ---------------------------------------------------------------------------------------------
// The situation of informal miners' areas (seed 004)

/** Years with a DAC on record, and the current one: the years the table is computed for. */
async function situationYears(q: Parameters<DatasetDefinition['rows']>[0]): Promise<number[]> {
  const { rows } = await q.query<{ year: number }>('SELECT DISTINCT year::int AS year FROM public_dac ORDER BY 1');
  const current = Number(peruToday().slice(0, 4));
  return [...new Set([...rows.map((r) => Number(r.year)), current])].sort((a, b) => a - b);
}

const situation: DatasetDefinition = {
  id: 'mineros-informales-situacion',
  theme: 'territory',
  title: t(
    'Situación de las áreas donde se ubican los mineros informales, por año y región',
    'Situation of the areas where informal miners work, by year and region',
  ),
  description: t(
    'Frentes mineros del REINFO clasificados por el derecho minero en que se ubican y la Declaración Anual Consolidada (DAC) de ese derecho en el año: área libre, concesión en construcción, exploración, explotación, paralizada o sin actividad, concesión sin DAC, o situación atípica (varios derechos, o uno que no es concesión titulada). Casos y porcentaje por departamento, y el total nacional (código de departamento vacío). Se calcula para cada año con DAC registradas y para el año en curso.',
    'REINFO mining fronts classified by the mining right they lie in and the right’s Consolidated Annual Declaration (DAC) of the year: free land, concession under construction, exploration, exploitation, halted or without activity, concession without a DAC, or atypical (several rights, or one that is not a titled concession). Cases and percentage per department, and the national total (empty department code). Computed for every year with DACs on record and the current year.',
  ),
  keywords: {
    es: ['mineros informales', 'REINFO', 'DAC', 'concesión minera', 'área libre', 'situación'],
    en: ['informal miners', 'REINFO', 'DAC', 'mining concession', 'free land', 'situation'],
  },
  frequency: 'annual',
  filters: ['region', 'year'],
  temporalField: 'year',
  regionField: 'department_code',
  fields: [
    {
      name: 'year',
      type: 'integer',
      description: t('Año (frentes inscritos hasta el 31 de diciembre, DAC del año)', 'Year (fronts registered by 31 December, DAC of the year)'),
    },
    {
      ...departmentCode,
      nullable: true,
      description: t('Código UBIGEO INEI del departamento; vacío: total nacional', 'INEI UBIGEO department code; empty: national total'),
    },
    { name: 'department_name', type: 'string', description: t('Nombre del departamento, o PERÚ para el total', 'Department name, or PERÚ for the total') },
    {
      name: 'situation',
      type: 'string',
      allowedValues: SITUATIONS,
      description: t(
        'Situación del área: LIBRE, CONSTRUCCION, EXPLORACION, EXPLOTACION, PARALIZADA, SIN_ACTIVIDAD (según la DAC), SIN_DAC o ATIPICA',
        "Area's situation: LIBRE (free), CONSTRUCCION, EXPLORACION, EXPLOTACION, PARALIZADA, SIN_ACTIVIDAD (as the DAC declares), SIN_DAC or ATIPICA",
      ),
    },
    {
      name: 'cases',
      type: 'integer',
      unit: 'frentes',
      description: t('Número de frentes mineros en esa situación', 'Number of mining fronts in that situation'),
    },
    {
      name: 'percent',
      type: 'number',
      unit: '%',
      description: t('Porcentaje de los frentes del departamento (un decimal)', "Share of the department's fronts (one decimal)"),
    },
    { name: 'fronts', type: 'integer', unit: 'frentes', description: t('Total de frentes del departamento en el año', "Department's fronts in the year") },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const years = f.year !== null ? [f.year] : await situationYears(q);
      const out = [];
      for (const year of years) {
        const report = await situationIn(q, PUBLIC_ACTOR, year, f.region === null ? null : [f.region]);
        const tables = [
          ...(f.region === null ? [{ region: null as string | null, name: 'PERÚ', total: report.total, rows: report.rows }] : []),
          ...report.byRegion.filter((r) => f.region === null || r.region === f.region),
        ];
        for (const tbl of tables)
          for (const r of tbl.rows)
            out.push({
              values: {
                year,
                department_code: tbl.region,
                department_name: tbl.name,
                situation: r.situation,
                cases: r.cases,
                percent: r.percent,
                fronts: tbl.total,
              },
            });
      }
      return out;
    }),
};

// ---------------------------------------------------------------------------------------------
// Fronts and rights in protected areas

interface FrontInArea {
  key: string;
  id: number;
  status: string;
  activity: string;
  department_code: string;
  kind: string;
  code: string;
  name: string;
  category: string | null;
  lon: number;
  lat: number;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

const frontsInAreas: DatasetDefinition = {
  id: 'frentes-en-areas-protegidas',
  theme: 'territory',
  title: t('Frentes mineros en áreas naturales protegidas y zonas de exclusión', 'Mining fronts in protected natural areas and exclusion zones'),
  description: t(
    'Frentes mineros del REINFO (punto WGS84) que se ubican dentro de un área natural protegida (SERNANP), zona de amortiguamiento, zona de exclusión minera o reserva indígena: una fila por frente y área, con el nombre y la categoría del área. Sin datos del declarante. Las áreas de SERNANP vienen de una capa simplificada: los bordes son aproximados.',
    'REINFO mining fronts (WGS84 point) inside a protected natural area (SERNANP), buffer zone, mining exclusion zone or indigenous reserve: one row per front and area, with the area’s name and category. No declarant data. SERNANP’s areas come from a simplified layer: borders are approximate.',
  ),
  keywords: {
    es: ['áreas naturales protegidas', 'SERNANP', 'frente minero', 'zona de exclusión', 'superposición'],
    en: ['protected natural areas', 'SERNANP', 'mining front', 'exclusion zone', 'overlap'],
  },
  frequency: 'daily',
  filters: ['region'],
  regionField: 'department_code',
  geometry: 'Point',
  fields: [
    {
      name: 'inscription_id',
      type: 'integer',
      description: t('Identificador de la inscripción en el REINFO (en Veta)', 'REINFO inscription identifier (in Veta)'),
    },
    {
      name: 'status',
      type: 'string',
      allowedValues: ['vigente', 'suspendido', 'excluido'],
      description: t('Estado de la inscripción en el REINFO', 'Status of the REINFO inscription'),
    },
    {
      name: 'activity',
      type: 'string',
      allowedValues: ['explotacion', 'beneficio'],
      description: t('Actividad inscrita: explotación o beneficio', 'Registered activity: mining or processing'),
    },
    departmentCode,
    ...areaFields,
    { name: 'longitude', type: 'number', unit: '° (WGS84)', description: t('Longitud del frente', "Front's longitude") },
    { name: 'latitude', type: 'number', unit: '° (WGS84)', description: t('Latitud del frente', "Front's latitude") },
  ],
  rows: (q, f) =>
    keysetPages<FrontInArea, string>(
      async (after, limit) =>
        (
          await q.query<FrontInArea>(
            `SELECT * FROM (
               SELECT lpad(fr.id::text, 19, '0') || '|' || a.id AS key, fr.id, fr.status, fr.activity, fr.department_code,
                      a.kind, a.code, a.name, a.category, ST_X(fr.front) AS lon, ST_Y(fr.front) AS lat
               FROM public_fronts fr JOIN territory_areas a ON ST_Intersects(a.geom, fr.front)
               WHERE ($3::text IS NULL OR fr.department_code = $3)) x
             WHERE key > $1 ORDER BY key LIMIT $2`,
            [after ?? '', limit, f.region],
          )
        ).rows,
      (r) => r.key,
      (r) => {
        const lon = round6(Number(r.lon));
        const lat = round6(Number(r.lat));
        return {
          values: {
            inscription_id: Number(r.id),
            status: r.status,
            activity: r.activity,
            department_code: r.department_code,
            area_kind: r.kind,
            area_code: r.code,
            area_name: r.name,
            area_category: r.category,
            longitude: lon,
            latitude: lat,
          },
          geometry: { type: 'Point', coordinates: [lon, lat] },
        };
      },
    ),
};

interface RightInArea {
  key: string;
  code: string;
  name: string;
  hectares: number | null;
  department_code: string;
  kind: string;
  area_code: string;
  area_name: string;
  category: string | null;
  overlap: string;
  geom: string;
}

const rightsInAreas: DatasetDefinition = {
  id: 'derechos-en-areas-protegidas',
  theme: 'territory',
  title: t(
    'Derechos mineros superpuestos a áreas naturales protegidas y zonas de exclusión',
    'Mining rights overlapping protected natural areas and exclusion zones',
  ),
  description: t(
    'Derechos mineros (polígono WGS84) que se superponen a un área natural protegida (SERNANP), zona de amortiguamiento, zona de exclusión minera o reserva indígena: una fila por derecho y área, con las hectáreas del derecho dentro del área (calculadas sobre el elipsoide; aproximadas, la capa de SERNANP está simplificada). Sin titular.',
    'Mining rights (WGS84 polygon) overlapping a protected natural area (SERNANP), buffer zone, mining exclusion zone or indigenous reserve: one row per right and area, with the right’s hectares inside the area (computed on the ellipsoid; approximate, SERNANP’s layer is simplified). No holder.',
  ),
  keywords: {
    es: ['áreas naturales protegidas', 'SERNANP', 'derecho minero', 'superposición', 'hectáreas'],
    en: ['protected natural areas', 'SERNANP', 'mining right', 'overlap', 'hectares'],
  },
  frequency: 'daily',
  filters: ['region'],
  regionField: 'department_code',
  geometry: 'MultiPolygon',
  fields: [
    { name: 'code', type: 'string', description: t('Código único del derecho minero (INGEMMET)', "Mining right's unique code (INGEMMET)") },
    { name: 'name', type: 'string', description: t('Nombre del derecho minero', "Mining right's name") },
    { name: 'hectares', type: 'number', unit: 'ha', nullable: true, description: t('Extensión del derecho', "Right's area") },
    departmentCode,
    ...areaFields,
    {
      name: 'overlap_hectares',
      type: 'number',
      unit: 'ha',
      description: t('Hectáreas del derecho dentro del área (dos decimales)', 'Hectares of the right inside the area (two decimals)'),
    },
  ],
  rows: (q, f) =>
    keysetPages<RightInArea, string>(
      async (after, limit) =>
        (
          await q.query<RightInArea>(
            `SELECT * FROM (
               SELECT r.code || '|' || lpad(a.id::text, 19, '0') AS key, r.code, r.name, r.hectares, r.department_code,
                      a.kind, a.code AS area_code, a.name AS area_name, a.category,
                      round((ST_Area(ST_Intersection(r.geom, a.geom)::geography) / 10000)::numeric, 2)::text AS overlap,
                      ST_AsGeoJSON(r.geom, 6) AS geom
               FROM public_rights r JOIN territory_areas a ON ST_Intersects(a.geom, r.geom)
               WHERE ($3::text IS NULL OR r.department_code = $3)) x
             WHERE key > $1 ORDER BY key LIMIT $2`,
            [after ?? '', limit, f.region],
          )
        ).rows,
      (r) => r.key,
      (r) => ({
        values: {
          code: r.code,
          name: r.name,
          hectares: r.hectares === null ? null : Number(r.hectares),
          department_code: r.department_code,
          area_kind: r.kind,
          area_code: r.area_code,
          area_name: r.area_name,
          area_category: r.category,
          overlap_hectares: Number(r.overlap),
        },
        geometry: JSON.parse(r.geom) as Geometry,
      }),
      1000,
    ),
};

// ---------------------------------------------------------------------------------------------
// SERNANP's protected natural areas

const protectedAreas: DatasetDefinition = {
  id: 'areas-naturales-protegidas',
  theme: 'territory',
  title: t('Áreas naturales protegidas de administración nacional (SERNANP)', 'Nationally administered protected natural areas (SERNANP)'),
  description: t(
    'Las áreas naturales protegidas de administración nacional con las que Veta cruza frentes y derechos mineros: código, nombre, categoría, superficie legal y calculada, polígono (WGS84, simplificado). Fuente: servicio ArcGIS REST de SERNANP, publicado en unimauro/observatorio-ambiental-peruano; conserva su licencia (MIT).',
    'The nationally administered protected natural areas Veta overlays mining fronts and rights with: code, name, category, legal and computed surface, polygon (WGS84, simplified). Source: SERNANP’s ArcGIS REST service, published in unimauro/observatorio-ambiental-peruano; it keeps its licence (MIT).',
  ),
  keywords: { es: ['áreas naturales protegidas', 'SERNANP', 'ANP', 'mapa'], en: ['protected natural areas', 'SERNANP', 'ANP', 'map'] },
  publisher: { name: 'Servicio Nacional de Áreas Naturales Protegidas por el Estado (SERNANP)', url: 'https://www.gob.pe/sernanp' },
  license: SERNANP_LAYER_LICENSE,
  frequency: 'irregular',
  filters: [],
  geometry: 'MultiPolygon',
  fields: [
    { name: 'code', type: 'string', description: t('Código SERNANP del área', "Area's SERNANP code") },
    { name: 'name', type: 'string', description: t('Nombre del área', "Area's name") },
    {
      name: 'category',
      type: 'string',
      nullable: true,
      description: t('Categoría (Parque Nacional, Reserva Nacional…)', 'Category (National Park, National Reserve…)'),
    },
    {
      name: 'legal_hectares',
      type: 'number',
      unit: 'ha',
      nullable: true,
      description: t('Superficie legal (norma de creación)', 'Legal surface (founding norm)'),
    },
    {
      name: 'hectares',
      type: 'number',
      unit: 'ha',
      description: t('Superficie del polígono, calculada sobre el elipsoide', "Polygon's surface, computed on the ellipsoid"),
    },
  ],
  rows: (q) =>
    keysetPages<{ code: string; name: string; category: string | null; legal_hectares: string | null; hectares: string; geom: string }, string>(
      async (after, limit) =>
        (
          await q.query<{ code: string; name: string; category: string | null; legal_hectares: string | null; hectares: string; geom: string }>(
            `SELECT code, name, category, legal_hectares::text AS legal_hectares, hectares::text AS hectares, ST_AsGeoJSON(geom, 6) AS geom
             FROM territory_areas WHERE kind = 'protected' AND code > $1 ORDER BY code LIMIT $2`,
            [after ?? '', limit],
          )
        ).rows,
      (r) => r.code,
      (r) => ({
        values: {
          code: r.code,
          name: r.name,
          category: r.category,
          legal_hectares: r.legal_hectares === null ? null : Number(r.legal_hectares),
          hectares: Number(r.hectares),
        },
        geometry: JSON.parse(r.geom) as Geometry,
      }),
      50,
    ),
};

export const territoryDatasets: readonly DatasetDefinition[] = [situation, frontsInAreas, rightsInAreas, protectedAreas];
