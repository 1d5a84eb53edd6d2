/** Overlaps of fronts and rights with protected, buffer and exclusion areas. */
import type { Queryable } from '../../platform/db.ts';

export interface AreaOverlap {
  entity: 'inscription' | 'right';
  id: number;
  /** The right's code; for an inscription, the code of the right it declares. */
  code: string;
  departmentCode: string;
  areaKind: string;
  areaCode: string;
  areaName: string;
  category: string | null;
  /** Hectares of the right inside the area; null for a front (a point lies inside). */
  overlapHectares: number | null;
}

/**
 * The areas each given inscription's front lies in and each given right's polygon
 * overlaps (both lists optional; with neither, every front and right the caller sees in
 * `region`, or everywhere). A finding shown as a warning, never a refusal: informal miners
 * really are inside protected areas. For the REINFO import and the inscription page.
 */
export async function areaOverlaps(
  tx: Queryable,
  o: { inscriptionIds?: readonly number[]; rightIds?: readonly number[]; region?: string | null } = {},
): Promise<AreaOverlap[]> {
  const all = o.inscriptionIds === undefined && o.rightIds === undefined;
  const { rows } = await tx.query<{
    entity: 'inscription' | 'right';
    id: string;
    code: string;
    department_code: string;
    kind: string;
    area_code: string;
    name: string;
    category: string | null;
    ha: string | null;
  }>(
    `SELECT 'inscription' AS entity, i.id, i.mining_right_code AS code, i.department_code, a.kind, a.code AS area_code, a.name, a.category, NULL AS ha
     FROM reinfo_inscriptions i JOIN territory_areas a ON ST_Intersects(a.geom, i.front)
     WHERE i.front IS NOT NULL AND ($1 OR i.id = ANY($2::bigint[])) AND ($4::text IS NULL OR i.department_code = $4)
     UNION ALL
     SELECT 'right', r.id, r.code, r.department_code, a.kind, a.code, a.name, a.category,
            round((ST_Area(ST_Intersection(r.geom, a.geom)::geography) / 10000)::numeric, 2)::text
     FROM mining_rights r JOIN territory_areas a ON ST_Intersects(a.geom, r.geom)
     WHERE r.geom IS NOT NULL AND ($1 OR r.id = ANY($3::bigint[])) AND ($4::text IS NULL OR r.department_code = $4)
     ORDER BY 1, 2, 6`,
    [all, o.inscriptionIds ?? [], o.rightIds ?? [], o.region ?? null],
  );
  return rows.map((r) => ({
    entity: r.entity,
    id: Number(r.id),
    code: r.code,
    departmentCode: r.department_code,
    areaKind: r.kind,
    areaCode: r.area_code,
    areaName: r.name,
    category: r.category,
    overlapHectares: r.ha === null ? null : Number(r.ha),
  }));
}

/**
 * The areas each producer's front on each of `sites` lies in (the traceability flag
 * PROTECTED_AREA_ORIGIN reads them). Through a security-definer look-up (migration 0019):
 * complete whatever region the caller may see, so a flag is the same for every role.
 */
export async function frontAreasBySite(
  tx: Queryable,
  sites: Iterable<string>,
): Promise<{ actor: string; site: string; areaKind: string; areaName: string; category: string | null }[]> {
  const codes = [...new Set(sites)];
  if (codes.length === 0) return [];
  const { rows } = await tx.query<{ actor: string; site: string; kind: string; name: string; category: string | null }>(
    'SELECT actor, site, kind, name, category FROM veta_front_areas($1::text[])',
    [codes],
  );
  return rows.map((r) => ({ actor: r.actor, site: r.site, areaKind: r.kind, areaName: r.name, category: r.category }));
}
