/**
 * Every red flag on the stored ledger, against registry facts set the way officials
 * set them (a REINFO suspension, an expired RECPO registration, a certificate): the
 * flags of a period, of each actor and of each lot's lineage equal the pure rules'.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { withActor } from '../../../platform/context.ts';
import { testDb } from '../../../../test/db.ts';
import { actor, companyRuc } from '../../../../test/factories.ts';
import { changeStatus } from '../../registry/registry.service.ts';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { rows } from '../ledger/ledger.factories.ts';
import { createCast, lines, recpoCsv, type Cast } from '../ledger/ledger-db.factories.ts';
import { loadContext, loadThresholds } from '../ledger/ledger-context.queries.ts';
import { importLedgerFile } from '../ledger/ledger.import.ts';
import { ledgerEventSchema, type LedgerEvent, type LedgerEventInput } from '../ledger/ledger.schema.ts';
import { emptyLedgerState, type LedgerState } from '../ledger/ledger.state.ts';
import { computeFlags, flagsBetween, flagsOfActor as pureFlagsOfActor, type Flag } from './flags.domain.ts';
import { flagsOfActor, flagsOfPeriod } from './flags.service.ts';
import { trace } from '../origin/origin.domain.ts';
import { importRecpo } from '../recpo/recpo.import.ts';
import { readCsv } from '../../../platform/files/tabular.ts';
import { traceLot } from '../origin/trace.service.ts';

const db = await testDb();
const national = actor('national');
let cast: Cast;
let collector: string;
let events: LedgerEvent[];
let state: LedgerState;
let flags: Flag[];
const p = `FS${Date.now().toString(36)}-`;

beforeAll(async () => {
  cast = await createCast(db);
  collector = companyRuc();
  await importRecpo(
    db,
    national,
    readCsv(
      recpoCsv([
        {
          RUC: collector,
          'RAZON SOCIAL': 'ACOPIO VENCIDO',
          TIPO: 'COMERCIALIZADOR',
          'NUMERO REGISTRO': `${p}OLD`,
          'VIGENCIA DESDE': '2020-01-01',
          'VIGENCIA HASTA': '2024-02-29',
        },
      ]),
    ),
    { fileName: 'c.csv', sha256: p, asOf: '2024-01-01' },
  );
  await db.query(
    `INSERT INTO certificates (organization_ruc, scheme, valid_from, valid_to, region_code, recorded_by) VALUES ($1, 'FAIRMINED', '2024-01-01', NULL, '21', 'test')`,
    [cast.miner],
  );
  const { rows: ins } = await db.query<{ id: number }>('SELECT id FROM reinfo_inscriptions WHERE ruc = $1', [cast.person]);
  await changeStatus(db, national, Number(ins[0]!.id), { status: 'suspendido', effectiveDate: '2024-03-10', reason: 'test' });
  const { miner, miner2, person, trader, plant, refinery, siteA, siteB, siteC } = cast;
  const inputs: LedgerEventInput[] = [
    { id: `${p}a`, type: 'produce', date: '2024-03-01', actor: miner, site: siteA, lot: `${p}A`, material: 'dore', grams: 1000, fineness: 0.9 },
    { id: `${p}b`, type: 'produce', date: '2024-03-02', actor: miner2, site: siteA, lot: `${p}B`, material: 'dore', grams: 100, fineness: 0.99 },
    { id: `${p}c`, type: 'produce', date: '2024-03-03', actor: person, site: siteA, lot: `${p}C`, material: 'ore', tonnes: 1000, gradeGpt: 5 },
    { id: `${p}c2`, type: 'produce', date: '2024-03-20', actor: person, site: siteA, lot: `${p}C2`, material: 'ore', tonnes: 700, gradeGpt: 5 },
    { id: `${p}d`, type: 'transfer', date: '2024-03-05', from: miner, to: trader, lot: `${p}A`, fineGrams: 300, newLot: `${p}A1`, claim: 'FAIRMINED' },
    { id: `${p}e`, type: 'transfer', date: '2024-03-06', from: miner2, to: trader, lot: `${p}B`, claim: 'FAIRMINED' },
    { id: `${p}f`, type: 'transfer', date: '2024-03-12', from: person, to: plant, lot: `${p}C` },
    { id: `${p}f2`, type: 'transfer', date: '2024-03-21', from: person, to: plant, lot: `${p}C2` },
    {
      id: `${p}g`,
      type: 'process',
      date: '2024-03-25',
      actor: plant,
      inputs: [`${p}C`, `${p}C2`],
      recovery: 0.9,
      output: { lot: `${p}G`, material: 'dore', fineness: 0.3 },
    },
    {
      id: `${p}h`,
      type: 'process',
      date: '2024-03-08',
      actor: trader,
      inputs: [`${p}A1`, `${p}B`],
      untrackedFineGrams: 50,
      output: { lot: `${p}H`, material: 'dore', fineness: 0.9 },
    },
    { id: `${p}i`, type: 'transfer', date: '2024-03-09', from: trader, to: collector, lot: `${p}H`, fineGrams: 100, newLot: `${p}H1`, claim: 'FAIRMINED' },
    { id: `${p}j`, type: 'transfer', date: '2024-03-11', from: collector, to: refinery, fineGrams: 150 },
    { id: `${p}k`, type: 'transfer', date: '2024-04-02', from: plant, to: refinery, lot: `${p}G` },
    { id: `${p}r`, type: 'produce', date: '2024-03-02', actor: miner2, site: siteB, lot: `${p}R`, material: 'dore', grams: 10, fineness: 0.9 },
    { id: `${p}s`, type: 'transfer', date: '2024-03-05', from: miner2, to: trader, lot: `${p}R` },
    { id: `${p}t`, type: 'transfer', date: '2024-03-07', from: trader, to: refinery, lot: `${p}R` },
    { id: `${p}m`, type: 'produce', date: '2024-03-04', actor: miner2, site: siteC, lot: `${p}M`, material: 'dore', grams: 10, fineness: 0.9 },
    { id: `${p}n`, type: 'produce', date: '2024-03-04', actor: miner, site: siteB, lot: `${p}N`, material: 'dore', grams: 10, fineness: 0.9 },
    { id: `${p}o`, type: 'transfer', date: '2024-03-05', from: miner, to: trader, lot: `${p}A`, fineGrams: 100, newLot: `${p}A2` },
    { id: `${p}q`, type: 'reverse', date: '2024-03-06', actor: trader, reverses: `${p}o`, reason: 'duplicate' },
  ];
  events = inputs.map((e) => ledgerEventSchema.parse(e));
  const result = await importLedgerFile(db, national, lines(...events), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2024-12-31' });
  expect(result).toMatchObject({ rejected: 0, inserted: events.length });
  const rucs = [miner, miner2, person, trader, plant, refinery, collector];
  const { context } = await withActor(db, national, (tx) => loadContext(tx, rucs, [siteA, siteB, siteC], { full: true, asOf: '2024-12-31' }));
  const thresholds = await withActor(db, national, (tx) => loadThresholds(tx, '2024-12-31'));
  const applied = applyEvents(
    { ...context, certificates: [{ organization: miner, scheme: 'FAIRMINED', from: '2024-01-01', to: null }] },
    emptyLedgerState(),
    rows(...events),
  );
  expect(applied.errors).toEqual([]);
  state = applied.state;
  flags = computeFlags(context, state, thresholds);
});

describe('flags on the stored ledger', () => {
  test('the scenario raises every kind of flag the registry facts call for', () => {
    // flags from other modules' records (protected areas, mercury use) depend on what other test files have put on this
    // worker's database near the scenario's sites; flags-other-modules.sql.test.ts covers them
    const fromOtherModules = new Set(['PROTECTED_AREA_ORIGIN', 'ECOLOGICAL_CLAIM_WITH_MERCURY']);
    expect([...new Set(flags.map((f) => f.code))].filter((c) => !fromOtherModules.has(c)).sort()).toEqual([
      'BUYER_NOT_REGISTERED',
      'CAPACITY_EXCEEDED',
      'CERTIFIED_CLAIM_UNCERTIFIED',
      'FAST_RESALE',
      'GRADE_IMPLAUSIBLE',
      'NEGATIVE_BALANCE',
      'PLANT_CAPACITY_EXCEEDED',
      'SELLER_NOT_VIGENTE',
      'SITE_MISMATCH',
    ]);
  });

  test('flags of the period and of each actor equal the pure rules’', async () => {
    const ours = new Set(events.flatMap((e) => [e.id]));
    const period = await withActor(db, national, (tx) => flagsOfPeriod(tx, '2024-03-01', '2024-04-30'));
    expect(period.filter((f) => f.eventIds.some((id) => ours.has(id)))).toEqual(flagsBetween(flags, '2024-03-01', '2024-04-30'));
    for (const ruc of [cast.miner, cast.miner2, cast.person, cast.trader, cast.plant, cast.refinery, collector]) {
      for (const [from, to] of [
        ['2024-03-01', '2024-03-31'],
        ['2024-03-06', '2024-03-11'],
        ['2024-04-01', '2024-04-30'],
      ] as const) {
        expect(await withActor(db, national, (tx) => flagsOfActor(tx, ruc, from, to))).toEqual(pureFlagsOfActor(flags, ruc, from, to));
      }
    }
  });

  test('the trace of every lot carries the flags of its lineage, claims downstream included', async () => {
    for (const lot of [...state.lots.values()]) {
      const sql = await withActor(db, national, (tx) => traceLot(tx, lot.id, '2024-12-31'));
      expect(sql).toEqual(trace(state, lot.id, flags));
    }
    // B's production broke the claim of a sale further down (i), outside B's own lineage
    const b = await withActor(db, national, (tx) => traceLot(tx, `${p}B`, '2024-12-31'));
    expect(b?.flags.filter((f) => f.code === 'CERTIFIED_CLAIM_UNCERTIFIED').map((f) => f.eventIds)).toContainEqual([`${p}i`, `${p}h`, `${p}b`]);
  });
});
