/**
 * Mining rights as polygons at national size: every right of the national REINFO list
 * gets a cadastral polygon (a square of its hectares around its mining front, as UTM
 * vertices in the right's zone) through `putMiningRight` — the service behind
 * `PUT /api/registry/rights/:code`: UTM → WGS84, validity and department checks, upsert,
 * one audit entry each — then the public map's rights layer is loaded with autocannon
 * against a bare Fastify route serving the same bytes.
 */
import path from 'node:path';
import proj4 from 'proj4';
import { openDatabase } from '../src/platform/db.ts';
import { putMiningRight, type RightInput } from '../src/modules/registry/rights.service.ts';
import { utmProj, type UtmZone } from '../src/modules/registry/registry.domain.ts';
import { rng } from '../src/modules/demo/random.ts';
import { DEPARTMENT_SLACK_METERS } from '../src/modules/registry/registry.domain.ts';
import { benchApi, type ApiFigure } from './api.bench.ts';
import { fmt, time } from './stats.ts';

const NATIONAL = { username: 'bench', role: 'national' as const, region: null, ruc: null, userId: null };

/** The UTM zone (17S–19S) a longitude of Peru falls in. */
export const zoneOf = (lon: number): UtmZone => (lon < -78 ? 17 : lon < -72 ? 18 : 19);

/** A square of `hectares` centred on (lon, lat), as UTM vertices (WGS84) of its zone, counter-clockwise. */
export function squareAround(lon: number, lat: number, hectares: number): Pick<RightInput, 'utmZone' | 'datum' | 'vertices'> {
  const utmZone = zoneOf(lon);
  const [east, north] = proj4('EPSG:4326', utmProj(utmZone, 'WGS84'), [lon, lat]) as [number, number];
  const h = Math.sqrt(hectares * 10_000) / 2;
  const vertices = [
    [east - h, north - h],
    [east + h, north - h],
    [east + h, north + h],
    [east - h, north + h],
  ].map(([e, n]) => ({ east: Math.round(e!), north: Math.round(n!) }));
  return { utmZone, datum: 'WGS84', vertices };
}

export interface RightsBench {
  rights: number;
  withPolygon: number;
  seconds: number;
  api: ApiFigure[];
  /** Rights the service refused, with why. */
  rejected: string[];
}

/** `databaseUrl`: a database holding the national REINFO import (its rights are unverified, without polygons). */
export async function benchRights(databaseUrl: string, dir: string, concurrency = 4): Promise<RightsBench> {
  const db = await openDatabase({ databaseUrl });
  let rights: number;
  let withPolygon: number;
  let seconds: number;
  const rejected: string[] = [];
  try {
    const { rows } = await db.query<{ code: string; name: string; department_code: string; lat: number; lon: number }>(
      `SELECT r.code, r.name, r.department_code, ST_Y(f.front) AS lat, ST_X(f.front) AS lon
       FROM mining_rights r
       JOIN LATERAL (SELECT i.front FROM reinfo_inscriptions i WHERE i.mining_right_id = r.id AND i.front IS NOT NULL ORDER BY i.id LIMIT 1) f ON true
       ORDER BY r.code`,
    );
    rights = rows.length;
    const r = rng(60_000);
    const inputs = rows.map((x) => ({
      code: x.code,
      input: { name: x.name, substance: 'metallic', departmentCode: x.department_code, ...squareAround(x.lon, x.lat, r.int(20, 400)) } satisfies RightInput,
    }));
    let next = 0;
    seconds = await time(() =>
      Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < inputs.length) {
            const item = inputs[next++]!;
            try {
              await putMiningRight(db, NATIONAL, item.code, item.input);
            } catch (err) {
              // the service's own checks (the generated square must be valid and touch its department)
              rejected.push(`${item.code} (${item.input.departmentCode}): ${(err as Error).message}`);
            }
          }
        }),
      ),
    );
    withPolygon = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM mining_rights WHERE geom IS NOT NULL')).rows[0]!.n);
  } finally {
    await db.close();
  }
  // the public rights layer over Juliaca–Puno and over Madre de Dios' placer belt
  const api = await benchApi(databaseUrl, path.join(dir), 10, [
    '/api/public/registry/rights?bbox=-70.6,-16.0,-69.6,-15.0',
    '/api/public/registry/rights?bbox=-70.5,-13.2,-69.5,-12.2',
  ]);
  return { rights, withPolygon, seconds, api, rejected };
}

export function rightsSection(b: RightsBench): string {
  return [
    '## Mining rights as polygons (issue 7)',
    '',
    `Every right of the REINFO list imported above (${b.rights.toLocaleString('en-US')}, counted) gets a cadastral polygon — a square of 20–400 ha around its mining front, as UTM vertices of its zone — through \`putMiningRight\`, the service behind \`PUT /api/registry/rights/:code\` (UTM → WGS84 with the pinned datum parameters, ST_IsValid, within the REINFO import's ${DEPARTMENT_SLACK_METERS} m of its department's simplified boundary, upsert, one audit entry per right), 4 at a time in process: ${b.withPolygon.toLocaleString('en-US')} rights with a polygon afterwards, in ${b.seconds.toFixed(0)} s → ${fmt(b.rights / b.seconds, 0)} rights/s${b.rejected.length > 0 ? `; ${b.rejected.length.toLocaleString('en-US')} refused by the service's checks (e.g. ${b.rejected[0]})` : ''}. Then the public map's rights layer for two 1° boxes, loaded as the public API above (20 connections, 10 s, identity; cached, revalidated by the audit notification).`,
    '',
    '| endpoint | bytes | Veta req/s | Veta p99 | bare req/s | bare p99 | ratio (target ≥ 0.7) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...b.api.map(
      (f) =>
        `| \`${f.path}\` | ${f.bytes.toLocaleString('en-US')} | ${fmt(f.veta.rps, 0)} | ${f.veta.p99} ms | ${fmt(f.bare.rps, 0)} | ${f.bare.p99} ms | **${fmt(f.veta.rps / f.bare.rps, 2)}** |`,
    ),
    '',
  ].join('\n');
}
