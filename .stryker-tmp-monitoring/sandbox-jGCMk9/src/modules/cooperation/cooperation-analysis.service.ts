/** Reads for analysis: the gap matrix, ODA by agency and year, the IATI export. Each in one transaction as the actor. */
// @ts-nocheck

import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { peruToday } from '../../platform/time.ts';
import { policyObjectives } from '../monitoring/policy-codes.queries.ts';
import { ASPECTS, departmentOf, STRATA } from './cooperation.domain.ts';
import * as q from './cooperation.queries.ts';
import type { GapMatrix, MatrixQuery, Oda } from './cooperation.schema.ts';
import { withUsd } from './cooperation.view.ts';
import { gapMatrix, odaByAgency, type AnalysisProject } from './gap-matrix.domain.ts';
import { iatiXml } from './iati.export.ts';

const analysisProject = (r: q.ProjectRow): AnalysisProject => ({
  id: r.id,
  status: r.status,
  startDate: r.startDate,
  endDate: r.endDate,
  agencyCode: r.agencyCode,
  departments: [...new Set(r.regions.map(departmentOf))],
  strata: r.strata,
  aspects: r.aspects,
  policyCodes: r.policyCodes,
  flows: r.flows,
});

export function gapMatrixReport(db: Database, actor: Actor, query: MatrixQuery): Promise<GapMatrix> {
  return withActor(db, actor, async (tx) => {
    const year = query.year ?? Number(peruToday().slice(0, 4));
    const [rows, rates, departments, agencies, objectives] = [
      await q.projectRows(tx),
      await q.usdRates(tx),
      await q.departmentNames(tx),
      await q.agencies(tx),
      await policyObjectives(tx),
    ];
    const m = gapMatrix(rows.map(analysisProject), rates, { year, region: query.region, agency: query.agency, objective: query.objective });
    const agencyName = new Map(agencies.map((a) => [a.code, a.acronym]));
    const objectiveName = new Map(objectives.map((o) => [o.code, o.name]));
    return {
      year,
      region: query.region ?? null,
      agency: query.agency ?? null,
      objective: query.objective ?? null,
      strata: [...STRATA],
      aspects: [...ASPECTS],
      cells: m.cells,
      gaps: m.gaps,
      activeProjects: m.activeProjects,
      unclassified: m.unclassified,
      byRegion: m.byRegion.map((b) => ({ ...b, name: departments.get(b.key) ?? b.key })),
      byAgency: m.byAgency.map((b) => ({ ...b, name: agencyName.get(b.key) ?? b.key })),
      byObjective: m.byObjective.map((b) => ({ ...b, name: objectiveName.get(b.key) ?? b.key })),
      objectives,
    };
  });
}

export function odaReport(db: Database, actor: Actor): Promise<Oda> {
  return withActor(db, actor, async (tx) => {
    const rows = await q.projectRows(tx);
    const rates = await q.usdRates(tx);
    const agencyName = new Map((await q.agencies(tx)).map((a) => [a.code, a.acronym]));
    return {
      byAgency: odaByAgency(rows.map(analysisProject), rates).map((r) => ({ ...r, agencyName: agencyName.get(r.agencyCode) ?? r.agencyCode })),
      reported: await q.odaReported(tx),
    };
  });
}

/** Every project (or those of one agency) as an IATI 2.03 activity file. */
export function exportIati(db: Database, actor: Actor, o: { agency?: string | undefined; now?: Date } = {}): Promise<{ xml: string; activities: number }> {
  return withActor(db, actor, async (tx) => {
    const rates = await q.usdRates(tx);
    const projects = (await q.projectRows(tx, { agency: o.agency })).map((r) => withUsd(r, rates));
    const xml = iatiXml(projects, await q.agencies(tx), await q.departmentNames(tx), o.now ?? new Date());
    return { xml, activities: projects.length };
  });
}
