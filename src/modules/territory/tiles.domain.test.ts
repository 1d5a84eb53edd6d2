import { describe, expect, test } from 'vitest';
import {
  DETAIL_ZOOM,
  LABEL_ZOOM,
  MAX_TILE_ZOOM,
  POINT_DETAIL_ZOOM,
  TILE_BUFFER,
  TILE_EXTENT,
  TILE_LAYERS,
  clusterCell,
  isTile,
  simplifyTolerance,
  tileBounds,
  tilesCovering,
} from './tiles.domain.ts';

describe('tile addresses', () => {
  test('the layers and zoom thresholds the tile routes and the web map share', () => {
    expect(TILE_LAYERS).toEqual(['rights', 'fronts', 'areas', 'situation']);
    expect([TILE_EXTENT, TILE_BUFFER, MAX_TILE_ZOOM]).toEqual([4096, 64, 18]);
    expect([DETAIL_ZOOM, POINT_DETAIL_ZOOM, LABEL_ZOOM]).toEqual([8, 10, 11]);
  });

  test('a tile is z in 0…18 with x and y integers inside the 2^z grid', () => {
    expect(isTile(0, 0, 0)).toBe(true);
    expect(isTile(18, 2 ** 18 - 1, 2 ** 18 - 1)).toBe(true);
    expect(isTile(3, 7, 0)).toBe(true);
    expect(isTile(3, 0, 7)).toBe(true);
    expect(isTile(19, 0, 0)).toBe(false);
    expect(isTile(-1, 0, 0)).toBe(false);
    expect(isTile(3, 8, 0)).toBe(false);
    expect(isTile(3, 0, 8)).toBe(false);
    expect(isTile(3, -1, 0)).toBe(false);
    expect(isTile(3, 0, -1)).toBe(false);
    expect(isTile(2.5, 0, 0)).toBe(false);
    expect(isTile(3, 1.5, 0)).toBe(false);
    expect(isTile(3, 0, 1.5)).toBe(false);
    expect(isTile(Number.NaN, 0, 0)).toBe(false);
  });
});

describe('tileBounds', () => {
  test('without buffer: zoom 0 is the whole Web-Mercator square', () => {
    const [w, s, e, n] = tileBounds(0, 0, 0, 0);
    expect(w).toBe(-180);
    expect(e).toBe(180);
    expect(n).toBeCloseTo(85.0511287798, 9);
    expect(s).toBeCloseTo(-85.0511287798, 9);
  });

  test('zoom 1 splits at the meridian and the equator', () => {
    expect(tileBounds(1, 1, 0, 0).map((v) => Number(v.toFixed(9)))).toEqual([0, 0, 180, 85.05112878]);
    expect(tileBounds(1, 0, 1, 0).map((v) => Number(v.toFixed(9)))).toEqual([-180, -85.05112878, 0, 0]);
  });

  test('the default buffer grows the box by 64/4096 of a tile on every side', () => {
    const [w, s, e, n] = tileBounds(1, 1, 1);
    const pad = (180 * 64) / 4096;
    expect(w).toBeCloseTo(-pad, 9);
    expect(e).toBeCloseTo(180 + pad, 9);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeCloseTo((Math.atan(Math.sinh(Math.PI * (64 / 4096))) * 180) / Math.PI, 9);
    expect(s).toBeLessThan(-85.0511287798);
  });
});

describe('tilesCovering', () => {
  test('zoom 0 is one tile', () => {
    expect(tilesCovering(0, [-80, -18, -68, 0])).toEqual([[0, 0]]);
  });

  test('a box across the meridian and the equator takes the four tiles of zoom 1, x then y', () => {
    expect(tilesCovering(1, [-10, -10, 10, 10])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  test("Peru's south at zoom 5: the columns and rows of the box, north to south", () => {
    // lon −72…−68 → x 9 (−78.75…−67.5); lat −13…−18 → y 17 (−11.18…−21.94); lon −80 → x 8, lat −10 → y 16
    expect(tilesCovering(5, [-72, -18, -68, -13])).toEqual([[9, 17]]);
    expect(tilesCovering(5, [-80, -18, -68, -10])).toEqual([
      [8, 16],
      [8, 17],
      [9, 16],
      [9, 17],
    ]);
  });

  test('a north-east box at zoom 1 is the single tile x 1, y 0', () => {
    expect(tilesCovering(1, [10, 10, 20, 20])).toEqual([[1, 0]]);
    expect(tilesCovering(1, [-20, -20, -10, -10])).toEqual([[0, 1]]);
  });
});

describe('cluster cells and simplification', () => {
  test('a cluster cell is 1/64 of a tile width in degrees', () => {
    expect(clusterCell(0)).toBe(5.625);
    expect(clusterCell(1)).toBe(2.8125);
    expect(clusterCell(8)).toBe(360 / 256 / 64);
  });

  test('the simplification tolerance is 1/1024 of a tile width in degrees', () => {
    expect(simplifyTolerance(0)).toBe(0.3515625);
    expect(simplifyTolerance(2)).toBe(0.087890625);
  });
});
