/**
 * The REINFO import's first pass of the geography check, in JavaScript: a mining front
 * that lies inside one of its department's (simplified, subdivided) polygons is accepted
 * without asking PostGIS; only the other fronts — a few per thousand — go to the full check
 * in SQL (reinfo.import.ts, `geographyErrors`: the department with its slack, or which
 * department the point is really in).
 *
 * Never a different answer: a point this test finds inside a part is inside it for
 * ST_Intersects too, or within a rounding error of its edge — far less than
 * DEPARTMENT_SLACK_METERS, so the SQL check would have accepted it as well.
 */
import type { Queryable } from '../../platform/db.ts';

/** One polygon: its bounding box and rings (outer and holes) as flat [x0, y0, x1, y1, …] closed lists. */
interface Part {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  rings: Float64Array[];
}

/** The polygons of each department (INEI code), as department_parts holds them. */
export type DepartmentShapes = ReadonlyMap<string, readonly Part[]>;

/** Reads department_parts (about a hundred small polygons); coordinates with all their digits. */
export async function departmentShapes(tx: Queryable): Promise<DepartmentShapes> {
  const { rows } = await tx.query<{ code: string; geojson: string }>(
    'SELECT department_code::text AS code, ST_AsGeoJSON(geom, 17) AS geojson FROM department_parts',
  );
  const out = new Map<string, Part[]>();
  for (const r of rows) {
    const geometry = JSON.parse(r.geojson) as { type: string; coordinates: number[][][] | number[][][][] };
    const polygons = geometry.type === 'MultiPolygon' ? (geometry.coordinates as number[][][][]) : [geometry.coordinates as number[][][]];
    for (const polygon of polygons) {
      const part = toPart(polygon);
      if (!part) continue;
      const list = out.get(r.code) ?? [];
      list.push(part);
      out.set(r.code, list);
    }
  }
  return out;
}

function toPart(polygon: number[][][]): Part | null {
  if (polygon.length === 0 || polygon[0]!.length < 4) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings = polygon.map((ring) => {
    const flat = new Float64Array(ring.length * 2);
    ring.forEach(([x, y], i) => {
      flat[2 * i] = x!;
      flat[2 * i + 1] = y!;
    });
    return flat;
  });
  for (const [x, y] of polygon[0]!) {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  }
  return { minX, minY, maxX, maxY, rings };
}

/** True when (lon, lat) lies inside one of the department's parts (even–odd over every ring, so holes are outside). */
export function insideDepartment(shapes: DepartmentShapes, departmentCode: string, lon: number, lat: number): boolean {
  const parts = shapes.get(departmentCode);
  if (!parts) return false;
  for (const p of parts) {
    if (lon < p.minX || lon > p.maxX || lat < p.minY || lat > p.maxY) continue;
    let inside = false;
    for (const ring of p.rings) {
      const n = ring.length;
      for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
        const yi = ring[i + 1]!;
        const yj = ring[j + 1]!;
        if (yi > lat !== yj > lat) {
          const xi = ring[i]!;
          const xj = ring[j]!;
          if (lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
    }
    if (inside) return true;
  }
  return false;
}
