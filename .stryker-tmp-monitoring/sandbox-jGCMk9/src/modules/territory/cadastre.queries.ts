/** SQL of the cadastre import: stage the file, check its geometry, classify against the rights, upsert, date the legal states. */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import type { RowError } from '../../platform/imports/types.ts';
import { nameKey } from '../../platform/text.ts';
import { DEPARTMENT_SLACK_METERS } from '../registry/registry.domain.ts';
import { HECTARE_TOLERANCE, type CadastreRow } from './cadastre.domain.ts';

export async function stageCadastre(tx: Queryable, rows: readonly CadastreRow[]): Promise<void> {
  await tx.exec(`DROP TABLE IF EXISTS cadastre_staging; CREATE TEMP TABLE cadastre_staging (
    row_no int PRIMARY KEY, code text NOT NULL, name text NOT NULL, search_key text NOT NULL, holder_name text, holder_key text,
    legal_state text NOT NULL, right_kind text NOT NULL, legend text, filed_on date, zone smallint, declared_ha numeric(14, 4),
    substance text NOT NULL, dept_codes text[] NOT NULL, declared_departments text NOT NULL, raw geometry,
    geom geometry, valid boolean, reason text, ha float8, department_code text,
    right_id bigint, same boolean NOT NULL DEFAULT false, state_changed boolean NOT NULL DEFAULT true) ON COMMIT DROP`);
  const col = <T>(f: (r: CadastreRow) => T): T[] => rows.map(f);
  await tx.query(
    `INSERT INTO cadastre_staging (row_no, code, name, search_key, holder_name, holder_key, legal_state, right_kind, legend, filed_on, zone,
       declared_ha, substance, dept_codes, declared_departments, raw)
     SELECT r, c, n, k, h, hk, ls, rk, lg, f, z, ha, s, string_to_array(d, ','), dd, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::date[],
                 $11::int[], $12::numeric[], $13::text[], $14::text[], $15::text[], $16::text[])
          AS t(r, c, n, k, h, hk, ls, rk, lg, f, z, ha, s, d, dd, g)`,
    [
      col((r) => r.row),
      col((r) => r.code),
      col((r) => r.name),
      col((r) => nameKey(r.name)),
      col((r) => r.holderName),
      col((r) => (r.holderName ? nameKey(r.holderName) : null)),
      col((r) => r.legalState),
      col((r) => r.kind),
      col((r) => r.legend),
      col((r) => r.filedOn),
      col((r) => r.zone),
      col((r) => r.declaredHectares),
      col((r) => r.substance),
      col((r) => r.departmentCodes.join(',')),
      col((r) => r.declaredDepartments),
      col((r) => r.geometry),
    ],
  );
  // invalid rings repaired (polygons kept, stray lines and points dropped), the area on the ellipsoid,
  // and the department: the first named one the polygon touches (within the boundaries' tolerance)
  await tx.query(`UPDATE cadastre_staging SET valid = ST_IsValid(raw), reason = CASE WHEN ST_IsValid(raw) THEN NULL ELSE ST_IsValidReason(raw) END`);
  await tx.query(`UPDATE cadastre_staging SET geom = CASE WHEN valid THEN ST_Multi(raw) ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(raw), 3)) END`);
  await tx.query(
    `UPDATE cadastre_staging s SET ha = CASE WHEN ST_IsEmpty(geom) THEN NULL ELSE ST_Area(geom::geography) / 10000 END,
       department_code = CASE WHEN ST_IsEmpty(geom) THEN NULL ELSE coalesce(
         (SELECT u.c FROM unnest(s.dept_codes) WITH ORDINALITY u(c, o)
          WHERE EXISTS (SELECT 1 FROM department_parts p WHERE p.department_code = u.c AND ST_Intersects(p.geom, s.geom)) ORDER BY u.o LIMIT 1),
         (SELECT u.c FROM unnest(s.dept_codes) WITH ORDINALITY u(c, o) JOIN departments d ON d.code = u.c
          WHERE ST_DWithin(d.geom::geography, s.geom::geography, $1) ORDER BY u.o LIMIT 1)) END`,
    [DEPARTMENT_SLACK_METERS],
  );
}

