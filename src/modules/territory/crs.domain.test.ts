import proj4 from 'proj4';
import { describe, expect, test } from 'vitest';
import { SUPPORTED_SRIDS, geometryToWgs84, isSupportedSrid, sridFromGeoJsonCrs, sridFromPrj } from './crs.domain.ts';

describe('supported reference systems', () => {
  test('WGS84 and PSAD56, geographic and UTM 17S–19S', () => {
    expect([...SUPPORTED_SRIDS].sort((a, b) => a - b)).toEqual([4248, 4326, 24877, 24878, 24879, 32717, 32718, 32719]);
    for (const srid of SUPPORTED_SRIDS) expect(isSupportedSrid(srid)).toBe(true);
    expect(isSupportedSrid(3857)).toBe(false);
    expect(isSupportedSrid(32617)).toBe(false);
  });
});

describe('sridFromPrj', () => {
  test('the top-level EPSG authority decides, even for a code Veta does not convert', () => {
    expect(sridFromPrj('PROJCS["WGS 84 / UTM zone 18S",GEOGCS["WGS 84",AUTHORITY["EPSG","4326"]],AUTHORITY["EPSG","32718"]]')).toBe(32718);
    expect(sridFromPrj('PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84"],AUTHORITY["EPSG","3857"]]  \n')).toBe(3857);
    expect(sridFromPrj('PROJCS["x",AUTHORITY[ "EPSG" , 32719 ] ]')).toBe(32719);
  });

  test('an inner authority only is not the top-level one: the names decide', () => {
    expect(sridFromPrj('PROJCS["WGS_1984_UTM_Zone_17S",GEOGCS["GCS_WGS_1984",AUTHORITY["EPSG","4326"]],PROJECTION["Transverse_Mercator"]]')).toBe(32717);
  });

  test('ESRI names of the datum and the zone', () => {
    expect(sridFromPrj('PROJCS["PSAD_1956_UTM_Zone_17S",GEOGCS["GCS_Provisional_S_American_1956"]]')).toBe(24877);
    expect(sridFromPrj('PROJCS["PSAD_1956_UTM_Zone_19S",GEOGCS["GCS_Provisional_S_American_1956"]]')).toBe(24879);
    expect(sridFromPrj('PROJCS["WGS_1984_UTM_Zone_18S",GEOGCS["GCS_WGS_1984"]]')).toBe(32718);
    expect(sridFromPrj('PROJCS["WGS 84 / UTM zone 19 South",GEOGCS["WGS 84"]]')).toBe(32719);
    expect(sridFromPrj('PROJCS["PSAD56 / UTM 18S",GEOGCS["PSAD56"]]')).toBe(24878);
    expect(sridFromPrj('PROJCS["WGS84 UTM 17S",GEOGCS["WGS84"]]')).toBe(32717);
    expect(sridFromPrj('PROJCS["UTM 18S",GEOGCS["Provisional South American Datum 1956"]]')).toBe(24878);
  });

  test('geographic systems by their datum', () => {
    expect(sridFromPrj('GEOGCS["GCS_Provisional_S_American_1956",DATUM["D_Provisional_S_American_1956"]]')).toBe(4248);
    expect(sridFromPrj('GEOGCS["PSAD 1956"]')).toBe(4248);
    expect(sridFromPrj('GEOGCS["WGS 1984"]')).toBe(4326);
    expect(sridFromPrj('GEOGCRS["WGS 84",DATUM["World Geodetic System 1984"]]')).toBe(4326);
  });

  test('a projection that is not a southern UTM zone of 17–19, or another datum, is none of them', () => {
    expect(sridFromPrj('PROJCS["WGS_1984_Web_Mercator",GEOGCS["GCS_WGS_1984"]]')).toBeNull();
    expect(sridFromPrj('  projcrs["WGS 84 / World Mercator",BASEGEOGCRS["WGS 84"]]')).toBeNull();
    expect(sridFromPrj('PROJCS["WGS_1984_UTM_Zone_18N",GEOGCS["GCS_WGS_1984"]]')).toBeNull();
    expect(sridFromPrj('PROJCS["WGS_1984_UTM_Zone_20S",GEOGCS["GCS_WGS_1984"]]')).toBeNull();
    expect(sridFromPrj('PROJCS["SIRGAS_2000_UTM_Zone_18S",GEOGCS["GCS_SIRGAS_2000"]]')).toBeNull();
    expect(sridFromPrj('GEOGCS["GCS_North_American_1927"]')).toBeNull();
  });
});

