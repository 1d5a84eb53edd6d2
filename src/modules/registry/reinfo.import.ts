/**
 * REINFO import, a declaration on the shared import pipeline (platform/imports): every row
 * validated (reinfo.validate.ts), the file staged with COPY, geography checked (fronts
 * inside their department's polygons by reinfo-import-geography.ts, the rest in PostGIS),
 * then upserted with a handful of set-based statements, all in one transaction — a
 * rejected file or a killed process leaves the database as it was.
 * Status changes are followed by the inscriptions' expedientes (formalization).
 */
import type { Actor } from '../../platform/context.ts';
import { copyRows, type Database, type Queryable } from '../../platform/db.ts';
import type { Table } from '../../platform/files/tabular.ts';
import { defineImport, runImport, tableSource, yieldToEventLoop, type ImportProgress, type ImportResult, type RowError } from '../../platform/imports/index.ts';
import { REGISTRY_TABLES } from '../../platform/statistics.ts';
import { nameKey } from '../../platform/text.ts';
import { followReinfoStatus, type ReinfoStatusChange } from '../formalization/reinfo-status.service.ts';
import { areaOverlaps, type AreaOverlap } from '../territory/areas.queries.ts';
import { territoryIndex } from '../territory/territory-index.ts';
import { departmentShapes, insideDepartment, type DepartmentShapes } from './reinfo-import-geography.ts';
import { DEPARTMENT_SLACK_METERS } from './registry.domain.ts';
import {
  checkReinfoHeaders,
  checkReinfoRows,
  REINFO_COLUMNS,
  validateReinfoRow,
  type ReinfoColumn,
  type ReinfoPrep,
  type ReinfoRow,
} from './reinfo.validate.ts';

export interface ReinfoImportOptions {
  fileName: string;
  sha256: string;
  /** The date status changes are recorded at (ISO). */
  asOf: string;
  skipInvalid?: boolean;
  onProgress?: ImportProgress;
  jobId?: number;
}

const CHUNK = 5000;

/** What the write needs besides what validation does: the department polygons for the geography check's first pass. */
type ReinfoImportPrep = ReinfoPrep & { shapes: DepartmentShapes };

export const reinfoImport = defineImport<ReinfoColumn, ReinfoRow, ReinfoImportPrep>({
  kind: 'reinfo',
  title: 'a REINFO list',
  formats: ['csv', 'xlsx'],
  columns: REINFO_COLUMNS,
  checkHeaders: checkReinfoHeaders,
  access: ['regional', 'national', 'admin'],
  statistics: REGISTRY_TABLES,
  prepare: async (tx, ctx) => ({
    territory: await territoryIndex(tx),
    allowedRegion: ctx.actor.role === 'regional' ? ctx.actor.region : null,
    shapes: await departmentShapes(tx),
  }),
  validate: (record, ctx) =>
    validateReinfoRow(record, ctx.prep, {
      latLon: ctx.present.has('LATITUD') && ctx.present.has('LONGITUD'),
      utm: ctx.present.has('ZONA') && ctx.present.has('ESTE') && ctx.present.has('NORTE'),
    }),
  checkRows: (rows, ctx) => checkReinfoRows(rows, ctx.prep.territory.departmentNames),
  async write(tx, rows, ctx) {
    await stage(tx, rows, ctx.prep.shapes, ctx.progress);
    const chunks = ranges(rows);
    const errors = [...(await geographyErrors(tx)), ...(await rightDepartmentErrors(tx))];
    const none = { inserted: 0, updated: 0, unchanged: 0, errors };
    if (ctx.checkOnly || (errors.length > 0 && !ctx.skipInvalid)) return none;
    if (errors.length > 0) await tx.query('DELETE FROM reinfo_staging WHERE row_no = ANY($1::int[])', [[...new Set(errors.map((e) => e.row))]]);
    const counts = await classify(tx);
    if (counts.inserted + counts.updated === 0) return { ...counts, errors };
    const importId = await ctx.importId();
    const changes = await write(tx, ctx.actor, importId, ctx.asOf, chunks);
    if (changes.length > 0) await followReinfoStatus(tx, ctx.actor, changes);
    keepWarnings(importId, await overlapWarnings(tx));
    return { ...counts, errors };
  },
  summary: (result) => {
    const { importId, ...out } = result;
    return { ...out, warnings: takeWarnings(importId) };
  },
});

