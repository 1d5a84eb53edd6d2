/** The situation of informal miners' areas for a year: the spatial join, classified by the domain rule, tabulated. */
// @ts-nocheck

import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { classifyFront, SITUATIONS, tabulate, type Situation, type SituationRow } from './situation.domain.ts';
import { departmentNames, frontsWithRights, visibleInscriptions, type CellInscription } from './situation.queries.ts';

export interface SituationReport {
  year: number;
  regions: string[];
  total: number;
  rows: SituationRow[];
  byRegion: { region: string; name: string; total: number; rows: SituationRow[] }[];
  /** Officials only: the inscriptions behind each cell (those row-level security lets them see). */
  inscriptions?: Partial<Record<Situation, CellInscription[]>>;
}

const OFFICIALS = new Set(['regional', 'national', 'auditor', 'admin']);

export async function situationIn(tx: Queryable, actor: Actor, year: number, regions: readonly string[] | null): Promise<SituationReport> {
  const fronts = await frontsWithRights(tx, year, regions && regions.length > 0 ? regions : null);
  const classified = fronts.map((f) => ({ ...f, situation: classifyFront(f.rights) }));
  const { total, rows } = tabulate(classified.map((c) => c.situation));
  const codes = [...new Set(regions && regions.length > 0 ? regions : classified.map((c) => c.departmentCode))].sort();
  const names = await departmentNames(tx, codes);
  const byRegion = codes.map((region) => {
    const t = tabulate(classified.filter((c) => c.departmentCode === region).map((c) => c.situation));
    return { region, name: names.get(region) ?? region, ...t };
  });
  const report: SituationReport = { year, regions: codes, total, rows, byRegion };
  if (OFFICIALS.has(actor.role)) {
    const visible = new Map(
      (
        await visibleInscriptions(
          tx,
          classified.map((c) => c.id),
        )
      ).map((i) => [i.id, i]),
    );
    const cells: Partial<Record<Situation, CellInscription[]>> = {};
    for (const s of SITUATIONS) cells[s] = classified.filter((c) => c.situation === s && visible.has(c.id)).map((c) => visible.get(c.id)!);
    report.inscriptions = cells;
  }
  return report;
}

export function situationReport(db: Database, actor: Actor, year: number, regions: readonly string[] | null): Promise<SituationReport> {
  return withActor(db, actor, (tx) => situationIn(tx, actor, year, regions));
}
