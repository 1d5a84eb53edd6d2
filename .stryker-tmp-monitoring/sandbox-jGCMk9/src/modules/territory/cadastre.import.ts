/**
 * `veta import cadastre`: a GEOCATMIN layer (zipped shapefile or GeoJSON) as a
 * declaration on the shared import pipeline. Validation is pure (cadastre.domain.ts);
 * the write is set-based (cadastre.queries.ts). Repaired polygons and areas far from
 * the declared hectares are warnings: reported with the counts, never a refusal.
 */
// @ts-nocheck

import type { ImportDeclaration, RowError } from '../../platform/imports/types.ts';
import { REGISTRY_TABLES } from '../../platform/statistics.ts';
import { CADASTRE_COLUMNS, duplicateCodes, validateCadastreFeature, type CadastreColumn, type CadastreRow } from './cadastre.domain.ts';
import { cadastreErrors, cadastreWarnings, classifyCadastre, dropStagedRows, stageCadastre, writeCadastre } from './cadastre.queries.ts';
import { territoryIndex } from './territory-index.ts';

interface Prep {
  departments: ReadonlyMap<string, string>;
}

/** A declaration for one run; `warnings` collects what was repaired or reported. */
export function cadastreImport(warnings?: RowError[]): ImportDeclaration<CadastreColumn, CadastreRow, Prep> {
  return {
    kind: 'cadastre',
    title: 'the INGEMMET mining cadastre (GEOCATMIN: zipped shapefile or GeoJSON)',
    formats: ['geojson'],
    columns: CADASTRE_COLUMNS,
    access: ['regional', 'national', 'admin'],
    statistics: REGISTRY_TABLES,
    prepare: async (tx) => ({ departments: (await territoryIndex(tx)).departments }),
    validate: (record, ctx) => validateCadastreFeature(record, ctx.prep.departments),
    checkRows: (rows) => duplicateCodes(rows),
    async write(tx, rows, ctx) {
      if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
      await stageCadastre(tx, rows);
      const errors = await cadastreErrors(tx, ctx.actor.role === 'regional' ? ctx.actor.region : null);
      if (warnings) warnings.push(...(await cadastreWarnings(tx)));
      if (errors.length > 0 && !ctx.skipInvalid) return { inserted: 0, updated: 0, unchanged: 0, errors };
      await dropStagedRows(
        tx,
        errors.map((e) => e.row),
      );
      const counts = await classifyCadastre(tx);
      if (counts.inserted + counts.updated > 0) await writeCadastre(tx, await ctx.importId(), ctx.asOf, ctx.actor.username);
      return { ...counts, errors };
    },
  };
}
