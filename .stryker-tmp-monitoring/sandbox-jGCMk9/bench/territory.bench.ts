/**
 * The national map's tile budget: no tile over 500 KB at national size (60,000 rights,
 * 100,000 fronts), a view of Puno at zoom 8 under 1.5 MB. Generates the national shape
 * (rights as squares of 20–1,000 ha inside their departments, weighted as the demo — Puno
 * the densest —, fronts inside their rights, DAC for one year, SERNANP's areas), then
 * renders every tile covering Peru at zooms 5–8 for the four layers and the tiles of the
 * Puno view at zoom 8, with the encoder the engine has (and the JS one on native too).
 *
 *   node --import tsx bench/territory.bench.ts            # PGlite, in memory
 *   DATABASE_URL=postgres://… node --import tsx bench/territory.bench.ts
 */
// @ts-nocheck

import { openDatabase, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadTerritory } from '../src/modules/territory/territory.load.ts';
import { loadReferenceAreas } from '../src/modules/territory/areas.load.ts';
import { DEMO_DEPARTMENTS } from '../src/modules/demo/demo.data.ts';
import { TILE_LAYERS, tilesCovering, type TileLayer } from '../src/modules/territory/tiles.domain.ts';
import { renderTile, tileEncoder, type TileEncoder } from '../src/modules/territory/tiles.service.ts';

const RIGHTS = Number(process.env['BENCH_RIGHTS'] ?? 60_000);
const FRONTS = Number(process.env['BENCH_FRONTS'] ?? 100_000);
const YEAR = 2024;
const PERU: [number, number, number, number] = [-81.4, -18.4, -68.6, -0.03];
const PUNO: [number, number, number, number] = [-71.1, -17.3, -68.8, -13.0];
const ADMIN = { username: 'bench', role: 'admin' as const, region: null, ruc: null, userId: null };

