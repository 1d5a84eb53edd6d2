/**
 * Test factories on the real database: a cast of actors and sites with unique RUCs
 * and codes (registered through the REINFO and RECPO imports, as officials would),
 * and the relabelling of generated histories onto that cast.
 */
import { stringify } from 'csv-stringify/sync';
import { readCsv } from '../../../platform/files/tabular.ts';
import type { Database } from '../../../platform/db.ts';
import { importReinfo } from '../../registry/reinfo.import.ts';
import { actor, buildReinfoRow, companyRuc, naturalRuc, rightCode, toCsv } from '../../../../test/factories.ts';
import { RUC, SITE } from './ledger.factories.ts';
import { ledgerEventSchema, type LedgerEvent } from './ledger.schema.ts';
import { importRecpo } from '../recpo/recpo.import.ts';

export interface Cast {
  miner: string;
  miner2: string;
  /** A natural person (RUC 10…) inscribed on site a. */
  person: string;
  trader: string;
  plant: string;
  refinery: string;
  exporter: string;
  jeweler: string;
  siteA: string;
  siteB: string;
  siteC: string;
}

let castCounter = 0;

export function recpoCsv(rows: Array<Record<string, string>>): Buffer {
  const headers = ['RUC', 'RAZON SOCIAL', 'TIPO', 'NUMERO REGISTRO', 'VIGENCIA DESDE', 'VIGENCIA HASTA', 'CAPACIDAD TMD', 'DEPARTAMENTO'];
  return Buffer.from(stringify([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]));
}

/** Two organizations and a natural person mining in Puno (site c in Arequipa), and registered buyers. */
export async function createCast(db: Database): Promise<Cast> {
  const n = ++castCounter;
  const cast: Cast = {
    miner: companyRuc(),
    miner2: companyRuc(),
    person: naturalRuc(),
    trader: companyRuc(),
    plant: companyRuc(),
    refinery: companyRuc(),
    exporter: companyRuc(),
    jeweler: companyRuc(),
    siteA: rightCode(),
    siteB: rightCode(),
    siteC: rightCode(),
  };
  const reinfo = [
    buildReinfoRow({ RUC: cast.miner, NOMBRE: `COOPERATIVA MINERA PRUEBA ${n}`, 'CODIGO UNICO': cast.siteA }),
    buildReinfoRow({ RUC: cast.miner2, NOMBRE: `ASOCIACION MINERA PRUEBA ${n}`, 'CODIGO UNICO': cast.siteB }),
    buildReinfoRow({ RUC: cast.miner2, NOMBRE: `ASOCIACION MINERA PRUEBA ${n}`, 'CODIGO UNICO': cast.siteC }, 'arequipa'),
    buildReinfoRow({ RUC: cast.person, NOMBRE: `QUISPE MAMANI PERSONA${n}`, 'CODIGO UNICO': cast.siteA }),
  ];
  await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(reinfo))), { fileName: 'cast.csv', sha256: `cast${n}`, asOf: '2024-01-01' });
  const reg = (ruc: string, name: string, tipo: string, extra: Record<string, string> = {}) => ({
    RUC: ruc,
    'RAZON SOCIAL': name,
    TIPO: tipo,
    'NUMERO REGISTRO': `RECPO-${ruc}-${tipo}`,
    'VIGENCIA DESDE': '01/01/2020',
    ...extra,
  });
  const recpo = [
    reg(cast.trader, `COMERCIAL ORO ${n} SAC`, 'COMERCIALIZADOR', { DEPARTAMENTO: 'PUNO' }),
    reg(cast.plant, `PLANTA BENEFICIO ${n} SAC`, 'PLANTA', { 'CAPACIDAD TMD': '50', DEPARTAMENTO: 'AREQUIPA' }),
    reg(cast.refinery, `REFINERIA ${n} SA`, 'REFINERIA', { DEPARTAMENTO: 'LIMA' }),
    reg(cast.exporter, `EXPORTADORA ${n} SA`, 'EXPORTADOR', { DEPARTAMENTO: 'LIMA' }),
    reg(cast.jeweler, `JOYERIA ${n} EIRL`, 'JOYERO', { DEPARTAMENTO: 'LIMA' }),
  ];
  await importRecpo(db, actor('national'), readCsv(recpoCsv(recpo)), { fileName: 'cast-recpo.csv', sha256: `recpo${n}`, asOf: '2024-01-01' });
  // what a REINFO list does not carry: area and capacity (PMA), and the holder of site c
  await db.query('UPDATE mining_rights SET hectares = 100, capacity = 20 WHERE code = ANY($1::text[])', [[cast.siteA, cast.siteB, cast.siteC]]);
  await db.query('UPDATE mining_rights SET holder_ruc = $1 WHERE code = $2', [cast.miner2, cast.siteC]);
  return cast;
}

/** Maps the factories' fixed RUCs and sites onto the cast, and prefixes event and lot ids. */
export function relabel(events: readonly LedgerEvent[], cast: Cast, prefix: string): LedgerEvent[] {
  const rucs = new Map<string, string>([
    [RUC.miner, cast.miner],
    [RUC.miner2, cast.miner2],
    [RUC.trader, cast.trader],
    [RUC.plant, cast.plant],
    [RUC.refinery, cast.refinery],
    [RUC.exporter, cast.exporter],
    [RUC.jeweler, cast.jeweler],
  ]);
  const sites = new Map<string, string>([
    [SITE.a, cast.siteA],
    [SITE.b, cast.siteB],
    [SITE.c, cast.siteC],
  ]);
  const map = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => map(v, key));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v, k)]));
    if (typeof value !== 'string') return value;
    if (['id', 'reverses', 'lot', 'newLot', 'inputs', 'customsRef'].includes(key)) return `${prefix}${value}`;
    return rucs.get(value) ?? sites.get(value) ?? value;
  };
  return events.map((event) => ledgerEventSchema.parse(map(event, '')));
}

/** Events as JSONL lines. */
export function lines(...events: readonly LedgerEvent[]): string[] {
  return events.map((e) => JSON.stringify(e));
}