/** Imports a REINFO list as `actor` (the demo, the upload and the CLI go through here); throws ImportRejectedError. */
export async function importReinfo(
  db: Database,
  actor: Actor,
  table: Table,
  opts: ReinfoImportOptions,
): Promise<ImportResult & { warnings: OverlapWarning[] }> {
  const result = await runImport(db, actor, reinfoImport, tableSource(table), opts);
  return { ...result, warnings: takeWarnings(result.importId) };
}

/**
 * A row written whose mining front lies in, or whose right's polygon overlaps, a protected,
 * buffer, exclusion or indigenous-reserve area (territory's areaOverlaps): informal miners
 * really are there, so it is a finding of the import, never a refusal. Shaped as a row error
 * (row, column, value, code, params, message) with the area's fields beside.
 */
export interface OverlapWarning extends RowError {
  inscription: number;
  entity: 'front' | 'right';
  areaKind: string;
  areaName: string;
  category: string | null;
  /** Hectares of the right inside the area; null for a front (a point). */
  hectares: number | null;
}

/** The warnings of each committed import, until its summary (`--json`, the job's result) or importReinfo takes them. */
const pendingWarnings = new Map<number, OverlapWarning[]>();
function keepWarnings(importId: number, warnings: OverlapWarning[]): void {
  pendingWarnings.set(importId, warnings);
  // an import rolled back after its write never has its warnings taken: keep the map bounded
  while (pendingWarnings.size > 64) pendingWarnings.delete(pendingWarnings.keys().next().value!);
}
function takeWarnings(importId: number | null): OverlapWarning[] {
  if (importId === null) return [];
  const out = pendingWarnings.get(importId) ?? [];
  pendingWarnings.delete(importId);
  return out;
}

/** After the write: the areas of the rows inserted or updated (their fronts and the rights they declare), in file order. */
async function overlapWarnings(tx: Queryable): Promise<OverlapWarning[]> {
  // no area the actor may see (none loaded yet): no overlap, and no need to look
  const { rows: any } = await tx.query<{ some: boolean }>('SELECT EXISTS (SELECT 1 FROM territory_areas) AS some');
  if (!any[0]?.some) return [];
  const { rows } = await tx.query<{ row_no: number; id: string; right_id: string; right_code: string }>(
    `SELECT s.row_no, i.id, i.mining_right_id AS right_id, s.right_code FROM reinfo_staging s
     JOIN reinfo_inscriptions i ON i.ruc = s.ruc AND i.mining_right_code = s.right_code AND i.activity = s.activity
     WHERE s.existing_id IS NULL OR s.changed ORDER BY s.row_no`,
  );
  if (rows.length === 0) return [];
  const overlaps = await areaOverlaps(tx, { inscriptionIds: rows.map((r) => Number(r.id)), rightIds: [...new Set(rows.map((r) => Number(r.right_id)))] });
  const ofFront = new Map<number, AreaOverlap[]>();
  const ofRight = new Map<number, AreaOverlap[]>();
  for (const o of overlaps) {
    const by = o.entity === 'inscription' ? ofFront : ofRight;
    by.set(o.id, [...(by.get(o.id) ?? []), o]);
  }
  return rows.flatMap((r) => {
    const inscription = Number(r.id);
    const front = (ofFront.get(inscription) ?? []).map((o) => ({ o, entity: 'front' as const }));
    const right = (ofRight.get(Number(r.right_id)) ?? []).map((o) => ({ o, entity: 'right' as const }));
    return [...front, ...right].map(({ o, entity }) => ({
      row: Number(r.row_no),
      column: entity === 'front' ? 'LATITUD' : 'CODIGO UNICO',
      value: entity === 'front' ? '' : r.right_code,
      code: entity === 'front' ? 'reinfo.front.in_area' : 'reinfo.right.overlaps_area',
      params: {
        inscription,
        kind: o.areaKind,
        area: o.areaName,
        ...(o.category ? { category: o.category } : {}),
        ...(o.overlapHectares !== null ? { hectares: o.overlapHectares } : {}),
      },
      message:
        entity === 'front'
          ? `the mining front lies inside ${o.areaName}${o.category ? ` (${o.category})` : ''}, a ${o.areaKind.replace('_', ' ')} area`
          : `the mining right ${r.right_code} overlaps ${o.areaName}${o.category ? ` (${o.category})` : ''} by ${o.overlapHectares ?? 0} ha`,
      inscription,
      entity,
      areaKind: o.areaKind,
      areaName: o.areaName,
      category: o.category,
      hectares: o.overlapHectares,
    }));
  });
}

