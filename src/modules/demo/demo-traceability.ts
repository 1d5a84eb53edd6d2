/**
 * Traceability demo, on the registry's demo miners: the RECPO list (traders, a plant,
 * a refinery, an exporter, a jeweler, a collector whose registration expired),
 * certificates of the Fairmined organizations, six months of ordinary production and
 * sales, a Fairmined chain mine → trader → refinery → jeweler that stays certified,
 * and a laundering pattern the red flags catch. The events go through the same
 * import as a ledger file. Deterministic.
 */
import { stringify } from 'csv-stringify/sync';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { importLedgerLines } from '../traceability/ledger/ledger.import.ts';
import type { LedgerEventInput } from '../traceability/ledger/ledger.schema.ts';
import { importRecpoIn } from '../traceability/recpo/recpo.import.ts';
import { rng } from './random.ts';

const SYSTEM: Actor = { username: 'system:demo', role: 'admin', region: null, ruc: null, userId: null };

/** The demo's RECPO actors (fictitious RUCs with a valid check digit). */
export const DEMO_RECPO = {
  punoTrader: withCheckDigit('2049100001'),
  southTrader: withCheckDigit('2049100002'),
  plant: withCheckDigit('2049100003'),
  refinery: withCheckDigit('2049100004'),
  exporter: withCheckDigit('2049100005'),
  jeweler: withCheckDigit('2049100006'),
  collector: withCheckDigit('2049100007'),
} as const;

export const DEMO_ORGS = {
  cecomip: withCheckDigit('2060000101'),
  oroPuno: withCheckDigit('2060000102'),
  cruzPata: withCheckDigit('2060000103'),
  macdesa: withCheckDigit('2060000107'),
} as const;

const RECPO_ROWS: string[][] = [
  [DEMO_RECPO.punoTrader, 'COMERCIAL AURIFERA DEL ALTIPLANO SAC', 'COMERCIALIZADOR', 'RECPO-2022-0101', '01/01/2022', '', '', 'PUNO'],
  [DEMO_RECPO.southTrader, 'INVERSIONES ORO DEL SUR SAC', 'COMERCIALIZADOR', 'RECPO-2021-0233', '15/03/2021', '', '', 'AREQUIPA'],
  [DEMO_RECPO.plant, 'PLANTA DE BENEFICIO SAN ANTONIO SAC', 'PLANTA', 'RECPO-2020-0047', '01/07/2020', '', '100', 'PUNO'],
  [DEMO_RECPO.refinery, 'REFINERIA ANDINA DEL PERU SA', 'REFINERIA', 'RECPO-2015-0003', '01/01/2015', '', '', 'LIMA'],
  [DEMO_RECPO.exporter, 'EXPORTADORA DE METALES PRECIOSOS DEL PERU SA', 'EXPORTADOR', 'RECPO-2016-0012', '01/06/2016', '', '', 'LIMA'],
  [DEMO_RECPO.jeweler, 'JOYERIA ETICA LIMA EIRL', 'JOYERO', 'RECPO-2023-0301', '01/02/2023', '', '', 'LIMA'],
  [DEMO_RECPO.collector, 'ACOPIO Y COMERCIO TAMBOPATA EIRL', 'COMERCIALIZADOR', 'RECPO-2021-0588', '01/01/2021', '31/12/2023', '', 'MADRE DE DIOS'],
];

interface Miner {
  ruc: string;
  site: string;
  dept: string;
}

/** Miners whose every status has been vigente and whose front lies in the right's department. */
async function cleanMiners(tx: Queryable, where: string, limit: number): Promise<Miner[]> {
  const { rows } = await tx.query<Miner>(
    `SELECT DISTINCT ON (i.ruc) i.ruc::text AS ruc, i.mining_right_code AS site, i.department_code::text AS dept
     FROM reinfo_inscriptions i
     WHERE i.activity = 'explotacion' AND i.status = 'vigente' AND i.inscription_date <= '2024-12-31' AND ${where}
       AND NOT EXISTS (SELECT 1 FROM inscription_status_history h WHERE h.inscription_id = i.id AND h.status <> 'vigente')
       AND (SELECT d.code FROM departments d WHERE ST_Intersects(d.geom, i.front) ORDER BY d.code LIMIT 1) = i.department_code
     ORDER BY i.ruc, i.id LIMIT $1`,
    [limit],
  );
  return rows;
}

