/** The overlaps listing: fronts and rights inside protected and exclusion areas, as the caller may see them. */
// @ts-nocheck

import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { areaOverlaps, type AreaOverlap } from './areas.queries.ts';

export function listOverlaps(db: Database, actor: Actor, region: string | null): Promise<AreaOverlap[]> {
  return withActor(db, actor, (tx) => areaOverlaps(tx, { region }));
}
