/** The overlaps of fronts and rights with protected, buffer, exclusion and indigenous-reserve areas: findings shown as warnings, never refusals. */
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { areaOverlaps, type AreaOverlap } from './areas.queries.ts';

export function listOverlaps(db: Database, actor: Actor, region: string | null): Promise<AreaOverlap[]> {
  return withActor(db, actor, (tx) => areaOverlaps(tx, { region }));
}

/** One area an inscription's front lies in, or its right's polygon overlaps. */
export interface InscriptionOverlap {
  /** `front`: the inscription's mining front (a point) lies inside; `right`: the polygon of the right it declares overlaps. */
  entity: 'front' | 'right';
  areaKind: string;
  areaCode: string;
  areaName: string;
  category: string | null;
  /** Hectares of the right inside the area; null for a front. */
  hectares: number | null;
}

/**
 * The areas of one inscription (its front) and of the right it declares, for the
 * registry's inscription page, inside the caller's transaction: informal miners really
 * are inside protected areas, so this is a warning on the record, not a refusal.
 */
export async function inscriptionOverlaps(tx: Queryable, inscriptionId: number, rightId: number): Promise<InscriptionOverlap[]> {
  const rows = await areaOverlaps(tx, { inscriptionIds: [inscriptionId], rightIds: [rightId] });
  return rows.map((o) => ({
    entity: o.entity === 'inscription' ? 'front' : 'right',
    areaKind: o.areaKind,
    areaCode: o.areaCode,
    areaName: o.areaName,
    category: o.category,
    hectares: o.overlapHectares,
  }));
}
