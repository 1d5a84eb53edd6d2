/**
 * The territory module's demo step: SERNANP's protected areas, and the PERCAN pilot
 * (territory-pilot.demo.ts) loaded through the same cadastre and DAC imports officials
 * use, with its informal fronts as REINFO inscriptions of 2006.
 */
// @ts-nocheck

import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { runImportIn } from '../../platform/imports/pipeline.ts';
import { tableSource } from '../../platform/imports/sources.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { loadReferenceAreas } from './areas.load.ts';
import { cadastreImport } from './cadastre.import.ts';
import { dacImport } from './dac.import.ts';
import { readGeoLayer, layerSource } from './geo-file.ts';
import { gridSize, pilotCases, pilotLayout, PILOT_REGIONS, PILOT_YEAR, type PilotLayout } from './territory-pilot.demo.ts';

const SYSTEM: Actor = { username: 'system:demo', role: 'admin', region: null, ruc: null, userId: null };

/** A free place for the region's grid: inside the department, away from every other front and right. */
async function anchorOf(tx: Queryable, region: string, size: [number, number]): Promise<[number, number]> {
  const { rows } = await tx.query<{ x: number; y: number }>(
    `SELECT p.x, p.y FROM departments d
     CROSS JOIN LATERAL generate_series(floor(ST_XMin(d.geom) * 20)::int, ceil(ST_XMax(d.geom) * 20)::int) gx
     CROSS JOIN LATERAL generate_series(floor(ST_YMin(d.geom) * 20)::int, ceil(ST_YMax(d.geom) * 20)::int) gy
     CROSS JOIN LATERAL (SELECT gx / 20.0 AS x, gy / 20.0 AS y) p
     WHERE d.code = $1 AND ST_Covers(d.geom, ST_MakeEnvelope(p.x - 0.02, p.y - 0.02, p.x + $2 + 0.02, p.y + $3 + 0.02, 4326))
       AND NOT EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.front && ST_MakeEnvelope(p.x - 0.06, p.y - 0.06, p.x + $2 + 0.06, p.y + $3 + 0.06, 4326))
       AND NOT EXISTS (SELECT 1 FROM mining_rights r WHERE r.geom && ST_MakeEnvelope(p.x - 0.01, p.y - 0.01, p.x + $2 + 0.01, p.y + $3 + 0.01, 4326))
     ORDER BY ST_Distance(ST_PointOnSurface(d.geom), ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)), p.x, p.y LIMIT 1`,
    [region, size[0], size[1]],
  );
  if (!rows[0]) throw new Error(`no free place for the pilot in department ${region}`);
  return [Number(rows[0].x), Number(rows[0].y)];
}

const boxHectares = ([w, s, e, n]: [number, number, number, number]): number =>
  Number((((e - w) * 111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180) * (n - s) * 110_574) / 10_000).toFixed(4));

const DEPARTMENT_NAME: Record<string, string> = { '13': 'LA LIBERTAD', '19': 'PASCO', '18': 'MOQUEGUA' };

function cadastreGeoJson(layout: PilotLayout): Uint8Array {
  const features = layout.concessions.map((c) => {
    const [w, s, e, n] = c.box;
    return {
      type: 'Feature',
      properties: {
        CODIGOU: c.code,
        CONCESION: c.name,
        TIT_CONCES: `TITULAR FICTICIO ${c.code}`,
        D_ESTADO: c.state,
        LEYENDA: c.state,
        FEC_DENU: '2001-03-15',
        ZONA: 18,
        HASDATUM: boxHectares(c.box),
        SUSTANCIA: 'M',
        DEPA: DEPARTMENT_NAME[layout.region],
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ],
        ],
      },
    };
  });
  return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
}

/** Loads the pilot (and the reference areas); returns the fronts placed per region. */
export async function territoryDemo(tx: Queryable): Promise<Record<string, number>> {
  await loadReferenceAreas(tx, SYSTEM);
  const cases = pilotCases();
  const placed: Record<string, number> = {};
  let seq = 0;
  for (const [region] of PILOT_REGIONS) {
    const regionCases = cases.get(region)!;
    const n = regionCases.reduce((s, [, k]) => s + k, 0);
    const layout = pilotLayout(region, await anchorOf(tx, region, gridSize(n)), regionCases, seq);
    const opts = { fileName: `demo-catastro-${region}.geojson`, sha256: `demo-${region}`, asOf: '2005-12-31' };
    await runImportIn(tx, SYSTEM, cadastreImport(), layerSource(await readGeoLayer(cadastreGeoJson(layout))), opts);
    const dac = layout.concessions.filter((c) => c.dac !== null);
    const table = {
      headers: ['CODIGO UNICO', 'AÑO', 'SITUACION'],
      rows: dac.map((c, i) => ({ row: i + 2, cells: [c.code, String(PILOT_YEAR), c.dac!.situation] })),
    };
    if (table.rows.length > 0) await runImportIn(tx, SYSTEM, dacImport, tableSource(table), { ...opts, fileName: `demo-dac-${region}.csv` });
    await insertFronts(tx, layout);
    placed[region] = layout.fronts.length;
    seq += layout.fronts.length + 1000;
  }
  return placed;
}

async function insertFronts(tx: Queryable, layout: PilotLayout): Promise<void> {
  const region = layout.region;
  await tx.query(
    `INSERT INTO mining_rights (code, name, search_key, department_code, verification, legal_state, right_kind)
     SELECT c, n, upper(n), $3, 'declared_unverified', 'D.M. en Trámite D.L. 708', 'in_process' FROM unnest($1::text[], $2::text[]) AS t(c, n)
     ON CONFLICT (code) DO NOTHING`,
    [layout.petitions.map((p) => p.code), layout.petitions.map((p) => p.name), region],
  );
  const dnis = layout.fronts.map((f) => String(30_000_000 + Number(region) * 10_000 + f.seq));
  await tx.query(
    `INSERT INTO persons (dni, full_name, search_key, region_code)
     SELECT d, 'MINERO INFORMAL PILOTO ' || d, 'MINERO INFORMAL PILOTO ' || d, $2 FROM unnest($1::text[]) AS d ON CONFLICT (dni) DO NOTHING`,
    [dnis, region],
  );
  await tx.query(
    `INSERT INTO reinfo_inscriptions (ruc, declarant_name, person_id, mining_right_id, mining_right_code, activity, department_code, front,
       inscription_date, status, status_since)
     SELECT t.ruc, p.full_name, p.id, r.id, r.code, 'explotacion', $6, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), date '2006-06-30', 'vigente', date '2006-06-30'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[]) AS t(dni, ruc, code, lon, lat)
     JOIN persons p ON p.dni = t.dni JOIN mining_rights r ON r.code = t.code
     ON CONFLICT (ruc, mining_right_code, activity) DO NOTHING`,
    [
      dnis,
      dnis.map((d) => withCheckDigit(`10${d}`)),
      layout.fronts.map((f) => f.rightCode),
      layout.fronts.map((f) => f.lon),
      layout.fronts.map((f) => f.lat),
      region,
    ],
  );
}