/** Problems only the database sees: an unrepairable polygon, a polygon outside its departments, another region's right. */
export async function cadastreErrors(tx: Queryable, writableRegion: string | null): Promise<RowError[]> {
  const { rows } = await tx.query<{ row_no: number; code: string; kind: string; value: string; reason: string | null }>(
    `SELECT row_no, code, CASE WHEN ST_IsEmpty(geom) THEN 'geometry' WHEN department_code IS NULL THEN 'outside' ELSE 'region' END AS kind,
            declared_departments AS value, reason
     FROM cadastre_staging
     WHERE ST_IsEmpty(geom) OR department_code IS NULL OR ($1::text IS NOT NULL AND department_code <> $1)
     ORDER BY row_no`,
    [writableRegion],
  );
  return rows.map((r): RowError => {
    if (r.kind === 'geometry') {
      return {
        row: r.row_no,
        column: 'geometry',
        value: r.reason ?? '',
        code: 'cadastre.geometry.invalid',
        message: `the polygon cannot be repaired: ${r.reason}`,
        params: { reason: r.reason ?? '' },
      };
    }
    if (r.kind === 'outside') {
      return {
        row: r.row_no,
        column: 'DEPA',
        value: r.value,
        code: 'cadastre.department.outside',
        message: `the polygon lies more than ${DEPARTMENT_SLACK_METERS} m outside ${r.value}`,
        params: { meters: DEPARTMENT_SLACK_METERS },
      };
    }
    return {
      row: r.row_no,
      column: 'DEPA',
      value: r.value,
      code: 'cadastre.region.forbidden',
      message: 'a regional official imports only rights of their region',
    };
  });
}

/** Repaired polygons and areas more than 5 % away from the declared hectares: reported, not refused. */
export async function cadastreWarnings(tx: Queryable): Promise<RowError[]> {
  const { rows } = await tx.query<{ row_no: number; reason: string | null; valid: boolean; ha: number | null; declared: string | null }>(
    `SELECT row_no, reason, valid, ha, declared_ha::text AS declared FROM cadastre_staging
     WHERE NOT valid OR (declared_ha > 0 AND ha IS NOT NULL AND abs(ha - declared_ha::float8) / declared_ha::float8 > $1) ORDER BY row_no`,
    [HECTARE_TOLERANCE],
  );
  const out: RowError[] = [];
  for (const r of rows) {
    if (!r.valid)
      out.push({
        row: r.row_no,
        column: 'geometry',
        value: r.reason ?? '',
        code: 'cadastre.geometry.repaired',
        message: `invalid polygon repaired (${r.reason})`,
        params: { reason: r.reason ?? '' },
      });
    const declared = r.declared === null ? null : Number(r.declared);
    if (declared !== null && r.ha !== null && Math.abs(r.ha - declared) / declared > HECTARE_TOLERANCE) {
      const computed = Number(r.ha.toFixed(4));
      out.push({
        row: r.row_no,
        column: 'HASDATUM',
        value: r.declared!,
        code: 'cadastre.hectares.mismatch',
        message: `the polygon measures ${computed} ha on the ellipsoid, ${((Math.abs(r.ha - declared) / declared) * 100).toFixed(1)} % away from the declared ${declared} ha`,
        params: { computed, declared },
      });
    }
  }
  return out;
}

export async function dropStagedRows(tx: Queryable, rowNumbers: readonly number[]): Promise<void> {
  if (rowNumbers.length > 0) await tx.query('DELETE FROM cadastre_staging WHERE row_no = ANY($1::int[])', [rowNumbers]);
}

