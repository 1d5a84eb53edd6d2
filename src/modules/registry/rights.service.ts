import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { badRequest, notFound } from '../../platform/http/problem.ts';
import { nameKey } from '../../platform/text.ts';
import { DEPARTMENT_SLACK_METERS, normalizeRightCode, utmToLonLat, type Datum, type UtmZone } from './registry.domain.ts';
import { stratumRules } from './registry.queries.ts';
import { deriveStratum, type Substance } from './strata.domain.ts';

export interface RightInput {
  name: string;
  holderName?: string | null;
  holderRuc?: string | null;
  hectares?: number | null;
  substance: Substance;
  capacity?: number | null;
  departmentCode: string;
  districtCode?: string | null;
  utmZone: UtmZone;
  datum: Datum;
  /** UTM vertices in order, the ring closed or not. */
  vertices: { east: number; north: number }[];
  dac?: { year: number; status: 'presented' | 'not_presented' }[];
}

/**
 * The polygon of a mining right in WGS84 from its UTM vertices (zone 17S/18S/19S,
 * WGS84 or PSAD56, transformed with the pinned parameters of registry.domain.ts).
 */
export function rightPolygon(input: Pick<RightInput, 'utmZone' | 'datum' | 'vertices'>): string {
  const ring = input.vertices.map((v) => utmToLonLat(input.utmZone, input.datum, v.east, v.north));
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
  return JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring]] });
}

/** Creates or updates a right (verified: it comes from the cadastre, not a REINFO row), audited. */
export async function putMiningRight(db: Database, actor: Actor, rawCode: string, input: RightInput): Promise<{ id: number; created: boolean }> {
  const code = normalizeRightCode(rawCode);
  if (input.vertices.length < 3) throw badRequest('A right needs at least 3 vertices', [{ path: 'vertices', message: 'at least 3 vertices' }]);
  const geojson = rightPolygon(input);
  return withActor(db, actor, async (tx) => {
    const valid = await tx.query<{ valid: boolean; reason: string; inside: boolean; ha: number }>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Area(g::geography) / 10000 AS ha,
              EXISTS (SELECT 1 FROM department_parts p WHERE p.department_code = $2 AND ST_Intersects(p.geom, g))
              OR EXISTS (SELECT 1 FROM departments d WHERE d.code = $2 AND ST_DWithin(d.geom::geography, g::geography, $3)) AS inside
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
      [geojson, input.departmentCode, DEPARTMENT_SLACK_METERS],
    );
    const v = valid.rows[0]!;
    if (!v.valid) throw badRequest(`The vertices do not form a valid polygon: ${v.reason}`, [{ path: 'vertices', message: v.reason }]);
    if (!v.inside) throw badRequest(`The polygon lies more than ${DEPARTMENT_SLACK_METERS} m outside the named department`, [{ path: 'departmentCode', message: 'polygon outside the department' }]);
    const before = await tx.query<Record<string, unknown>>('SELECT id, name, hectares, holder_ruc, department_code, verification FROM mining_rights WHERE code = $1', [code]);
    const params = [
      code, input.name, nameKey(input.name), input.holderName ?? null, input.holderRuc ?? null, input.hectares ?? Number(v.ha.toFixed(4)),
      input.substance, input.capacity ?? null, input.departmentCode, input.districtCode ?? null, input.utmZone, input.datum,
      JSON.stringify(input.vertices), geojson,
    ];
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO mining_rights (code, name, search_key, holder_name, holder_ruc, hectares, substance, capacity, department_code,
         district_code, utm_zone, datum, vertices, geom, verification)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($14), 4326), 'verified')
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, search_key = EXCLUDED.search_key, holder_name = EXCLUDED.holder_name,
         holder_ruc = EXCLUDED.holder_ruc, hectares = EXCLUDED.hectares, substance = EXCLUDED.substance, capacity = EXCLUDED.capacity,
         district_code = EXCLUDED.district_code, utm_zone = EXCLUDED.utm_zone, datum = EXCLUDED.datum, vertices = EXCLUDED.vertices,
         geom = EXCLUDED.geom, verification = 'verified'
       RETURNING id`,
      params,
    );
    const id = Number(rows[0]!.id);
    for (const d of input.dac ?? []) {
      await tx.query(
        `INSERT INTO dac_statuses (mining_right_id, year, status) VALUES ($1, $2, $3)
         ON CONFLICT (mining_right_id, year) DO NOTHING`,
        [id, d.year, d.status],
      );
    }
    await appendAudit(tx, actor, {
      action: before.rows[0] ? 'mining_right.update' : 'mining_right.create',
      entity: 'mining_right',
      entityId: code,
      regionCode: input.departmentCode,
      before: before.rows[0] ?? null,
      after: { ...input, code },
    });
    return { id, created: !before.rows[0] };
  });
}

export async function getMiningRight(db: Database, actor: Actor, rawCode: string, today: string) {
  const code = normalizeRightCode(rawCode);
  return withActor(db, actor, async (tx) => {
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT r.*, ST_AsGeoJSON(r.geom, 7) AS geojson FROM mining_rights r WHERE r.code = $1`,
      [code],
    );
    const r = rows[0];
    if (!r) throw notFound(`Mining right ${code}`);
    const dac = await tx.query<{ year: number; status: 'presented' | 'not_presented' }>(
      'SELECT year, status FROM dac_statuses WHERE mining_right_id = $1 ORDER BY year',
      [r['id']],
    );
    const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
    return {
      id: Number(r['id']),
      code,
      name: String(r['name']),
      holderName: (r['holder_name'] as string | null) ?? null,
      hectares: num(r['hectares']),
      substance: r['substance'] as Substance,
      capacity: num(r['capacity']),
      departmentCode: String(r['department_code']),
      districtCode: (r['district_code'] as string | null) ?? null,
      verification: r['verification'] as 'declared_unverified' | 'verified',
      geometry: r['geojson'] ? (JSON.parse(String(r['geojson'])) as unknown) : null,
      dac: dac.rows.map((d) => ({ year: Number(d.year), status: d.status })),
      stratum: deriveStratum(await stratumRules(tx), { hectares: num(r['hectares']), capacity: num(r['capacity']), substance: r['substance'] as Substance, date: today }),
    };
  });
}