describe('sridFromGeoJsonCrs', () => {
  test('a named crs: CRS84 or an EPSG code', () => {
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC::crs84' } })).toBe(4326);
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:24878' } })).toBe(24878);
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:epsg::4248' } })).toBe(4248);
  });

  test('anything else is no crs', () => {
    expect(sridFromGeoJsonCrs(null)).toBeNull();
    expect(sridFromGeoJsonCrs('EPSG:4326')).toBeNull();
    expect(sridFromGeoJsonCrs({ type: 'name' })).toBeNull();
    expect(sridFromGeoJsonCrs({ type: 'name', properties: {} })).toBeNull();
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 32718 } })).toBeNull();
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:32718 (UTM)' } })).toBeNull();
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'CRS84 please' } })).toBeNull();
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:' } })).toBeNull();
  });
});

describe('geometryToWgs84', () => {
  const wgsUtm18 = '+proj=utm +zone=18 +south +datum=WGS84 +units=m +no_defs';
  const psadUtm18 = '+proj=utm +zone=18 +south +ellps=intl +towgs84=-288,175,-376,0,0,0,0 +units=m +no_defs';

  test('WGS84 positions are kept, their Z dropped', () => {
    expect(geometryToWgs84({ type: 'Point', coordinates: [-75.5, -13.25, 3400] }, 4326)).toEqual({ type: 'Point', coordinates: [-75.5, -13.25] });
    expect(
      geometryToWgs84(
        {
          type: 'Polygon',
          coordinates: [
            [
              [-75, -13, 1],
              [-74, -13, 2],
              [-74, -12, 3],
              [-75, -13, 1],
            ],
          ],
        },
        4326,
      ),
    ).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [-75, -13],
          [-74, -13],
          [-74, -12],
          [-75, -13],
        ],
      ],
    });
  });

  test('UTM 18S WGS84: the central meridian at easting 500 000', () => {
    const g = geometryToWgs84(
      {
        type: 'LineString',
        coordinates: [
          [500000, 8500000],
          [510000, 8500000],
        ],
      },
      32718,
    );
    const [a, b] = g.coordinates as [number[], number[]];
    expect(a[0]).toBeCloseTo(-75, 9);
    expect(a[1]).toBeCloseTo((proj4(wgsUtm18, 'EPSG:4326', [500000, 8500000]) as number[])[1]!, 9);
    expect(a[1]).toBeCloseTo(-13.5685, 3);
    expect(b[0]).toBeGreaterThan(-75);
    expect(b).toHaveLength(2);
  });

  test('PSAD56 is shifted onto WGS84 with the pinned parameters (a few hundred metres)', () => {
    const [lon, lat] = geometryToWgs84({ type: 'Point', coordinates: [500000, 8500000] }, 24878).coordinates as number[];
    const [elon, elat] = proj4(psadUtm18, 'EPSG:4326', [500000, 8500000]) as number[];
    expect(lon).toBeCloseTo(elon!, 9);
    expect(lat).toBeCloseTo(elat!, 9);
    const metres = Math.hypot((lon! + 75) * 108_000, (lat! + 13.5685) * 110_600);
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(1000);
  });

  test('geographic PSAD56 and the other UTM zones', () => {
    const [lon, lat] = geometryToWgs84({ type: 'Point', coordinates: [-70, -15] }, 4248).coordinates as number[];
    expect(lon).not.toBe(-70);
    expect(Math.abs(lon! + 70)).toBeLessThan(0.01);
    expect(Math.abs(lat! + 15)).toBeLessThan(0.01);
    expect((geometryToWgs84({ type: 'Point', coordinates: [500000, 8500000] }, 32717).coordinates as number[])[0]).toBeCloseTo(-81, 9);
    expect((geometryToWgs84({ type: 'Point', coordinates: [500000, 8500000] }, 32719).coordinates as number[])[0]).toBeCloseTo(-69, 9);
    expect((geometryToWgs84({ type: 'Point', coordinates: [500000, 8500000] }, 24879).coordinates as number[])[0]).toBeCloseTo(-69, 2);
    expect((geometryToWgs84({ type: 'Point', coordinates: [500000, 8500000] }, 24877).coordinates as number[])[0]).toBeCloseTo(-81, 2);
  });

  test('a collection converts each member; what is not a geometry with coordinates is returned as is', () => {
    const c = geometryToWgs84(
      {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [500000, 8500000] },
          { type: 'MultiPoint', coordinates: [[500000, 8500000]] },
        ],
      },
      32718,
    );
    expect(c.type).toBe('GeometryCollection');
    expect((c.geometries[0]!.coordinates as number[])[0]).toBeCloseTo(-75, 9);
    expect((c.geometries[1]!.coordinates as number[][])[0]![0]).toBeCloseTo(-75, 9);
    expect(geometryToWgs84({ type: 'GeometryCollection' }, 32718)).toEqual({ type: 'GeometryCollection', geometries: [] });
    const odd = { type: 'Point', coordinates: 'x' };
    expect(geometryToWgs84(odd, 32718)).toBe(odd);
    expect(geometryToWgs84(null, 32718)).toBeNull();
    expect(geometryToWgs84('POINT(1 2)', 32718)).toBe('POINT(1 2)');
  });
});