/** Row-number ranges of CHUNK rows each, in file order. */
type Range = readonly [number, number];
function ranges(rows: readonly ReinfoRow[]): Range[] {
  const out: Range[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push([rows[i]!.row, rows[Math.min(i + CHUNK, rows.length) - 1]!.row]);
  return out;
}

/** Runs a statement per range, yielding to the event loop between them (PGlite runs on this thread). */
async function eachRange(chunks: readonly Range[], run: (range: Range) => Promise<unknown>): Promise<void> {
  for (const range of chunks) {
    await run(range);
    await yieldToEventLoop();
  }
}

const STAGE_CHUNK = 20_000;
const STAGED_COLUMNS = [
  'row_no',
  'ruc',
  'name',
  'kind',
  'dni',
  'org_type',
  'right_code',
  'right_name',
  'department_code',
  'district_code',
  'activity',
  'status',
  'inscription_date',
  'lon',
  'lat',
  'name_key',
  'right_key',
  'inside',
];

async function stage(
  tx: Queryable,
  rows: ReinfoRow[],
  shapes: DepartmentShapes,
  progress: (done: number, total: number, phase: 'stage') => void,
): Promise<void> {
  // the front is built from lon/lat by PostgreSQL (the same double precision values as an EWKT
  // text would give, without writing and parsing one); `inside`: the first pass of the geography check
  await tx.exec(`DROP TABLE IF EXISTS reinfo_staging; CREATE TEMP TABLE reinfo_staging (
    row_no int PRIMARY KEY, ruc text, name text, kind text, dni text, org_type text, right_code text, right_name text,
    department_code text, district_code text, activity text, status text, inscription_date date, lon float8, lat float8,
    name_key text, right_key text, inside boolean NOT NULL,
    front geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
    existing_id bigint, existing_status text, changed boolean) ON COMMIT DROP`);
  // COPY, a chunk at a time (for the progress bar)
  for (let i = 0; i < rows.length; i += STAGE_CHUNK) {
    const c = rows.slice(i, i + STAGE_CHUNK);
    await copyRows(
      tx,
      'reinfo_staging',
      STAGED_COLUMNS,
      c.map((r) => [
        r.row,
        r.ruc,
        r.name,
        r.kind,
        r.dni,
        r.orgType,
        r.rightCode,
        r.rightName,
        r.departmentCode,
        r.districtCode,
        r.activity,
        r.status,
        r.inscriptionDate,
        r.lon,
        r.lat,
        nameKey(r.name),
        nameKey(r.rightName),
        insideDepartment(shapes, r.departmentCode, r.lon, r.lat),
      ]),
    );
    progress(Math.min(i + STAGE_CHUNK, rows.length), rows.length, 'stage');
    await yieldToEventLoop();
  }
  // the columns the later statements join and filter on: statistics of the front (PostGIS's
  // sampling) and of the free-text columns cost most of a full ANALYZE and steer no plan
  await tx.exec('ANALYZE reinfo_staging (row_no, ruc, kind, dni, right_code, department_code, district_code, activity)');
}

/**
 * The mining front must lie in the named department (with DEPARTMENT_SLACK_METERS of slack: the
 * polygons are simplified). Only the fronts the first pass did not find inside (reinfo-import-geography.ts).
 */
async function geographyErrors(tx: Queryable): Promise<RowError[]> {
  const { rows } = await tx.query<{ row_no: number; lat: number; lon: number; named: string; actual: string | null }>(
    `WITH outside AS (
       SELECT s.row_no, s.lat, s.lon, s.front, s.department_code FROM reinfo_staging s
       WHERE NOT s.inside AND NOT EXISTS (SELECT 1 FROM department_parts p
                         WHERE p.department_code = s.department_code AND ST_Intersects(p.geom, s.front)))
     SELECT o.row_no, o.lat, o.lon, d.name AS named,
            (SELECT d2.name FROM department_parts p2 JOIN departments d2 ON d2.code = p2.department_code
             WHERE ST_Intersects(p2.geom, o.front) LIMIT 1) AS actual
     FROM outside o JOIN departments d ON d.code = o.department_code
     WHERE d.geom IS NOT NULL AND NOT EXISTS (
       -- within the slack of one of its parts: the planar box (0.02° > the slack in Peru's latitudes) lets the index skip the rest
       SELECT 1 FROM department_parts p3
        WHERE p3.department_code = o.department_code AND ST_DWithin(p3.geom, o.front, 0.02)
          AND ST_DWithin(p3.geom::geography, o.front::geography, ${DEPARTMENT_SLACK_METERS}))
     ORDER BY o.row_no`,
  );
  return rows.map((r) => ({
    row: r.row_no,
    column: 'DEPARTAMENTO',
    value: r.named,
    code: r.actual ? 'reinfo.front.other_department' : 'reinfo.front.outside_peru',
    params: { lat: r.lat.toFixed(5), lon: r.lon.toFixed(5), department: r.named, ...(r.actual ? { actual: r.actual } : {}) },
    message: r.actual
      ? `the mining front (${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}) lies in ${r.actual}, not in ${r.named}`
      : `the mining front (${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}) is outside Peru`,
  }));
}

/** A mining right already registered belongs to one department. */
async function rightDepartmentErrors(tx: Queryable): Promise<RowError[]> {
  const { rows } = await tx.query<{ row_no: number; right_code: string; department: string }>(
    `SELECT s.row_no, s.right_code, d.name AS department
     FROM reinfo_staging s
     JOIN veta_lookup_rights(ARRAY(SELECT DISTINCT right_code FROM reinfo_staging)) l ON l.code = s.right_code
     JOIN departments d ON d.code = l.department_code
     WHERE l.department_code <> s.department_code`,
  );
  return rows.map((r) => ({
    row: r.row_no,
    column: 'CODIGO UNICO',
    value: r.right_code,
    code: 'reinfo.right.registered_elsewhere',
    params: { department: r.department },
    message: `the mining right is registered in ${r.department}, not in the department of this row`,
  }));
}

async function classify(tx: Queryable): Promise<{ inserted: number; updated: number; unchanged: number }> {
  await tx.exec(`UPDATE reinfo_staging s SET existing_id = i.id, existing_status = i.status,
      changed = (i.declarant_name, i.department_code::text, i.district_code::text, i.inscription_date, i.status)
                IS DISTINCT FROM (s.name, s.department_code, s.district_code, s.inscription_date, s.status)
                OR NOT ST_Equals(i.front, s.front)
    FROM reinfo_inscriptions i
    WHERE i.ruc = s.ruc AND i.mining_right_code = s.right_code AND i.activity = s.activity`);
  const { rows } = await tx.query<{ inserted: number; updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE existing_id IS NULL)::int AS inserted,
            count(*) FILTER (WHERE changed)::int AS updated,
            count(*) FILTER (WHERE existing_id IS NOT NULL AND NOT changed)::int AS unchanged
     FROM reinfo_staging`,
  );
  return rows[0]!;
}

async function write(tx: Queryable, actor: Actor, importId: number, asOf: string, chunks: readonly Range[]): Promise<ReinfoStatusChange[]> {
  const p = [importId, asOf, actor.username];

  // Declarants and rights the registry does not know yet; a right is created from the
  // row as declared, unverified.
  // in chunks of the file, in its order (the first row naming a person or a right says who it is), so
  // that other requests get the embedded database's thread between them
  await eachRange(chunks, ([lo, hi]) =>
    tx.query(
      `INSERT INTO persons (dni, full_name, search_key, region_code)
       SELECT DISTINCT ON (dni) dni, name, name_key, department_code FROM reinfo_staging
       WHERE kind = 'person' AND existing_id IS NULL AND row_no BETWEEN $1 AND $2 ORDER BY dni, row_no
       ON CONFLICT (dni) DO NOTHING`,
      [lo, hi],
    ),
  );
  await tx.exec(`INSERT INTO organizations (ruc, name, search_key, type, region_code)
    SELECT DISTINCT ON (ruc) ruc, name, name_key, org_type, department_code FROM reinfo_staging
    WHERE kind = 'organization' AND existing_id IS NULL ORDER BY ruc, row_no
    ON CONFLICT (ruc) DO NOTHING`);
  await eachRange(chunks, ([lo, hi]) =>
    tx.query(
      `INSERT INTO mining_rights (code, name, search_key, department_code, district_code, verification)
       SELECT DISTINCT ON (right_code) right_code, right_name, right_key, department_code, district_code, 'declared_unverified'
       FROM reinfo_staging WHERE existing_id IS NULL AND row_no BETWEEN $1 AND $2 ORDER BY right_code, row_no
       ON CONFLICT (code) DO NOTHING`,
      [lo, hi],
    ),
  );

  await eachRange(chunks, ([lo, hi]) =>
    tx.query(
      `WITH src AS (
       SELECT s.*, p.id AS person_id, o.id AS organization_id, r.id AS right_id
       FROM reinfo_staging s
       LEFT JOIN veta_lookup_persons(ARRAY(SELECT dni FROM reinfo_staging WHERE dni IS NOT NULL AND row_no BETWEEN $4 AND $5)) p ON p.dni = s.dni
       LEFT JOIN veta_lookup_organizations(ARRAY(SELECT ruc FROM reinfo_staging WHERE kind = 'organization' AND row_no BETWEEN $4 AND $5)) o
              ON o.ruc = s.ruc AND s.kind = 'organization'
       JOIN veta_lookup_rights(ARRAY(SELECT right_code FROM reinfo_staging WHERE row_no BETWEEN $4 AND $5)) r ON r.code = s.right_code
       WHERE s.existing_id IS NULL AND s.row_no BETWEEN $4 AND $5),
     ins AS (
       INSERT INTO reinfo_inscriptions (ruc, declarant_name, person_id, organization_id, mining_right_id, mining_right_code,
         activity, department_code, district_code, front, inscription_date, status, status_since, import_id)
       SELECT ruc, name, person_id, organization_id, right_id, right_code, activity, department_code, district_code, front,
              inscription_date, status, CASE WHEN status = 'vigente' THEN inscription_date ELSE $2::date END, $1
       FROM src ORDER BY row_no -- ids in the order of the file, whatever plan the joins get
       RETURNING id, department_code, status, status_since)
     INSERT INTO inscription_status_history (inscription_id, department_code, status, effective_date, reason, import_id, actor)
     SELECT id, department_code, status, status_since, 'inscripción importada', $1, $3 FROM ins`,
      [...p, lo, hi],
    ),
  );
  const { rows: changed } = await tx.query<{ inscription_id: number; status: string }>(
    `WITH upd AS (
       UPDATE reinfo_inscriptions i SET declarant_name = s.name, department_code = s.department_code,
         district_code = s.district_code, front = s.front, inscription_date = s.inscription_date, status = s.status,
         status_since = CASE WHEN s.status <> i.status THEN $2::date ELSE i.status_since END,
         import_id = $1, updated_at = now()
       FROM reinfo_staging s
       WHERE s.changed AND i.id = s.existing_id
       RETURNING i.id, i.department_code, i.status, s.existing_status)
     , hist AS (
       INSERT INTO inscription_status_history (inscription_id, department_code, status, effective_date, reason, import_id, actor)
       SELECT id, department_code, status, $2::date, 'cambio de estado importado', $1, $3 FROM upd WHERE status <> existing_status
       RETURNING inscription_id, status)
     SELECT inscription_id, status FROM hist`,
    p,
  );
  return changed.map((c) => ({ inscriptionId: Number(c.inscription_id), status: c.status, asOf }));
}
