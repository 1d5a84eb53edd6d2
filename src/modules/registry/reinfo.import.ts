/**
 * REINFO import: validate every row, stage the file with one set-based insert, check
 * geography in PostGIS, then upsert with a handful of set-based statements, all in one
 * transaction — a rejected file or a killed process leaves the database as it was.
 */
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import { REGISTRY_TABLES, refreshStatistics } from '../../platform/statistics.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import type { Table } from '../../platform/files/tabular.ts';
import { nameKey } from '../../platform/text.ts';
import { territoryIndex } from './territory-index.ts';
import { validateReinfo, type ReinfoRow, type RowError } from './reinfo.validate.ts';
import { DEPARTMENT_SLACK_METERS } from './registry.domain.ts';

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
export interface ImportResult extends ImportCounts {
  errors: RowError[];
  importId: number | null;
}

export type Progress = (phase: 'validate' | 'stage' | 'write', done: number, total: number) => void;

export interface ReinfoImportOptions {
  fileName: string;
  sha256: string;
  /** The date status changes are recorded at (ISO). */
  asOf: string;
  skipInvalid?: boolean;
  onProgress?: Progress;
}

/** The file was rejected: nothing was written. */
export class ImportRejectedError extends Error {
  constructor(readonly result: ImportResult) {
    super(`${result.rejected} row(s) rejected; nothing was imported`);
    this.name = 'ImportRejectedError';
  }
}

const CHUNK = 5000;

export async function importReinfo(db: Database, actor: Actor, table: Table, opts: ReinfoImportOptions): Promise<ImportResult> {
  const territory = await territoryIndex(db);
  const allowedRegion = actor.role === 'regional' ? actor.region : null;
  const validation = validateReinfo(table, territory, allowedRegion);
  opts.onProgress?.('validate', table.rows.length, table.rows.length);
  if (validation.fileErrors.length > 0) {
    throw new ImportRejectedError(rejectedResult(validation.fileErrors));
  }

  const result = await withActor(db, actor, async (tx): Promise<ImportResult> => {
    await stage(tx, validation.rows, opts.onProgress);
    const errors = [...validation.errors, ...(await geographyErrors(tx)), ...(await rightDepartmentErrors(tx))];
    errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    if (errors.length > 0 && !opts.skipInvalid) throw new ImportRejectedError(rejectedResult(errors));
    if (errors.length > 0) {
      await tx.query('DELETE FROM reinfo_staging WHERE row_no = ANY($1::int[])', [[...new Set(errors.map((e) => e.row))]]);
    }
    const rejected = new Set(errors.map((e) => e.row)).size;
    const counts = await classify(tx);
    if (counts.inserted + counts.updated === 0) {
      return { ...counts, rejected, errors, importId: null };
    }
    const importId = await write(tx, actor, opts, { ...counts, rejected });
    opts.onProgress?.('write', validation.rows.length, validation.rows.length);
    return { ...counts, rejected, errors, importId };
  });
  await refreshStatistics(db, REGISTRY_TABLES, result.inserted + result.updated);
  return result;
}

function rejectedResult(errors: RowError[]): ImportResult {
  return { inserted: 0, updated: 0, unchanged: 0, rejected: new Set(errors.map((e) => e.row)).size, errors, importId: null };
}

async function stage(tx: Queryable, rows: ReinfoRow[], onProgress?: Progress): Promise<void> {
  await tx.exec(`CREATE TEMP TABLE reinfo_staging (
    row_no int PRIMARY KEY, ruc text, name text, kind text, dni text, org_type text, right_code text, right_name text,
    department_code text, district_code text, activity text, status text, inscription_date date, lon float8, lat float8,
    name_key text, right_key text, front geometry(Point, 4326), existing_id bigint, existing_status text, changed boolean) ON COMMIT DROP`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    await tx.query(
      `INSERT INTO reinfo_staging (row_no, ruc, name, kind, dni, org_type, right_code, right_name, department_code,
         district_code, activity, status, inscription_date, lon, lat, name_key, right_key, front)
       SELECT r, ruc, n, k, dni, ot, rc, rn, dep, dis, act, st, d::date, lo, la, nk, rk, ST_SetSRID(ST_MakePoint(lo, la), 4326)
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::float8[], $15::float8[],
                   $16::text[], $17::text[])
         AS t(r, ruc, n, k, dni, ot, rc, rn, dep, dis, act, st, d, lo, la, nk, rk)`,
      [
        c.map((r) => r.row),
        c.map((r) => r.ruc),
        c.map((r) => r.name),
        c.map((r) => r.kind),
        c.map((r) => r.dni),
        c.map((r) => r.orgType),
        c.map((r) => r.rightCode),
        c.map((r) => r.rightName),
        c.map((r) => r.departmentCode),
        c.map((r) => r.districtCode),
        c.map((r) => r.activity),
        c.map((r) => r.status),
        c.map((r) => r.inscriptionDate),
        c.map((r) => r.lon),
        c.map((r) => r.lat),
        c.map((r) => nameKey(r.name)),
        c.map((r) => nameKey(r.rightName)),
      ],
    );
    onProgress?.('stage', Math.min(i + CHUNK, rows.length), rows.length);
  }
  await tx.exec('ANALYZE reinfo_staging');
}

