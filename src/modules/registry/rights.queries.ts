/** SQL of mining rights: the polygon checks, the upsert, DAC statuses, the detail. */
import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import type { Substance } from './strata.domain.ts';

/** Whether the caller may write rows of a department (the same rule as row-level security). */
export async function writesRegion(tx: Queryable, departmentCode: string): Promise<boolean> {
  const { rows } = await tx.query<{ may: boolean }>('SELECT veta_writes_region($1) AS may', [departmentCode]);
  return rows[0]?.may === true;
}

/** PostGIS's verdict on a polygon: valid (or why not), its area, and whether it touches the department (within `slackMeters`). */
export async function checkPolygon(tx: Queryable, geojson: string, departmentCode: string, slackMeters: number) {
  const { rows } = await tx.query<{ valid: boolean; reason: string; inside: boolean; ha: number }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Area(g::geography) / 10000 AS ha,
            EXISTS (SELECT 1 FROM department_parts p WHERE p.department_code = $2 AND ST_Intersects(p.geom, g))
            OR EXISTS (SELECT 1 FROM departments d WHERE d.code = $2 AND ST_DWithin(d.geom::geography, g::geography, $3)) AS inside
     FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
    [geojson, departmentCode, slackMeters],
  );
  return rows[0]!;
}

type RightSummaryRow = Pick<Row<'mining_rights'>, 'id' | 'name' | 'hectares' | 'holder_ruc' | 'department_code' | 'verification'>;

export async function rightSummary(tx: Queryable, code: string): Promise<RightSummaryRow | undefined> {
  const { rows } = await tx.query<RightSummaryRow>('SELECT id, name, hectares, holder_ruc, department_code, verification FROM mining_rights WHERE code = $1', [
    code,
  ]);
  return rows[0];
}

interface RightUpsert {
  code: string;
  name: string;
  searchKey: string;
  holderName: string | null;
  holderRuc: string | null;
  hectares: number;
  substance: Substance;
  capacity: number | null;
  departmentCode: string;
  districtCode: string | null;
  utmZone: number;
  datum: string;
  vertices: unknown;
  geojson: string;
}

/** Inserts or updates a right by code (verified: it comes from the cadastre); its id. */
export async function upsertRight(tx: Queryable, r: RightUpsert): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO mining_rights (code, name, search_key, holder_name, holder_ruc, hectares, substance, capacity, department_code,
       district_code, utm_zone, datum, vertices, geom, verification)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($14), 4326), 'verified')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, search_key = EXCLUDED.search_key, holder_name = EXCLUDED.holder_name,
       holder_ruc = EXCLUDED.holder_ruc, hectares = EXCLUDED.hectares, substance = EXCLUDED.substance, capacity = EXCLUDED.capacity,
       district_code = EXCLUDED.district_code, utm_zone = EXCLUDED.utm_zone, datum = EXCLUDED.datum, vertices = EXCLUDED.vertices,
       geom = EXCLUDED.geom, verification = 'verified'
     RETURNING id`,
    [
      r.code,
      r.name,
      r.searchKey,
      r.holderName,
      r.holderRuc,
      r.hectares,
      r.substance,
      r.capacity,
      r.departmentCode,
      r.districtCode,
      r.utmZone,
      r.datum,
      JSON.stringify(r.vertices),
      r.geojson,
    ],
  );
  return Number(rows[0]!.id);
}

/** Adds DAC statuses of a right, keeping those already recorded for a year. */
export async function addDacStatuses(tx: Queryable, rightId: number, dac: readonly { year: number; status: 'presented' | 'not_presented' }[]): Promise<void> {
  if (dac.length === 0) return;
  await tx.query(
    `INSERT INTO dac_statuses (mining_right_id, year, status)
     SELECT $1, year, status FROM unnest($2::int[], $3::text[]) AS d(year, status)
     ON CONFLICT (mining_right_id, year) DO NOTHING`,
    [rightId, dac.map((d) => d.year), dac.map((d) => d.status)],
  );
}

type RightRow = Narrow<
  Pick<
    Row<'mining_rights'>,
    'id' | 'code' | 'name' | 'holder_name' | 'hectares' | 'substance' | 'capacity' | 'department_code' | 'district_code' | 'verification'
  >,
  { substance: Substance; verification: 'declared_unverified' | 'verified' }
> & { geojson: string | null };

export async function rightRow(tx: Queryable, code: string): Promise<RightRow | undefined> {
  const { rows } = await tx.query<RightRow>(
    `SELECT r.id, r.code, r.name, r.holder_name, r.hectares, r.substance, r.capacity, r.department_code::text AS department_code,
            r.district_code, r.verification, ST_AsGeoJSON(r.geom, 7) AS geojson
     FROM mining_rights r WHERE r.code = $1`,
    [code],
  );
  return rows[0];
}

export async function dacStatuses(tx: Queryable, rightId: number) {
  const { rows } = await tx.query<Narrow<Pick<Row<'dac_statuses'>, 'year' | 'status'>, { status: 'presented' | 'not_presented' }>>(
    'SELECT year, status FROM dac_statuses WHERE mining_right_id = $1 ORDER BY year',
    [rightId],
  );
  return rows.map((d) => ({ year: d.year, status: d.status }));
}