async function generate(db: Database): Promise<void> {
  const total = DEMO_DEPARTMENTS.reduce((s, [, w]) => s + w, 0);
  let offset = 0;
  for (const [dept, w] of DEMO_DEPARTMENTS) {
    const n = Math.round((RIGHTS * w) / total);
    // squares of 20–1,000 ha (side in degrees ≈ √ha·100 m / 111 km) around points spread inside the department
    await db.query(
      `INSERT INTO mining_rights (code, name, search_key, department_code, verification, right_kind, legal_state, hectares, geom)
       SELECT lpad(($2 + p.path[1])::text, 9, '0'), 'BENCH ' || ($2 + p.path[1]), 'BENCH', $1, 'verified',
              (ARRAY['titled','titled','titled','titled','in_process','extinguished','quarry','plant'])[1 + (p.path[1] % 8)], 'bench', ha,
              ST_Multi(ST_Expand(p.geom, sqrt(ha) * 100 / 111000 / 2))
       FROM departments d, LATERAL ST_Dump(ST_GeneratePoints(d.geom, $3, 2030)) p, LATERAL (SELECT 20 + (p.path[1] * 7919) % 980 AS ha) h
       WHERE d.code = $1`,
      [dept, offset, n],
    );
    offset += n;
  }
  await db.query(
    `INSERT INTO persons (dni, full_name, search_key, region_code)
    SELECT lpad((60000000 + g)::text, 8, '0'), 'BENCH ' || g, 'BENCH', '21' FROM generate_series(1, $1) g`,
    [FRONTS],
  );
  // every front inside a right (the first ones one per right, the rest sharing), as in the national register
  const n = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mining_rights WHERE legal_state = 'bench'`)).rows[0]!.n;
  await db.query(
    `INSERT INTO reinfo_inscriptions (ruc, declarant_name, person_id, mining_right_id, mining_right_code, activity, department_code, front, inscription_date, status, status_since)
     SELECT '10' || p.dni || '0', p.full_name, p.id, r.id, r.code, 'explotacion', r.department_code, ST_PointOnSurface(r.geom), date '2020-01-01',
            (ARRAY['vigente','suspendido','excluido'])[1 + (p.id % 3)::int], date '2020-01-01'
     FROM (SELECT id, dni, full_name, 1 + (row_number() OVER (ORDER BY id) - 1) % $1 AS k FROM persons WHERE full_name LIKE 'BENCH %') p
     JOIN (SELECT id, code, department_code, geom, row_number() OVER (ORDER BY id) AS k FROM mining_rights WHERE legal_state = 'bench') r ON r.k = p.k`,
    [n],
  );
  await db.query(
    `INSERT INTO dac_statuses (mining_right_id, year, status, situation)
     SELECT id, $1, 'presented', (ARRAY['CONSTRUCCION','EXPLORACION','EXPLOTACION','PARALIZADA','SIN_ACTIVIDAD'])[1 + (id % 5)::int]
     FROM mining_rights WHERE legal_state = 'bench' AND id % 10 < 7`,
    [YEAR],
  );
  await db.transaction((tx) => loadReferenceAreas(tx, ADMIN));
  await db.exec('ANALYZE');
}

interface LayerFigure {
  layer: TileLayer;
  zoom: number;
  tiles: number;
  maxBytes: number;
  totalBytes: number;
  maxMs: number;
  meanMs: number;
}

async function measure(
  db: Database,
  encoder: TileEncoder,
  zoom: number,
  box: [number, number, number, number],
  layers: readonly TileLayer[],
): Promise<LayerFigure[]> {
  const out: LayerFigure[] = [];
  for (const layer of layers) {
    const f: LayerFigure = { layer, zoom, tiles: 0, maxBytes: 0, totalBytes: 0, maxMs: 0, meanMs: 0 };
    let ms = 0;
    for (const [x, y] of tilesCovering(zoom, box)) {
      const t0 = performance.now();
      const tile = await renderTile(db, layer, zoom, x, y, { encoder, year: YEAR });
      const dt = performance.now() - t0;
      f.tiles++;
      f.maxBytes = Math.max(f.maxBytes, tile.length);
      f.totalBytes += tile.length;
      f.maxMs = Math.max(f.maxMs, dt);
      ms += dt;
    }
    f.meanMs = ms / Math.max(f.tiles, 1);
    out.push(f);
  }
  return out;
}

const kb = (b: number): string => `${(b / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  const db = await openDatabase(url ? { databaseUrl: url } : { dataDir: 'memory' });
  try {
    const t0 = performance.now();
    await migrate(db);
    await db.transaction((tx) => loadTerritory(tx));
    await generate(db);
    const counts = (
      await db.query<{ r: number; f: number }>(`SELECT (SELECT count(*) FROM mining_rights)::int AS r, (SELECT count(*) FROM reinfo_inscriptions)::int AS f`)
    ).rows[0]!;
    console.log(
      `engine ${url ? 'PostgreSQL' : 'PGlite'}: ${counts.r} rights, ${counts.f} fronts generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const native = await tileEncoder(db);
    for (const encoder of native === 'postgis' ? (['postgis', 'js'] as const) : (['js'] as const)) {
      console.log(`\n== encoder ${encoder}`);
      let worst = 0;
      for (const zoom of [5, 6, 7, 8]) {
        for (const f of await measure(db, encoder, zoom, PERU, TILE_LAYERS)) {
          worst = Math.max(worst, f.maxBytes);
          console.log(
            `national z${zoom} ${f.layer.padEnd(9)} ${String(f.tiles).padStart(4)} tiles  max ${kb(f.maxBytes).padStart(9)}  total ${kb(f.totalBytes).padStart(10)}  mean ${f.meanMs.toFixed(0).padStart(5)} ms  max ${f.maxMs.toFixed(0)} ms`,
          );
        }
      }
      const puno = await measure(db, encoder, 8, PUNO, TILE_LAYERS);
      const view = puno.reduce((s, f) => s + f.totalBytes, 0);
      console.log(
        `Puno view z8: ${puno[0]!.tiles} tiles × ${puno.length} layers = ${kb(view)} (budget 1,536 KB); largest tile anywhere ${kb(worst)} (budget 500 KB)`,
      );
      for (const f of puno) console.log(`  ${f.layer.padEnd(9)} ${kb(f.totalBytes).padStart(9)}  mean ${f.meanMs.toFixed(0)} ms  max ${f.maxMs.toFixed(0)} ms`);
    }
  } finally {
    await db.close();
  }
}

await main();
