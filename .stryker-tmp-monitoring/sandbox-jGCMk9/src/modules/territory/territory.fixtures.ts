/** Test fixtures of the territory module: GEOCATMIN-like features, shapefiles written by GDAL, CLI capture. */
// @ts-nocheck

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { CliIo } from '../../platform/imports/index.ts';

let n = Math.floor(Math.random() * 9_000_000);
/** An 8-digit cadastre code (the import pads it to 9, as the REINFO import does). */
export const cadastreCode = (): string => String(10_000_000 + (++n % 9_000_000)).padStart(8, '0');

export const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'veta-territory-'));

/** A square of `side` degrees (or metres, for UTM) with its south-west corner at (x, y). */
export const square = (x: number, y: number, side: number): { type: 'Polygon'; coordinates: number[][][] } => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + side, y],
      [x + side, y + side],
      [x, y + side],
      [x, y],
    ],
  ],
});

export function feature(props: Record<string, unknown>, geometry: unknown): Record<string, unknown> {
  return {
    type: 'Feature',
    properties: {
      CONCESION: 'CONCESION DE PRUEBA',
      TIT_CONCES: 'TITULAR DE PRUEBA',
      D_ESTADO: 'D.M. Titulado D.L. 708',
      LEYENDA: 'TITULADO',
      FEC_DENU: '15/03/2001',
      ZONA: 19,
      SUSTANCIA: 'M',
      DEPA: 'PUNO',
      ...props,
    },
    geometry,
  };
}

export function writeGeoJson(dir: string, name: string, features: unknown[], crs?: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features }));
  return file;
}

/** A zipped shapefile written by GDAL's ogr2ogr (the reference tool) from a GeoJSON, with the .prj of `srid`. */
export async function writeZippedShapefile(dir: string, name: string, features: unknown[], srid: number): Promise<string> {
  const src = writeGeoJson(dir, `${name}.src.geojson`, features);
  const out = path.join(dir, `${name}-shp`);
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-s_srs', `EPSG:${srid}`, '-a_srs', `EPSG:${srid}`, '-lco', 'ENCODING=UTF-8', out, src, '-nln', name]);
  const zip = new JSZip();
  for (const f of readdirSync(out)) zip.file(`${name}/${f}`, readFileSync(path.join(out, f)));
  const file = path.join(dir, `${name}.zip`);
  writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
  return file;
}

export function capture(): CliIo & { stdout: string; stderr: string; json: () => Record<string, unknown> } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    json: () => JSON.parse(io.stdout.trim().split('\n').pop()!) as Record<string, unknown>,
  };
  return io;
}
