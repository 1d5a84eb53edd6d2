/**
 * Indicators measured from the services' deliveries, on data of Apurímac (03), a
 * department no other test uses: exact counts for the region, deltas for the nation.
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/db.ts';
import { actor, buildReinfoRow, companyRuc, toCsv } from '../../../../test/factories.ts';
import { withActor, type Actor } from '../../../platform/context.ts';
import { readCsv } from '../../../platform/files/tabular.ts';
import { dniOfRuc } from '../../registry/registry.domain.ts';
import { importReinfo } from '../../registry/reinfo.import.ts';
import { recordDelivery, recordEvent, recordSimple, recordDialogue, addDialogueSession, setParticipantResult } from '../../services/services.service.ts';
import type { BindingResult } from './binding.contract.ts';
import { SERVICE_BINDINGS, UNBOUND_REASONS } from './indicator-bindings.services.ts';
import { boundIndicators, unboundReason } from './indicator-bindings.ts';
import { withMeasuredValues } from './measure.service.ts';
import { seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';

const db = await testDb();
const APURIMAC = { DEPARTAMENTO: 'APURIMAC', PROVINCIA: 'ABANCAY', DISTRITO: 'ABANCAY', LATITUD: '-13.6339', LONGITUD: '-72.8814' };
const auditor = actor('auditor');
const region = actor('regional', '03');
const compute = (who: Actor, code: string, year: number): Promise<BindingResult> => withActor(db, who, (tx) => SERVICE_BINDINGS[code]!.compute(tx, year));

const miners = [1, 2, 3, 4].map((n) => buildReinfoRow({ ...APURIMAC, NOMBRE: `APURIMAC MINERO ${n}` }));
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(miners))), {
  fileName: 'bindings-apurimac.csv',
  sha256: 'a'.repeat(64),
  asOf: '2023-01-01',
});
const dni = (i: number): string => dniOfRuc(miners[i]!.RUC!);
const suffix = Math.random().toString(36).slice(2, 8);

test('every bound indicator measures on the database without error, with its unit and regions', async () => {
  const codes = boundIndicators('PNMPMMA-2030').map(([c]) => c);
  expect(codes.length).toBeGreaterThanOrEqual(22);
  for (const [code, binding] of boundIndicators('PNMPMMA-2030')) {
    const r = await withActor(db, auditor, (tx) => binding.compute(tx, 2024));
    expect(r.numerator, code).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(r.regions ?? []), code).toBe(true);
  }
  for (const code of Object.keys(UNBOUND_REASONS)) expect(unboundReason('PNMPMMA-2030', code)).toBe(UNBOUND_REASONS[code]);
  expect(unboundReason('PNMPMMA-2030', 'ISS.01.03.01.01')).toBeNull();
});

describe('ISS.01.03.01.01: miners with capacities in clean technologies', () => {
  test("changing one participant's result moves the indicator by exactly one person", async () => {
    const nationalBefore = await compute(auditor, 'ISS.01.03.01.01', 2024);
    const event = await recordEvent(db, actor('regional', '03'), {
      code: `APU-TL-${suffix}`,
      serviceCode: 'SS.01.03.01',
      kind: 'training',
      topic: 'Gravimetría sin mercurio',
      date: '2024-06-15',
      departmentCode: '03',
      modality: 'presencial',
      participants: [
        { dni: dni(0), name: 'UNO', attended: true, passed: true },
        { dni: dni(1), name: 'DOS', attended: true, passed: true },
        { dni: dni(2), name: 'TRES', attended: true, passed: false },
      ],
    });
    const before = await compute(region, 'ISS.01.03.01.01', 2024);
    expect(before).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(before.regions).toEqual([{ code: '03', numerator: 2, denominator: 4, value: 50 }]);
    const tres = event.roster.find((p) => p.name === 'TRES')!;
    await setParticipantResult(db, actor('regional', '03'), event.id, tres.id, { attended: true, passed: true });
    const after = await compute(region, 'ISS.01.03.01.01', 2024);
    expect(after.numerator - before.numerator).toBe(1);
    expect(after).toMatchObject({ denominator: 4, value: 75 });
    const nationalAfter = await compute(auditor, 'ISS.01.03.01.01', 2024);
    expect(nationalAfter.numerator - nationalBefore.numerator).toBe(3);
    expect(nationalAfter.denominator).toBe(nationalBefore.denominator);
    // another service's indicator and another year do not move
    expect((await compute(region, 'ISS.01.06.01.01', 2024)).numerator).toBe(0);
    expect((await compute(region, 'ISS.01.03.01.01', 2025)).numerator).toBe(0);
    // IOP.04.01 counts capacities in formalization, development and sustainability, not clean technologies
    expect((await compute(region, 'IOP.04.01', 2024)).numerator).toBe(0);
  });

  test('the report built from records follows a change of the data (measured once per version of the data)', async () => {
    const event = await recordEvent(db, actor('regional', '03'), {
      code: `APU-TL23-${suffix}`,
      serviceCode: 'SS.01.03.01',
      kind: 'training',
      topic: 'Retortas',
      date: '2023-03-10',
      departmentCode: '03',
      modality: 'presencial',
      participants: [{ dni: dni(3), name: 'CUATRO', attended: true, passed: false }],
    });
    const measured = async () => (await withMeasuredValues(db, 'PNMPMMA-2030', seedMatrix(), 2023)).comparisons.find((c) => c.code === 'ISS.01.03.01.01')!;
    const before = await measured();
    expect(await measured()).toEqual(before);
    expect(before.measured).toBe((await compute(auditor, 'ISS.01.03.01.01', 2023)).value);
    const cuatro = event.roster.find((p) => p.name === 'CUATRO')!;
    await setParticipantResult(db, actor('regional', '03'), event.id, cuatro.id, { attended: true, passed: true });
    const national = await compute(auditor, 'ISS.01.03.01.01', 2023);
    const after = await measured();
    expect(after.measured).toBe(national.value);
    expect(after.measured).not.toBe(before.measured);
    // the aggregates are kept for this version of the data (a restarted server does not measure again)
    const { rows } = await db.query<{ results: Record<string, { value: number | null }> | string; current: boolean }>(
      `SELECT results, data_version = veta_audit_head() AS current FROM monitoring_measured_cache
       WHERE policy_code = 'PNMPMMA-2030' AND year = 2023 AND indicators LIKE '%ISS.01.03.01.01%'`,
    );
    const kept = rows.find((r) => r.current)!;
    const results = typeof kept.results === 'string' ? (JSON.parse(kept.results) as Record<string, { value: number | null }>) : kept.results;
    expect(results['ISS.01.03.01.01']!.value).toBe(after.measured);
    // the records behind the denominator: one per declarant of P(2023), each in one department
    expect(national.population).toHaveLength(national.denominator);
    expect(national.records.every((r) => national.population!.some((p) => p.id === r.id))).toBe(true);
  });

  test('a regional official of another department sees none of these records', async () => {
    const other = await compute(actor('regional', '21'), 'ISS.01.03.01.01', 2024);
    expect(other.records.every((r) => r.departmentCode === '21')).toBe(true);
  });
});

describe('deliveries and other records', () => {
  const writer = actor('regional', '03');
  test('ISS.02.05.02.01 counts beneficiaries with a timely analysis, cumulatively; ISS.02.02.01.01 credits of the year', async () => {
    const base = { kind: 'lab_analysis' as const, departmentCode: '03', name: 'X', standardDays: 15 };
    await recordDelivery(db, writer, { ...base, reference: `L1-${suffix}`, dni: dni(0), requestedOn: '2023-05-01', deliveredOn: '2023-05-10' });
    await recordDelivery(db, writer, { ...base, reference: `L2-${suffix}`, dni: dni(1), requestedOn: '2024-05-01', deliveredOn: '2024-06-30' });
    await recordDelivery(db, writer, { ...base, reference: `L3-${suffix}`, dni: dni(1), requestedOn: '2024-08-01', deliveredOn: '2024-08-05' });
    await recordDelivery(db, writer, { ...base, reference: `L4-${suffix}`, dni: dni(2), requestedOn: '2024-12-20' });
    const lab = await compute(region, 'ISS.02.05.02.01', 2024);
    expect(lab).toMatchObject({ value: 2, numerator: 2, denominator: 3 });
    expect((await compute(region, 'ISS.02.05.02.01', 2023)).numerator).toBe(1);
    await recordDelivery(db, writer, {
      kind: 'credit',
      reference: `C1-${suffix}`,
      departmentCode: '03',
      dni: dni(3),
      name: 'Y',
      requestedOn: '2024-01-10',
      deliveredOn: '2024-02-01',
      provider: 'Banco',
      amountPen: 15000,
    });
    expect(await compute(region, 'ISS.02.02.01.01', 2024)).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
  });

  test('IOP.01.02: the accident index from hours worked, accidents and days lost', async () => {
    const ruc = companyRuc();
    await recordSimple(db, writer, 'mining_workforce', '03', [ruc, 2024, '03', 50, 100_000]);
    await recordSimple(db, writer, 'mining_accidents', '03', [ruc, '03', '2024-03-03', 'incapacitating', 1, 20, null]);
    const r = await compute(region, 'IOP.01.02', 2024);
    // IF = 1e6/1e5 = 10, IS = 20e6/1e5 = 200, IA = 10 × 200 / 1000 = 2
    expect(r).toMatchObject({ value: 2, numerator: 1, denominator: 100_000 });
    expect(SERVICE_BINDINGS['IOP.01.02']!.unit).toBe('index');
  });

  test('ISS.04.03.01.01 certified officials; ISS.03.02.01.01 tables with a session', async () => {
    await recordSimple(db, writer, 'official_certifications', '03', ['03', 2024, '70000001', 'A', null, true, '2024-10-01']);
    await recordSimple(db, writer, 'official_certifications', '03', ['03', 2024, '70000002', 'B', null, false, null]);
    expect(await compute(region, 'ISS.04.03.01.01', 2024)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    const parties = [
      { role: 'informal_miner' as const, name: 'M' },
      { role: 'concession_holder' as const, name: 'T' },
    ];
    const t1 = await recordDialogue(db, writer, { code: `MD1-${suffix}`, departmentCode: '03', subject: 'concession', requestedOn: '2024-02-01', parties });
    await recordDialogue(db, writer, { code: `MD2-${suffix}`, departmentCode: '03', subject: 'surface_land', requestedOn: '2024-03-01', parties });
    await addDialogueSession(db, writer, t1.id, { heldOn: '2024-04-01', outcome: 'agreement' });
    expect(await compute(region, 'ISS.03.02.01.01', 2024)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
  });

  test('ISS.01.02.01.01 districts with access to health among the districts with MAPE population', async () => {
    const before = await compute(region, 'ISS.01.02.01.01', 2024);
    expect(before.denominator).toBe(1); // Abancay
    await recordSimple(db, writer, 'district_health_access', '03', ['030101', '03', '2024-07-01', 'DIRESA Apurímac']);
    expect(await compute(region, 'ISS.01.02.01.01', 2024)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect((await compute(region, 'ISS.01.02.01.01', 2023)).numerator).toBe(0);
  });
});

test('the shares of the miners’ population measured together read the population once and equal each measured alone', async () => {
  const codes = boundIndicators('PNMPMMA-2030')
    .map(([c]) => c)
    .filter((c) => ['IOP.01.01', 'IOP.03.01', 'ISS.01.03.01.01'].includes(c));
  expect(codes).toHaveLength(3);
  const bindings = Object.fromEntries(boundIndicators('PNMPMMA-2030'));
  const alone: BindingResult[] = [];
  for (const code of codes) alone.push(await withActor(db, region, (tx) => bindings[code]!.compute(tx, 2024)));
  let populationReads = 0;
  const together = await withActor(db, region, async (tx) => {
    // the same transaction object for every indicator, its population queries counted
    const counted = {
      ...tx,
      query: ((sql: string, params?: unknown[]) => {
        if (sql.includes('status_on AS')) populationReads++;
        return tx.query(sql, params);
      }) as typeof tx.query,
    };
    const out: BindingResult[] = [];
    for (const code of codes) out.push(await bindings[code]!.compute(counted, 2024));
    return out;
  });
  expect(together).toEqual(alone);
  expect(populationReads).toBe(1);
  expect(together.every((r) => r.denominator === alone[0]!.denominator)).toBe(true);
});