/** The mining front must lie in the named department (with DEPARTMENT_SLACK_METERS of slack: the polygons are simplified). */
async function geographyErrors(tx: Queryable): Promise<RowError[]> {
  const { rows } = await tx.query<{ row_no: number; lat: number; lon: number; named: string; actual: string | null }>(
    `WITH outside AS (
       SELECT s.row_no, s.lat, s.lon, s.front, s.department_code FROM reinfo_staging s
       WHERE NOT EXISTS (SELECT 1 FROM department_parts p
                         WHERE p.department_code = s.department_code AND ST_Intersects(p.geom, s.front)))
     SELECT o.row_no, o.lat, o.lon, d.name AS named,
            (SELECT d2.name FROM department_parts p2 JOIN departments d2 ON d2.code = p2.department_code
             WHERE ST_Intersects(p2.geom, o.front) LIMIT 1) AS actual
     FROM outside o JOIN departments d ON d.code = o.department_code
     WHERE d.geom IS NOT NULL AND NOT ST_DWithin(d.geom::geography, o.front::geography, ${DEPARTMENT_SLACK_METERS})`,
  );
  return rows.map((r) => ({
    row: r.row_no,
    column: 'DEPARTAMENTO',
    value: r.named,
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
    message: `the mining right is registered in ${r.department}, not in the department of this row`,
  }));
}

async function classify(tx: Queryable): Promise<Omit<ImportCounts, 'rejected'>> {
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

async function write(tx: Queryable, actor: Actor, opts: ReinfoImportOptions, counts: ImportCounts): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO imports (kind, file_name, sha256, actor, as_of, counts) VALUES ('reinfo', $1, $2, $3, $4, $5::jsonb) RETURNING id`,
    [opts.fileName, opts.sha256, actor.username, opts.asOf, JSON.stringify(counts)],
  );
  const importId = rows[0]!.id;
  const p = [importId, opts.asOf, actor.username];

  // Declarants and rights the registry does not know yet; a right is created from the
  // row as declared, unverified.
  await tx.exec(`INSERT INTO persons (dni, full_name, search_key, region_code)
    SELECT DISTINCT ON (dni) dni, name, name_key, department_code FROM reinfo_staging
    WHERE kind = 'person' AND existing_id IS NULL ORDER BY dni, row_no
    ON CONFLICT (dni) DO NOTHING`);
  await tx.exec(`INSERT INTO organizations (ruc, name, search_key, type, region_code)
    SELECT DISTINCT ON (ruc) ruc, name, name_key, org_type, department_code FROM reinfo_staging
    WHERE kind = 'organization' AND existing_id IS NULL ORDER BY ruc, row_no
    ON CONFLICT (ruc) DO NOTHING`);
  await tx.exec(`INSERT INTO mining_rights (code, name, search_key, department_code, district_code, verification)
    SELECT DISTINCT ON (right_code) right_code, right_name, right_key, department_code, district_code, 'declared_unverified'
    FROM reinfo_staging WHERE existing_id IS NULL ORDER BY right_code, row_no
    ON CONFLICT (code) DO NOTHING`);

  await tx.query(
    `WITH src AS (
       SELECT s.*, p.id AS person_id, o.id AS organization_id, r.id AS right_id
       FROM reinfo_staging s
       LEFT JOIN veta_lookup_persons(ARRAY(SELECT dni FROM reinfo_staging WHERE dni IS NOT NULL)) p ON p.dni = s.dni
       LEFT JOIN veta_lookup_organizations(ARRAY(SELECT ruc FROM reinfo_staging WHERE kind = 'organization')) o
              ON o.ruc = s.ruc AND s.kind = 'organization'
       JOIN veta_lookup_rights(ARRAY(SELECT right_code FROM reinfo_staging)) r ON r.code = s.right_code
       WHERE s.existing_id IS NULL),
     ins AS (
       INSERT INTO reinfo_inscriptions (ruc, declarant_name, person_id, organization_id, mining_right_id, mining_right_code,
         activity, department_code, district_code, front, inscription_date, status, status_since, import_id)
       SELECT ruc, name, person_id, organization_id, right_id, right_code, activity, department_code, district_code, front,
              inscription_date, status, CASE WHEN status = 'vigente' THEN inscription_date ELSE $2::date END, $1
       FROM src ORDER BY row_no -- ids in the order of the file, whatever plan the joins get
       RETURNING id, department_code, status, status_since)
     INSERT INTO inscription_status_history (inscription_id, department_code, status, effective_date, reason, import_id, actor)
     SELECT id, department_code, status, status_since, 'inscripción importada', $1, $3 FROM ins`,
    p,
  );
  await tx.query(
    `WITH upd AS (
       UPDATE reinfo_inscriptions i SET declarant_name = s.name, department_code = s.department_code,
         district_code = s.district_code, front = s.front, inscription_date = s.inscription_date, status = s.status,
         status_since = CASE WHEN s.status <> i.status THEN $2::date ELSE i.status_since END,
         import_id = $1, updated_at = now()
       FROM reinfo_staging s
       WHERE s.changed AND i.id = s.existing_id
       RETURNING i.id, i.department_code, i.status, s.existing_status)
     INSERT INTO inscription_status_history (inscription_id, department_code, status, effective_date, reason, import_id, actor)
     SELECT id, department_code, status, $2::date, 'cambio de estado importado', $1, $3 FROM upd WHERE status <> existing_status`,
    p,
  );
  await appendAudit(tx, actor, {
    action: 'import.reinfo',
    entity: 'import',
    entityId: importId,
    regionCode: actor.role === 'regional' ? actor.region : null,
    after: { file: opts.fileName, sha256: opts.sha256, asOf: opts.asOf, counts },
  });
  return importId;
}
