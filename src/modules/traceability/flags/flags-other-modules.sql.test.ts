/**
 * The red flags that read other modules' facts, on the stored ledger: a front inside a
 * protected area (territory) and an ecological claim from an organization using mercury
 * (services). Raised in the flags list, the actor's flags and the lot's trace; the same
 * for a regional official as the national answer restricted to what the official sees.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { withActor } from '../../../platform/context.ts';
import { testDb } from '../../../../test/db.ts';
import { actor } from '../../../../test/factories.ts';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { rows } from '../ledger/ledger.factories.ts';
import { createCast, lines, type Cast } from '../ledger/ledger-db.factories.ts';
import { loadContext, loadThresholds } from '../ledger/ledger-context.queries.ts';
import { importLedgerFile } from '../ledger/ledger.import.ts';
import { ledgerFlags, ledgerTrace } from '../ledger/ledger.service.ts';
import { ledgerEventSchema, type LedgerEvent, type LedgerEventInput } from '../ledger/ledger.schema.ts';
import { emptyLedgerState } from '../ledger/ledger.state.ts';
import { computeFlags, type Flag } from './flags.domain.ts';
import { flagsOfActor, flagsOfPeriod } from './flags.service.ts';

const db = await testDb();
const national = actor('national');
let cast: Cast;
let events: LedgerEvent[];
const p = `FO${Date.now().toString(36)}-`;
const ours = (flags: readonly Flag[], code: string): string[][] =>
  flags.filter((f) => f.code === code && f.eventIds.some((id) => id.startsWith(p))).map((f) => f.eventIds);

beforeAll(async () => {
  cast = await createCast(db);
  // the miner's front on site A in a (test) protected area of its own; miner2's fronts elsewhere in Puno, in none
  const lon = -70.1 - Math.random() * 0.1;
  const lat = -15.9 - Math.random() * 0.1;
  await db.query(`UPDATE reinfo_inscriptions SET front = ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326) WHERE ruc = $1`, [cast.miner, lon, lat]);
  await db.query(`UPDATE reinfo_inscriptions SET front = ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326) WHERE ruc = $1 AND mining_right_code = $4`, [
    cast.miner2,
    lon + 0.01,
    lat,
    cast.siteB,
  ]);
  const d = 0.001;
  await db.query(
    `INSERT INTO territory_areas (kind, code, name, category, hectares, geom)
     VALUES ('protected', $1, 'Santuario de Prueba', 'Santuario Nacional', 1,
             ST_Multi(ST_MakeEnvelope($2::float8 - $4::float8, $3::float8 - $4::float8, $2::float8 + $4::float8, $3::float8 + $4::float8, 4326))),
            ('buffer', $1, 'Zona de amortiguamiento de Prueba', NULL, 1,
             ST_Multi(ST_MakeEnvelope($2::float8 - 0.02, $3::float8 - $4::float8, $2::float8 + 0.02, $3::float8 + $4::float8, 4326)))`,
    [`${p}ANP`, lon, lat, d],
  );
  // the miner recorded amalgamation in 2024; miner2 worked without mercury
  await db.query(
    `INSERT INTO mercury_use (ruc, year, department_code, technology, mercury_used_kg, gold_g, recorded_by)
     VALUES ($1, 2024, '21', 'whole_ore_amalgamation', 2.5, 100, 'test'), ($2, 2024, '21', 'mercury_free', 0, 100, 'test')`,
    [cast.miner, cast.miner2],
  );
  const { miner, miner2, trader, siteA, siteB } = cast;
  const inputs: LedgerEventInput[] = [
    { id: `${p}a`, type: 'produce', date: '2024-05-02', actor: miner, site: siteA, lot: `${p}A`, material: 'dore', grams: 100, fineness: 0.9 },
    { id: `${p}b`, type: 'produce', date: '2024-05-02', actor: miner2, site: siteB, lot: `${p}B`, material: 'dore', grams: 100, fineness: 0.9 },
    { id: `${p}c`, type: 'transfer', date: '2024-05-06', from: miner, to: trader, lot: `${p}A`, claim: 'FAIRMINED_ECOLOGICAL' },
    { id: `${p}d`, type: 'transfer', date: '2024-05-06', from: miner2, to: trader, lot: `${p}B`, claim: 'FAIRMINED_ECOLOGICAL' },
  ];
  events = inputs.map((e) => ledgerEventSchema.parse(e));
  const result = await importLedgerFile(db, national, lines(...events), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2024-12-31' });
  expect(result).toMatchObject({ rejected: 0, inserted: events.length });
});

describe('flags from territory and services facts', () => {
  test('a lot from a front inside a protected area is flagged; one from a front outside (or in a buffer zone only) is not', async () => {
    const period = await withActor(db, national, (tx) => flagsOfPeriod(tx, '2024-05-01', '2024-05-31'));
    expect(ours(period, 'PROTECTED_AREA_ORIGIN')).toEqual([[`${p}a`]]);
    const flag = period.find((f) => f.code === 'PROTECTED_AREA_ORIGIN' && f.eventIds[0] === `${p}a`)!;
    expect(flag).toMatchObject({ severity: 'high', actor: cast.miner, lot: `${p}A`, date: '2024-05-02' });
    expect(flag.message).toContain('Santuario de Prueba (Santuario Nacional)');
    expect(flag.message).not.toContain('amortiguamiento');
    const miner2 = await withActor(db, national, (tx) => flagsOfActor(tx, cast.miner2, '2024-05-01', '2024-05-31'));
    expect(ours(miner2, 'PROTECTED_AREA_ORIGIN')).toEqual([]);
  });

  test('an ecological claim by an organization that used mercury that year is flagged; one without mercury is not', async () => {
    const period = await withActor(db, national, (tx) => flagsOfPeriod(tx, '2024-05-01', '2024-05-31'));
    expect(ours(period, 'ECOLOGICAL_CLAIM_WITH_MERCURY')).toEqual([[`${p}c`]]);
    expect(period.find((f) => f.code === 'ECOLOGICAL_CLAIM_WITH_MERCURY' && f.eventIds[0] === `${p}c`)?.message).toContain(
      `${cast.miner} recorded processing with mercury in 2024`,
    );
    const actorFlags = await withActor(db, national, (tx) => flagsOfActor(tx, cast.miner, '2024-05-01', '2024-05-31'));
    expect(ours(actorFlags, 'ECOLOGICAL_CLAIM_WITH_MERCURY')).toEqual([[`${p}c`]]);
  });

  test('both are in the trace of the lot and in the flags list, and equal the pure rules over the loaded context', async () => {
    const a = await ledgerTrace(db, national, `${p}A`, '2024-12-31');
    expect(a?.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['PROTECTED_AREA_ORIGIN', 'ECOLOGICAL_CLAIM_WITH_MERCURY']));
    const b = await ledgerTrace(db, national, `${p}B`, '2024-12-31');
    expect(b?.flags.map((f) => f.code)).not.toContain('PROTECTED_AREA_ORIGIN');
    expect(b?.flags.map((f) => f.code)).not.toContain('ECOLOGICAL_CLAIM_WITH_MERCURY');
    const list = await ledgerFlags(db, national, '2024-05-01', '2024-05-31');
    expect(ours(list.flags, 'PROTECTED_AREA_ORIGIN')).toEqual([[`${p}a`]]);
    expect(ours(list.flags, 'ECOLOGICAL_CLAIM_WITH_MERCURY')).toEqual([[`${p}c`]]);

    const { miner, miner2, trader, siteA, siteB } = cast;
    const { context } = await withActor(db, national, (tx) => loadContext(tx, [miner, miner2, trader], [siteA, siteB], { full: true, asOf: '2024-12-31' }));
    const thresholds = await withActor(db, national, (tx) => loadThresholds(tx, '2024-12-31'));
    const applied = applyEvents(context, emptyLedgerState(), rows(...events));
    expect(applied.errors).toEqual([]);
    const pure = computeFlags(context, applied.state, thresholds);
    for (const code of ['PROTECTED_AREA_ORIGIN', 'ECOLOGICAL_CLAIM_WITH_MERCURY']) expect(ours(pure, code)).toEqual(ours(list.flags, code));
  });

  test('one truth per role: the regional official of Puno gets the national flags it can see, a Lima official none of ours', async () => {
    const all = await ledgerFlags(db, national, '2024-05-01', '2024-05-31');
    const puno = await ledgerFlags(db, actor('regional', '21'), '2024-05-01', '2024-05-31');
    const lima = await ledgerFlags(db, actor('regional', '15'), '2024-05-01', '2024-05-31');
    for (const code of ['PROTECTED_AREA_ORIGIN', 'ECOLOGICAL_CLAIM_WITH_MERCURY']) {
      expect(ours(puno.flags, code)).toEqual(ours(all.flags, code));
      expect(ours(lima.flags, code)).toEqual([]);
    }
  });
});
