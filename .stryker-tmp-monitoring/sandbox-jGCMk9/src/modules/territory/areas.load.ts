/** SERNANP's protected areas shipped in reference/areas/, loaded through the areas import (idempotent: a re-run is unchanged). */
// @ts-nocheck

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { runImportIn, type ImportRun } from '../../platform/imports/pipeline.ts';
import { areasImport } from './areas.import.ts';
import { layerSource, readGeoLayer } from './geo-file.ts';

export const ANP_FILE = fileURLToPath(new URL('../../../reference/areas/anp-sernanp.geojson', import.meta.url));

export async function loadReferenceAreas(tx: Queryable, actor: Actor): Promise<ImportRun> {
  const bytes = readFileSync(ANP_FILE);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return runImportIn(tx, actor, areasImport({ kind: 'protected' }), layerSource(await readGeoLayer(bytes)), {
    fileName: 'anp-sernanp.geojson',
    sha256,
    asOf: '2026-07-20',
  });
}
