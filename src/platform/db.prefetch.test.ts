/**
 * A database opened after prefetchPglite (PGlite's WebAssembly compiled and its file bundle
 * read ahead) is the same database: extensions, parameters and parsed values as always.
 */
import { expect, test } from 'vitest';
import { openDatabase } from './db.ts';
import { prefetchPglite } from './db/pglite-files.ts';

test('opened from the prefetched WebAssembly and bundle: PostGIS, pg_trgm, arrays and parsers work', async () => {
  prefetchPglite();
  prefetchPglite(); // idempotent
  const db = await openDatabase({ dataDir: 'memory' });
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm;');
    const { rows } = await db.query<{ wkt: string; sim: number; arr: number[]; n: number; d: string; num: string }>(
      `SELECT ST_AsText(ST_MakePoint(-71.5, -13.5)) AS wkt, similarity('Puno', 'Puno') AS sim, $1::int[] AS arr,
              count(*) AS n, DATE '2024-05-01' AS d, 1.10::numeric AS num FROM generate_series(1, 3)`,
      [[1, 2, 3]],
    );
    expect(rows[0]).toEqual({ wkt: 'POINT(-71.5 -13.5)', sim: 1, arr: [1, 2, 3], n: 3, d: '2024-05-01', num: '1.10' });
  } finally {
    await db.close();
  }
}, 120_000);
