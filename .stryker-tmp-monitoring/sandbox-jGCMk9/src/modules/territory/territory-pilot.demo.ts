/**
 * The demo's PERCAN pilot (seed 004): the informal fronts of La Libertad, Pasco and
 * Moquegua in 2006 and the concessions around them, laid out so that the spatial join
 * gives the seed's table — 43 free, 46 / 60 / 308 / 53 / 248 by DAC, 92 without DAC,
 * 8 atypical = 858. The table itself is never stored: only polygons, DAC rows and points.
 */
// @ts-nocheck

import type { Situation } from './situation.domain.ts';

/** Seed 004, "Situación de las Áreas donde se ubican los Mineros Informales de LL+PC+MQ". */
export const SEED_004_CASES: Readonly<Record<Situation, number>> = {
  LIBRE: 43,
  CONSTRUCCION: 46,
  EXPLORACION: 60,
  EXPLOTACION: 308,
  PARALIZADA: 53,
  SIN_ACTIVIDAD: 248,
  SIN_DAC: 92,
  ATIPICA: 8,
};
export const PILOT_YEAR = 2006;
/** La Libertad, Pasco, Moquegua and the share of the fronts each holds. */
export const PILOT_REGIONS = [
  ['13', 0.5],
  ['19', 0.3],
  ['18', 0.2],
] as const;

/** How an atypical front is atypical, in turn: two concessions, a petition, an extinguished right, a quarry, a plant. */
const ATYPICAL = ['overlap', 'in_process', 'overlap', 'extinguished', 'quarry', 'in_process', 'plant', 'extinguished'] as const;
const STATE_TEXT = {
  titled: 'D.M. Titulado D.L. 708',
  in_process: 'D.M. en Trámite D.L. 708',
  extinguished: 'D.M. Exting. a publicar de L.D.',
  quarry: 'Cantera D.S. 037-96-EM',
  plant: 'Planta de Beneficio',
} as const;

export interface PilotConcession {
  code: string;
  name: string;
  state: string;
  /** [west, south, east, north] in degrees. */
  box: [number, number, number, number];
  dac: { situation: string } | null;
}
export interface PilotFront {
  seq: number;
  lon: number;
  lat: number;
  /** The right the miner declares: the concession the front lies in, or a petition of its own. */
  rightCode: string;
  expected: Situation;
}
export interface PilotLayout {
  region: string;
  concessions: PilotConcession[];
  /** Petitions without a polygon yet, declared by miners on free land. */
  petitions: { code: string; name: string }[];
  fronts: PilotFront[];
}

/** The cases of each situation in each region: the seed's counts split by the regions' shares (the last region takes the rest). */
export function pilotCases(): Map<string, [Situation, number][]> {
  const out = new Map<string, [Situation, number][]>(PILOT_REGIONS.map(([r]) => [r, []]));
  for (const [situation, n] of Object.entries(SEED_004_CASES) as [Situation, number][]) {
    let left = n;
    PILOT_REGIONS.forEach(([region, share], i) => {
      const k = i === PILOT_REGIONS.length - 1 ? left : Math.round(n * share);
      left -= k;
      out.get(region)!.push([situation, k]);
    });
  }
  return out;
}

const CELL = 0.01;
const COLUMNS = 25;

/** One region's layout on a grid of 0.01° cells from its south-west corner (anchor), one front per cell. */
export function pilotLayout(region: string, anchor: [number, number], cases: readonly [Situation, number][], firstSeq: number): PilotLayout {
  const layout: PilotLayout = { region, concessions: [], petitions: [], fronts: [] };
  let cell = 0;
  let atypical = 0;
  let code = 0;
  const nextCode = (): string => `${region}${String(firstSeq + ++code).padStart(7, '0')}`;
  for (const [situation, n] of cases) {
    for (let k = 0; k < n; k++, cell++) {
      const x0 = anchor[0] + (cell % COLUMNS) * CELL;
      const y0 = anchor[1] + Math.floor(cell / COLUMNS) * CELL;
      // the front off the cell's centre by a deterministic few hundred metres
      const lon = Number((x0 + CELL * (0.35 + ((cell * 7) % 10) / 33)).toFixed(6));
      const lat = Number((y0 + CELL * (0.35 + ((cell * 3) % 10) / 33)).toFixed(6));
      const box: [number, number, number, number] = [x0 + CELL * 0.1, y0 + CELL * 0.1, x0 + CELL * 0.9, y0 + CELL * 0.9];
      const seq = firstSeq + cell;
      const name = (w: string): string => `${w} PILOTO ${region}-${cell + 1}`;
      let rightCode: string;
      if (situation === 'LIBRE') {
        rightCode = nextCode();
        layout.petitions.push({ code: rightCode, name: name('PETITORIO') });
      } else if (situation === 'ATIPICA') {
        const how = ATYPICAL[atypical++ % ATYPICAL.length]!;
        rightCode = nextCode();
        const state = how === 'overlap' ? STATE_TEXT.titled : STATE_TEXT[how];
        layout.concessions.push({ code: rightCode, name: name('CONCESION'), state, box, dac: null });
        if (how === 'overlap') {
          const inner: [number, number, number, number] = [lon - CELL * 0.05, lat - CELL * 0.05, lon + CELL * 0.05, lat + CELL * 0.05];
          layout.concessions.push({ code: nextCode(), name: name('SUPERPUESTA'), state: STATE_TEXT.titled, box: inner, dac: { situation: 'EXPLOTACION' } });
        }
      } else {
        rightCode = nextCode();
        layout.concessions.push({
          code: rightCode,
          name: name('CONCESION'),
          state: STATE_TEXT.titled,
          box,
          dac: situation === 'SIN_DAC' ? null : { situation: situation.replace('_', ' ') },
        });
      }
      layout.fronts.push({ seq, lon, lat, rightCode, expected: situation });
    }
  }
  return layout;
}

/** The grid's extent in degrees for `n` fronts (to find a free place for it). */
export const gridSize = (n: number): [number, number] => [COLUMNS * CELL, Math.ceil(n / COLUMNS) * CELL];
