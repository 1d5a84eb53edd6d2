/**
 * The geography check's first pass in JavaScript gives PostGIS's answer: a front it finds
 * inside its department is inside for ST_Intersects (or within a rounding error of an edge,
 * which the SQL check's slack accepts); a front it does not find inside goes to the SQL check.
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { departmentShapes, insideDepartment } from './reinfo-import-geography.ts';
import { DEPARTMENT_SLACK_METERS } from './registry.domain.ts';

const db = await testDb();

/** A small deterministic generator (the points must be the same on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('REINFO geography, first pass', () => {
  test('inside a department exactly when PostGIS says so, for random points over Peru and points next to the borders', async () => {
    const shapes = await departmentShapes(db);
    expect(shapes.size).toBeGreaterThan(20);
    const next = random(4242);
    const { rows: codes } = await db.query<{ code: string }>('SELECT DISTINCT department_code::text AS code FROM department_parts ORDER BY 1');
    // vertices of the parts: points near them are where a wrong edge test would show
    const { rows: vertices } = await db.query<{ code: string; x: number; y: number }>(
      `SELECT d.code, ST_X(d.geom) AS x, ST_Y(d.geom) AS y
       FROM (SELECT department_code::text AS code, (ST_DumpPoints(geom)).geom FROM department_parts) d ORDER BY 1, 2, 3`,
    );
    const points: { department: string; lon: number; lat: number }[] = [];
    // anywhere over Peru, for any department
    for (let i = 0; i < 1000; i++) {
      points.push({ department: codes[Math.floor(next() * codes.length)]!.code, lon: -81.4 + next() * 12.8, lat: -18.4 + next() * 18.4 });
    }
    // around a department's vertices, for that department: within 0.5° and within 0.01°
    for (const spread of [1, 0.02]) {
      for (let i = 0; i < 1000; i++) {
        const v = vertices[Math.floor(next() * vertices.length)]!;
        points.push({ department: v.code, lon: v.x + (next() - 0.5) * spread, lat: v.y + (next() - 0.5) * spread });
      }
    }
    const { rows } = await db.query<{ i: number; intersects: boolean; near: boolean }>(
      `SELECT p.i, EXISTS (SELECT 1 FROM department_parts d WHERE d.department_code = p.department AND ST_Intersects(d.geom, p.pt)) AS intersects,
              EXISTS (SELECT 1 FROM department_parts d WHERE d.department_code = p.department
                       AND ST_DWithin(d.geom::geography, p.pt::geography, $4)) AS near
       FROM (SELECT i::int AS i, department, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS pt
             FROM unnest($1::text[], $2::float8[], $3::float8[]) WITH ORDINALITY AS t(department, lon, lat, i)) p ORDER BY p.i`,
      [points.map((p) => p.department), points.map((p) => p.lon), points.map((p) => p.lat), DEPARTMENT_SLACK_METERS],
    );
    let inside = 0;
    const disagree: number[] = [];
    for (const r of rows) {
      const p = points[r.i - 1]!;
      const js = insideDepartment(shapes, p.department, p.lon, p.lat);
      if (js) inside += 1;
      // never accepted by the first pass when the SQL check would refuse it
      if (js) expect(r.near).toBe(true);
      if (js !== r.intersects) disagree.push(r.i);
    }
    expect(inside).toBeGreaterThan(700);
    expect(disagree).toEqual([]);
  });

  test('a department without polygons, or a point far outside, is left to the SQL check', async () => {
    const shapes = await departmentShapes(db);
    expect(insideDepartment(shapes, 'XX', -70, -15)).toBe(false);
    expect(insideDepartment(shapes, '21', -60, -30)).toBe(false);
    // Puno's capital lies in Puno
    expect(insideDepartment(shapes, '21', -70.0199, -15.8402)).toBe(true);
  });
});