/** Marks each staged right as new, unchanged or changed (and whether its legal state changed). */
export async function classifyCadastre(tx: Queryable): Promise<{ inserted: number; updated: number; unchanged: number }> {
  await tx.query(
    `UPDATE cadastre_staging s SET right_id = r.id,
       state_changed = r.legal_state IS DISTINCT FROM s.legal_state,
       same = r.name = s.name AND r.holder_name IS NOT DISTINCT FROM s.holder_name AND r.legal_state IS NOT DISTINCT FROM s.legal_state
          AND r.right_kind IS NOT DISTINCT FROM s.right_kind AND r.legend IS NOT DISTINCT FROM s.legend AND r.filed_on IS NOT DISTINCT FROM s.filed_on
          AND r.declared_hectares IS NOT DISTINCT FROM s.declared_ha AND r.substance = s.substance AND r.department_code = s.department_code
          AND r.utm_zone IS NOT DISTINCT FROM s.zone AND r.declared_departments IS NOT DISTINCT FROM s.declared_departments
          AND r.geom IS NOT NULL AND ST_AsBinary(r.geom) = ST_AsBinary(s.geom)
     FROM mining_rights r WHERE r.code = s.code`,
  );
  const { rows } = await tx.query<{ inserted: number; updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE right_id IS NULL)::int AS inserted, count(*) FILTER (WHERE right_id IS NOT NULL AND NOT same)::int AS updated,
            count(*) FILTER (WHERE same)::int AS unchanged FROM cadastre_staging`,
  );
  return rows[0]!;
}

/** Writes the new and changed rights (verified: they come from the cadastre) and their legal states at `asOf`. */
export async function writeCadastre(tx: Queryable, importId: number, asOf: string, actor: string): Promise<void> {
  await tx.query(
    `INSERT INTO mining_rights (code, name, search_key, holder_name, hectares, substance, department_code, utm_zone, geom, verification,
       legal_state, right_kind, legend, filed_on, declared_hectares, declared_departments, cadastre_import_id)
     SELECT code, name, search_key, holder_name, coalesce(declared_ha, round(ha::numeric, 4)), substance, department_code, zone, geom, 'verified',
            legal_state, right_kind, legend, filed_on, declared_ha, declared_departments, $1
     FROM cadastre_staging WHERE NOT same ORDER BY row_no
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, search_key = EXCLUDED.search_key, holder_name = EXCLUDED.holder_name,
       hectares = EXCLUDED.hectares, substance = EXCLUDED.substance, department_code = EXCLUDED.department_code, utm_zone = EXCLUDED.utm_zone,
       geom = EXCLUDED.geom, verification = 'verified', legal_state = EXCLUDED.legal_state, right_kind = EXCLUDED.right_kind,
       legend = EXCLUDED.legend, filed_on = EXCLUDED.filed_on, declared_hectares = EXCLUDED.declared_hectares,
       declared_departments = EXCLUDED.declared_departments, cadastre_import_id = EXCLUDED.cadastre_import_id`,
    [importId],
  );
  await tx.query(
    `INSERT INTO mining_right_states (mining_right_id, department_code, legal_state, right_kind, effective_date, import_id, actor)
     SELECT r.id, s.department_code, s.legal_state, s.right_kind, $1::date, $2, $3
     FROM cadastre_staging s JOIN mining_rights r ON r.code = s.code WHERE NOT s.same AND s.state_changed ORDER BY s.row_no`,
    [asOf, importId, actor],
  );
  // the holder as the registry knows it, when exactly one organization bears the name
  await tx.query(
    `UPDATE mining_rights r SET holder_ruc = o.ruc
     FROM cadastre_staging s JOIN (SELECT search_key, min(ruc) AS ruc FROM organizations GROUP BY search_key HAVING count(*) = 1) o ON o.search_key = s.holder_key
     WHERE r.code = s.code AND NOT s.same AND r.holder_ruc IS DISTINCT FROM o.ruc`,
  );
}
