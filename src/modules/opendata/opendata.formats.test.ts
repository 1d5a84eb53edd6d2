/** The pure parts of the open data module: Shapefile field names, ring orientation, coverage, search. */
import fc from 'fast-check';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import { describe, expect, test } from 'vitest';
import { t, type DatasetDefinition, type DatasetRecord } from '../../platform/datasets.ts';
import { searchDatasets, withDefaults } from './opendata.catalog.ts';
import { render, shapefileFieldNames } from './opendata.formats.ts';
import { limited, temporalBounds } from './opendata.service.ts';

const field = (name: string) => ({ name, type: 'string' as const, description: t(name, name) });

describe('Shapefile field names', () => {
  test('at most 10 characters and never twice the same, whatever the dictionary', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z_]{0,20}$/), { minLength: 1, maxLength: 40 }), (names) => {
        const short = shapefileFieldNames(names.map(field));
        expect(short).toHaveLength(names.length);
        expect(new Set(short).size).toBe(short.length);
        for (const s of short) expect(s.length).toBeLessThanOrEqual(10);
      }),
    );
    expect(shapefileFieldNames(['department_code', 'department_name'].map(field))).toEqual(['department', 'departme01']);
  });
});

async function* once(records: DatasetRecord[]): AsyncIterable<readonly DatasetRecord[]> {
  yield records;
}

describe('the Shapefile writer', () => {
  test('outer rings clockwise and holes counter-clockwise, Latin-1 text, whatever the GeoJSON orientation', async () => {
    const ccw = [
      [-70, -15],
      [-69, -15],
      [-69, -14],
      [-70, -14],
      [-70, -15],
    ];
    const hole = [
      [-69.8, -14.8],
      [-69.8, -14.2],
      [-69.2, -14.2],
      [-69.2, -14.8],
      [-69.8, -14.8],
    ];
    const d: DatasetDefinition = {
      id: 'prueba',
      theme: 'registry',
      title: t('x', 'x'),
      description: t('x', 'x'),
      keywords: { es: [], en: [] },
      frequency: 'daily',
      filters: [],
      fields: [field('name')],
      geometry: 'MultiPolygon',
      rows: () => once([]),
    };
    const zip = await JSZip.loadAsync(
      await render('shp.zip', d, once([{ values: { name: 'AÑAY — Ñ' }, geometry: { type: 'MultiPolygon', coordinates: [[ccw, hole]] } }])),
    );
    expect(await zip.file('prueba.cpg')!.async('string')).toBe('ISO-8859-1');
    expect(await zip.file('prueba.prj')!.async('string')).toContain('WGS_1984');
    const source = await shapefile.open(await zip.file('prueba.shp')!.async('nodebuffer'), await zip.file('prueba.dbf')!.async('nodebuffer'), {
      encoding: 'iso-8859-1',
    });
    const r = await source.read();
    expect((r.value.properties as Record<string, string>)['name']!.trim()).toBe('AÑAY ? Ñ');
    // shapefile.js turns clockwise outer rings back into GeoJSON polygons: one polygon with its hole
    const g = r.value.geometry as { type: string; coordinates: number[][][] };
    expect(g.type).toBe('Polygon');
    expect(g.coordinates).toHaveLength(2);
  });
});

describe('coverage and limits', () => {
  test('temporal bounds of a date, a month and a year', () => {
    expect(temporalBounds('2024-02-10')).toEqual(['2024-02-10', '2024-02-10']);
    expect(temporalBounds('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(temporalBounds('2023-02')).toEqual(['2023-02-01', '2023-02-28']);
    expect(temporalBounds(2024)).toEqual(['2024-01-01', '2024-12-31']);
    expect(temporalBounds('sin fecha')).toBeNull();
  });

  test('limited yields exactly the first n records across batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(7), { maxLength: 8 }), fc.option(fc.nat(30), { nil: null }), async (sizes, limit) => {
        let n = 0;
        const batches = (async function* () {
          for (const s of sizes) yield Array.from({ length: s }, () => ({ values: { i: n++ } }));
        })();
        const out: number[] = [];
        for await (const b of limited(batches, limit)) out.push(...b.map((r) => Number(r.values['i'])));
        const total = sizes.reduce((a, s) => a + s, 0);
        expect(out).toEqual(Array.from({ length: limit === null ? total : Math.min(limit, total) }, (_, i) => i));
      }),
    );
  });

  test('search matches every word, without regard to case or accents', () => {
    const base = { theme: 'registry' as const, frequency: 'daily' as const, filters: [], fields: [], rows: () => once([]) };
    const ds = [
      withDefaults('a', {
        ...base,
        id: 'uno',
        title: t('Formalización minera', 'Mining formalization'),
        description: t('por región', 'by region'),
        keywords: { es: [], en: [] },
      }),
      withDefaults('a', { ...base, id: 'dos', title: t('Oro', 'Gold'), description: t('por mes', 'by month'), keywords: { es: ['comercio'], en: [] } }),
    ];
    expect(searchDatasets(ds, 'FORMALIZACION region').map((d) => d.id)).toEqual(['uno']);
    expect(searchDatasets(ds, 'gold comercio').map((d) => d.id)).toEqual(['dos']);
    expect(searchDatasets(ds, '').map((d) => d.id)).toEqual(['uno', 'dos']);
    expect(ds[0]!.license.id).toBe('CC-BY-4.0');
  });
});
