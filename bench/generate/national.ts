/**
 * `npm run bench:data -- --scale national|small [--out DIR] [--ledger-events N]`:
 * deterministic synthetic data of the sector's real shape — REINFO inscriptions by
 * department as the sector is (Puno, Madre de Dios, Arequipa, Ayacucho, La Libertad,
 * Piura heavy), most suspended, a minority vigente; RECPO traders, plants, refineries,
 * exporters and jewelers; a gold ledger of chains with splits and merges.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { demoReinfoTable } from '../../src/modules/demo/demo.ts';
import { rng } from '../../src/modules/demo/random.ts';
import { withCheckDigit } from '../../src/modules/registry/registry.domain.ts';
import { writeLedger, type DeepLot } from './ledger.ts';

export const NATIONAL_DEPARTMENTS = [
  ['21', 22],
  ['17', 18],
  ['04', 14],
  ['05', 10],
  ['13', 10],
  ['20', 8],
  ['03', 4],
  ['08', 4],
  ['11', 3],
  ['09', 2],
  ['06', 2],
  ['19', 1],
  ['18', 1],
  ['15', 1],
] as const;

export const SCALES = {
  national: { inscriptions: 100_000, traders: 12_000, plants: 2_300, ledgerEvents: 10_000_000 },
  small: { inscriptions: 5_000, traders: 300, plants: 60, ledgerEvents: 50_000 },
} as const;

/** Share of inscriptions made on a right another inscription holds: 100,000 inscriptions on about 60,000 rights. */
export const SHARED_RIGHTS = 0.4;

export interface Manifest {
  scale: keyof typeof SCALES;
  /** `ledger` is the whole file, or its first part when it is cut; `ledgerParts` every part. */
  files: { reinfo: string; recpo: string; ledger: string; ledgerParts: string[] };
  counts: { inscriptions: number; recpo: number; ledgerEvents: number; ledgerGroups: number };
  deepLots: DeepLot[];
}

const ddmmyyyy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export async function generate(scale: keyof typeof SCALES, out: string, ledgerEvents?: number, cuts: number[] = []): Promise<Manifest> {
  const size = SCALES[scale];
  mkdirSync(out, { recursive: true });
  const r = rng(1293);
  const reinfo = demoReinfoTable(size.inscriptions, 1336, NATIONAL_DEPARTMENTS, SHARED_RIGHTS);
  const reinfoFile = path.join(out, 'reinfo.csv');
  writeFileSync(reinfoFile, stringify([reinfo.headers, ...reinfo.rows.map((x) => x.cells)]));

  const recpo: string[][] = [];
  const add = (prefix: string, n: number, tipo: string, name: string): string[] => {
    const rucs: string[] = [];
    for (let i = 0; i < n; i++) {
      const ruc = withCheckDigit(`20${prefix}${String(i).padStart(6, '0')}`);
      rucs.push(ruc);
      const from = `20${String(r.int(19, 23))}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
      recpo.push([
        ruc,
        `${name} ${i + 1} S.A.C.`,
        tipo,
        `RECPO-${tipo.slice(0, 3)}-${i + 1}`,
        ddmmyyyy(from),
        '31/12/2027',
        tipo === 'PLANTA' ? String(r.int(20, 350)) : '',
      ]);
    }
    return rucs;
  };
  const traders = add('71', size.traders, 'COMERCIALIZADOR', 'COMERCIALIZADORA FICTICIA');
  const plants = add('72', size.plants, 'PLANTA', 'PLANTA DE BENEFICIO FICTICIA');
  const refineries = add('73', 10, 'REFINERIA', 'REFINERIA FICTICIA');
  const exporters = add('74', 30, 'EXPORTADOR', 'EXPORTADORA FICTICIA');
  add('75', 200, 'JOYERO', 'JOYERIA FICTICIA');
  const recpoFile = path.join(out, 'recpo.csv');
  writeFileSync(recpoFile, stringify([['RUC', 'RAZON SOCIAL', 'TIPO', 'NUMERO REGISTRO', 'VIGENCIA DESDE', 'VIGENCIA HASTA', 'CAPACIDAD TMD'], ...recpo]));

  // Producers: REINFO explotación inscriptions, with their mining right as site.
  const producers = reinfo.rows
    .filter((x) => x.cells[7] === 'EXPLOTACION')
    .map((x) => ({ ruc: x.cells[0]!, site: x.cells[2]!.padStart(9, '0'), vigente: x.cells[8] === 'VIGENTE' }));
  // Buyers without a RECPO registration: organizations of the registry that buy gold
  // (known actors, so the file imports; the flags catch them).
  const unregistered = [...new Set(producers.filter((p) => p.ruc.startsWith('20')).map((p) => p.ruc))].slice(0, 50);
  const ledgerFile = path.join(out, 'ledger.jsonl');
  const stats = await writeLedger(ledgerFile, { producers, traders, plants, refineries, exporters, unregistered }, ledgerEvents ?? size.ledgerEvents, 7, cuts);

  const manifest: Manifest = {
    scale,
    files: { reinfo: reinfoFile, recpo: recpoFile, ledger: stats.files[0]!, ledgerParts: stats.files },
    counts: { inscriptions: reinfo.rows.length, recpo: recpo.length, ledgerEvents: stats.events, ledgerGroups: stats.groups },
    deepLots: stats.deepLots,
  };
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const cmd = new Command('bench:data')
    .addOption(new Option('--scale <scale>', 'data size').choices(['national', 'small']).default('small'))
    .option('--out <dir>', 'output folder', 'bench/data')
    .option('--ledger-events <n>', "ledger size (default: the scale's)")
    .option('--cuts <list>', 'cut the ledger into parts ending at these event counts (e.g. 1000000,3000000)')
    .parse();
  const o = cmd.opts<{ scale: keyof typeof SCALES; out: string; ledgerEvents?: string; cuts?: string }>();
  const t = performance.now();
  const cuts = o.cuts ? o.cuts.split(',').map(Number) : [];
  const m = await generate(o.scale, o.out, o.ledgerEvents ? Number(o.ledgerEvents) : undefined, cuts);
  process.stderr.write(`${JSON.stringify(m.counts)} in ${((performance.now() - t) / 1000).toFixed(1)} s → ${o.out}\n`);
}
