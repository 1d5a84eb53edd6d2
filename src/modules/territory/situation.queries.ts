/** SQL of the situation analysis: every front of the year with the rights it lies in, from the public layers (no personal data). */
import type { Queryable } from '../../platform/db.ts';
import type { Row } from '../../platform/db/schema.generated.ts';
import type { RightKind } from './cadastre.domain.ts';
import type { ContainingRight, DacSituation } from './situation.domain.ts';

export interface FrontRights {
  id: number;
  departmentCode: string;
  rights: ContainingRight[];
}

/**
 * Fronts of inscriptions registered by the end of `year` in the regions (all when null),
 * each with the rights whose polygon contains it: the right's kind at the end of the year
 * (its legal-state history, else its current state) and its DAC of the year.
 */
export async function frontsWithRights(
  tx: Queryable,
  year: number,
  regions: readonly string[] | null,
  bbox?: readonly [number, number, number, number],
): Promise<FrontRights[]> {
  const { rows } = await tx.query<{
    id: string;
    department_code: string;
    rights: { kind: RightKind | null; status: 'presented' | 'not_presented' | null; situation: DacSituation | null }[];
  }>(
    `WITH f AS (
       SELECT f.id, f.department_code, f.front FROM public_fronts f
       WHERE f.inscription_date <= make_date($1, 12, 31) AND ($2::text[] IS NULL OR f.department_code = ANY($2::text[]))
         AND ($3::float8[] IS NULL OR f.front && ST_MakeEnvelope($3[1], $3[2], $3[3], $3[4], 4326)))
     SELECT f.id, f.department_code,
            coalesce(json_agg(json_build_object('kind', coalesce(st.right_kind, r.right_kind), 'status', d.status, 'situation', d.situation))
                     FILTER (WHERE r.id IS NOT NULL), '[]') AS rights
     FROM f
     LEFT JOIN public_rights r ON ST_Intersects(r.geom, f.front)
     LEFT JOIN LATERAL (SELECT s.right_kind FROM public_right_states s WHERE s.mining_right_id = r.id AND s.effective_date <= make_date($1, 12, 31)
                        ORDER BY s.effective_date DESC, s.id DESC LIMIT 1) st ON true
     LEFT JOIN public_dac d ON d.mining_right_id = r.id AND d.year = $1
     GROUP BY f.id, f.department_code ORDER BY f.id`,
    [year, regions, bbox ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    departmentCode: r.department_code,
    rights: r.rights.map((x) => ({ kind: x.kind, dac: x.status === null ? null : { status: x.status, situation: x.situation } })),
  }));
}

export async function departmentNames(tx: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await tx.query<Pick<Row<'departments'>, 'code' | 'name'>>('SELECT code, name FROM departments WHERE code = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface CellInscription {
  id: number;
  ruc: string;
  declarantName: string;
  miningRightCode: string;
  departmentCode: string;
  status: string;
}

/** The inscriptions an official may see among `ids` (row-level security decides). */
export async function visibleInscriptions(tx: Queryable, ids: readonly number[]): Promise<CellInscription[]> {
  const { rows } = await tx.query<Pick<Row<'reinfo_inscriptions'>, 'id' | 'ruc' | 'declarant_name' | 'mining_right_code' | 'department_code' | 'status'>>(
    `SELECT id, ruc, declarant_name, mining_right_code, department_code, status FROM reinfo_inscriptions WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
  return rows.map((r) => ({
    id: r.id,
    ruc: r.ruc,
    declarantName: r.declarant_name,
    miningRightCode: r.mining_right_code,
    departmentCode: r.department_code,
    status: r.status,
  }));
}

/** Where each front of inscriptions registered by the end of `year` is (for the situation tiles). */
export async function frontPoints(tx: Queryable, year: number): Promise<{ id: number; lon: number; lat: number }[]> {
  const { rows } = await tx.query<Pick<Row<'public_fronts'>, 'id'> & { lon: number; lat: number }>(
    `SELECT id, ST_X(front) AS lon, ST_Y(front) AS lat FROM public_fronts WHERE inscription_date <= make_date($1, 12, 31)`,
    [year],
  );
  return rows.map((r) => ({ id: r.id, lon: r.lon, lat: r.lat }));
}