const day = (month: number, d: number): string => `2025-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Six months of ordinary production, sales to the regional trader, consolidation and export. */
function ordinaryEvents(miners: readonly Miner[]): LedgerEventInput[] {
  const r = rng(2025);
  const events: LedgerEventInput[] = [];
  for (let month = 1; month <= 6; month++) {
    const bought = new Map<string, string[]>();
    miners.forEach((m, i) => {
      if (r.next() >= 0.6) return;
      const lot = `DEMO-${month}-${i}`;
      const trader = m.dept === '21' ? DEMO_RECPO.punoTrader : DEMO_RECPO.southTrader;
      const date = day(month, r.int(1, 12));
      events.push({
        id: `DEMO-P-${month}-${i}`,
        type: 'produce',
        date,
        actor: m.ruc,
        site: m.site,
        lot,
        material: 'dore',
        grams: r.int(50, 400),
        fineness: r.pick([0.82, 0.85, 0.88, 0.9, 0.92]),
      });
      events.push({
        id: `DEMO-T-${month}-${i}`,
        type: 'transfer',
        date: day(month, r.int(15, 24)),
        from: m.ruc,
        to: trader,
        lot,
        priceUsd: r.int(4, 30) * 1000,
      });
      bought.set(trader, [...(bought.get(trader) ?? []), lot]);
    });
    for (const [trader, lots] of bought) {
      const tag = `${trader === DEMO_RECPO.punoTrader ? 'PUN' : 'SUR'}-${month}`;
      events.push({
        id: `DEMO-X-${tag}`,
        type: 'process',
        date: day(month, 27),
        actor: trader,
        inputs: lots,
        recovery: 0.98,
        output: { lot: `DORE-${tag}`, material: 'dore', fineness: 0.95 },
      });
      events.push({
        id: `DEMO-S-${tag}`,
        type: 'transfer',
        date: day(month, 28),
        from: trader,
        to: DEMO_RECPO.exporter,
        lot: `DORE-${tag}`,
        priceUsd: 250_000,
      });
      events.push({
        id: `DEMO-E-${tag}`,
        type: 'export',
        date: day(month + 1, 3),
        from: DEMO_RECPO.exporter,
        lot: `DORE-${tag}`,
        country: r.pick(['CH', 'US', 'AE', 'IN']),
        customsRef: `235-2025-40-${String(month).padStart(2, '0')}${tag.slice(0, 3)}`,
      });
    }
  }
  return events;
}

/** The Fairmined chain and the laundering pattern (after the shadow miner's suspension of 2025-06-30). */
function storyEvents(o: { cecomip: Miner; oroPuno: Miner; shadow: Miner }): LedgerEventInput[] {
  const { punoTrader, refinery, jeweler, collector } = DEMO_RECPO;
  return [
    {
      id: 'FM-P1',
      type: 'produce',
      date: '2025-05-02',
      actor: o.cecomip.ruc,
      site: o.cecomip.site,
      lot: 'CECOMIP-2505-01',
      material: 'dore',
      grams: 1000,
      fineness: 0.9,
    },
    { id: 'FM-T1', type: 'transfer', date: '2025-05-03', from: o.cecomip.ruc, to: punoTrader, lot: 'CECOMIP-2505-01', priceUsd: 62_000, claim: 'FAIRMINED' },
    { id: 'FM-T2', type: 'transfer', date: '2025-05-10', from: punoTrader, to: refinery, lot: 'CECOMIP-2505-01', priceUsd: 63_000, claim: 'FAIRMINED' },
    {
      id: 'FM-X1',
      type: 'process',
      date: '2025-05-14',
      actor: refinery,
      inputs: ['CECOMIP-2505-01'],
      recovery: 0.995,
      output: { lot: 'REF-FM-2505', material: 'fine_gold', fineness: 0.9999 },
    },
    {
      id: 'FM-T3',
      type: 'transfer',
      date: '2025-05-20',
      from: refinery,
      to: jeweler,
      lot: 'REF-FM-2505',
      fineGrams: 500,
      newLot: 'JOY-FM-01',
      priceUsd: 36_000,
      claim: 'FAIRMINED',
    },
    {
      id: 'FME-P1',
      type: 'produce',
      date: '2025-05-06',
      actor: o.oroPuno.ruc,
      site: o.oroPuno.site,
      lot: 'OROPUNO-2505-01',
      material: 'dore',
      grams: 800,
      fineness: 0.88,
    },
    {
      id: 'FME-T1',
      type: 'transfer',
      date: '2025-05-09',
      from: o.oroPuno.ruc,
      to: punoTrader,
      lot: 'OROPUNO-2505-01',
      priceUsd: 50_000,
      claim: 'FAIRMINED_ECOLOGICAL',
    },
    {
      id: 'SH-P1',
      type: 'produce',
      date: '2025-07-03',
      actor: o.shadow.ruc,
      site: o.shadow.site,
      lot: 'SH-2507-01',
      material: 'ore',
      tonnes: 500,
      gradeGpt: 6,
    },
    {
      id: 'SH-P2',
      type: 'produce',
      date: '2025-07-22',
      actor: o.shadow.ruc,
      site: o.shadow.site,
      lot: 'SH-2507-02',
      material: 'ore',
      tonnes: 400,
      gradeGpt: 6,
    },
    {
      id: 'FM-P2',
      type: 'produce',
      date: '2025-07-15',
      actor: o.cecomip.ruc,
      site: o.cecomip.site,
      lot: 'CECOMIP-2507-01',
      material: 'dore',
      grams: 600,
      fineness: 0.9,
    },
    { id: 'FM-T4', type: 'transfer', date: '2025-07-18', from: o.cecomip.ruc, to: collector, lot: 'CECOMIP-2507-01', claim: 'FAIRMINED' },
    { id: 'SH-T1', type: 'transfer', date: '2025-07-24', from: o.shadow.ruc, to: collector, lot: 'SH-2507-01', priceUsd: 150_000 },
    {
      id: 'SH-X1',
      type: 'process',
      date: '2025-07-25',
      actor: collector,
      inputs: ['CECOMIP-2507-01', 'SH-2507-01'],
      untrackedFineGrams: 2000,
      recovery: 1,
      output: { lot: 'ACO-MIX-01', material: 'dore', fineness: 0.88 },
    },
    { id: 'SH-T2', type: 'transfer', date: '2025-07-29', from: collector, to: refinery, lot: 'ACO-MIX-01', priceUsd: 340_000, claim: 'FAIRMINED' },
  ];
}

export async function loadTraceabilityDemo(tx: Queryable): Promise<{ events: number }> {
  const recpo = stringify([
    ['RUC', 'RAZON SOCIAL', 'TIPO', 'NUMERO REGISTRO', 'VIGENCIA DESDE', 'VIGENCIA HASTA', 'CAPACIDAD TMD', 'DEPARTAMENTO'],
    ...RECPO_ROWS,
  ]);
  await importRecpoIn(tx, SYSTEM, readCsv(Buffer.from(recpo)), { fileName: 'demo-recpo.csv', sha256: 'demo-recpo', asOf: '2025-06-30' });
  await tx.query(
    `INSERT INTO certificates (organization_ruc, scheme, valid_from, valid_to, region_code, recorded_by)
     SELECT o.ruc, c.scheme, c.valid_from::date, c.valid_to::date, o.region_code, 'system:demo'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) c(ruc, scheme, valid_from, valid_to)
     JOIN organizations o ON o.ruc = c.ruc::char(11)`,
    [
      [DEMO_ORGS.cecomip, DEMO_ORGS.oroPuno, DEMO_ORGS.cruzPata, DEMO_ORGS.macdesa],
      ['FAIRMINED', 'FAIRMINED_ECOLOGICAL', 'FAIRMINED', 'FAIRMINED'],
      ['2023-08-01', '2022-03-01', '2021-11-15', '2019-05-01'],
      ['2026-07-31', '2025-12-31', '2024-11-14', '2027-04-30'],
    ],
  );
  const org = async (ruc: string): Promise<Miner> => {
    const [found] = await cleanMiners(tx, `i.ruc = '${ruc}'`, 1);
    if (!found) throw new Error(`demo: no clean mining front for ${ruc}`);
    return found;
  };
  const [cecomip, oroPuno] = [await org(DEMO_ORGS.cecomip), await org(DEMO_ORGS.oroPuno)];
  const miners = await cleanMiners(tx, `i.person_id IS NOT NULL AND i.department_code IN ('21', '04', '05')`, 40);
  const { rows: shadows } = await tx.query<Miner>(
    `SELECT i.ruc::text AS ruc, i.mining_right_code AS site, i.department_code::text AS dept
     FROM reinfo_inscriptions i JOIN mining_rights r ON r.id = i.mining_right_id
     WHERE i.person_id IS NOT NULL AND i.department_code = '17' AND i.status = 'suspendido' AND i.activity = 'explotacion'
       AND r.hectares <= 1000 AND r.capacity <= 25
     ORDER BY i.id LIMIT 1`,
  );
  const shadow = shadows[0];
  if (!shadow) throw new Error('demo: no suspended artisanal miner in Madre de Dios');
  const events = [...ordinaryEvents(miners), ...storyEvents({ cecomip, oroPuno, shadow })];
  const result = await importLedgerLines(
    tx,
    SYSTEM,
    events.map((e) => JSON.stringify(e)),
    { fileName: 'demo-ledger.jsonl', sha256: () => 'demo-ledger', asOf: '2025-06-30' },
  );
  await tx.query(
    `INSERT INTO premium_investments (organization_ruc, date, project, category, amount_cents, region_code, recorded_by)
     SELECT o.ruc, i.date::date, i.project, i.category, i.cents, o.region_code, 'system:demo'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) i(ruc, date, project, category, cents)
     JOIN organizations o ON o.ruc = i.ruc::char(11)`,
    [
      [DEMO_ORGS.cecomip, DEMO_ORGS.cecomip, DEMO_ORGS.cecomip, DEMO_ORGS.oroPuno],
      ['2025-06-10', '2025-06-20', '2025-08-05', '2025-06-15'],
      ['Comedor para los trabajadores de la mina', 'Equipos de protección personal', 'Campaña médica en la comunidad', 'Campaña médica y de salud ocupacional'],
      ['workers', 'workers', 'community', 'community'],
      // within the premium each had accrued by then (no premium on CECOMIP's sale to the unregistered collector)
      [200_000, 100_000, 50_000, 150_000],
    ],
  );
  await appendAudit(tx, SYSTEM, { action: 'demo.traceability', entity: 'demo', after: { events: result.inserted, certificates: 4, investments: 4 } });
  return { events: result.inserted };
}
