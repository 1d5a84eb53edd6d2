/**
 * Indicators measured from the records, on data of a department no other test uses
 * (Tacna, 23): exact counts for the region, deltas for the national figures.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/db.ts';
import { actor, buildReinfoRow, companyRuc, naturalRuc, toCsv } from '../../../../test/factories.ts';
import { withActor, type Actor } from '../../../platform/context.ts';
import { readCsv } from '../../../platform/files/tabular.ts';
import { importReinfo } from '../../registry/reinfo.import.ts';
import type { BindingResult } from './binding.contract.ts';
import { MAPE_BINDINGS, hasFormalizationTables, minerShare } from './indicator-bindings.mape.ts';
import { bindingFor, boundIndicators } from './indicator-bindings.ts';

const db = await testDb();
const TACNA = { DEPARTAMENTO: 'TACNA', PROVINCIA: 'TACNA', DISTRITO: 'TACNA', LATITUD: '-18.0019', LONGITUD: '-70.2519' };
const auditor = actor('auditor');
const tacna = actor('regional', '23');
const formalization = await hasFormalizationTables(db);

type Code = 'IOP.01.01' | 'IOP.03.01' | 'IOP.03.02';
const compute = (who: Actor, code: Code, year: number): Promise<BindingResult> => withActor(db, who, (tx) => MAPE_BINDINGS[code]!.compute(tx, year));

const nationalBefore = {
  'IOP.03.02': await compute(auditor, 'IOP.03.02', 2024),
  'IOP.03.01': await compute(auditor, 'IOP.03.01', 2024),
  'IOP.01.01': await compute(auditor, 'IOP.01.01', 2024),
};

// A owns a verified right; B works a verified right of someone else; C holds an unverified
// one; the cooperative D has two inscriptions on its own verified rights; E is suspended;
// F was inscribed in 2025.
const coop = companyRuc();
const rows = {
  a: buildReinfoRow({ ...TACNA, NOMBRE: 'TACNA PROPIA ANA' }),
  b: buildReinfoRow({ ...TACNA, NOMBRE: 'TACNA AJENA BETO' }),
  c: buildReinfoRow({ ...TACNA, NOMBRE: 'TACNA SINVERIFICAR CARLA' }),
  d1: buildReinfoRow({ ...TACNA, RUC: coop, NOMBRE: 'COOPERATIVA TACNA DOS' }),
  d2: buildReinfoRow({ ...TACNA, RUC: coop, NOMBRE: 'COOPERATIVA TACNA DOS' }),
  e: buildReinfoRow({ ...TACNA, NOMBRE: 'TACNA SUSPENDIDA EVA', ESTADO: 'SUSPENDIDO' }),
  f: buildReinfoRow({ ...TACNA, NOMBRE: 'TACNA RECIENTE FELIPE', 'FECHA INSCRIPCION': '10/02/2025' }),
};
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(Object.values(rows)))), {
  fileName: 'bindings-tacna.csv',
  sha256: 'b'.repeat(64),
  asOf: '2024-01-01',
});
const holders: [keyof typeof rows, string, 'verified' | 'declared_unverified'][] = [
  ['a', rows.a.RUC!, 'verified'],
  ['b', naturalRuc(), 'verified'],
  ['c', rows.c.RUC!, 'declared_unverified'],
  ['d1', coop, 'verified'],
  ['d2', coop, 'verified'],
  ['e', rows.e.RUC!, 'verified'],
  ['f', rows.f.RUC!, 'verified'],
];
const ids: Record<string, number> = {};
for (const [key, holder, verification] of holders) {
  await db.query('UPDATE mining_rights SET holder_ruc = $2, verification = $3 WHERE code = $1', [rows[key]['CODIGO UNICO'], holder, verification]);
  const { rows: found } = await db.query<{ id: number }>('SELECT id FROM reinfo_inscriptions WHERE mining_right_code = $1', [rows[key]['CODIGO UNICO']]);
  ids[key] = Number(found[0]!.id);
}

// The raw rows below are a shortcut, not a history the workflow would accept: they are
// removed after this file, before another test file of the worker reads every expediente.
const shortcuts: number[] = [];
afterAll(async () => {
  await db.query('DELETE FROM expediente_actions WHERE expediente_id = ANY($1::bigint[])', [shortcuts]);
  await db.query('DELETE FROM expedientes WHERE id = ANY($1::bigint[])', [shortcuts]);
});

/** An expediente whose requirement was approved at `at` (raw rows of the formalization tables). */
async function approve(key: keyof typeof rows, requirement: string, at: string): Promise<void> {
  const { rows: e } = await db.query<{ id: number }>(
    `INSERT INTO expedientes (inscription_id, ruc, department_code, opened_at, opened_by)
     SELECT id, ruc, department_code, '2023-06-01T12:00:00Z', 'test' FROM reinfo_inscriptions WHERE id = $1 RETURNING id`,
    [ids[key]],
  );
  shortcuts.push(Number(e[0]!.id));
  await db.query(
    `INSERT INTO expediente_actions (expediente_id, seq, type, requirement, payload, actor_username, actor_role, at, department_code) VALUES
       ($1, 1, 'open', NULL, '{"inscribedOn": "2021-03-15"}', 'test', 'regional_official', '2023-06-01T12:00:00Z', '23'),
       ($1, 2, 'approve', $2, '{}', 'test', 'regional_official', $3, '23')`,
    [e[0]!.id, requirement, at],
  );
}
if (formalization) {
  await approve('b', 'mining_right_access', '2025-01-01T03:00:00Z'); // 22:00 of 31 Dec 2024 in Peru: counts for 2024
  await approve('c', 'surface_land', '2024-05-01T15:00:00Z');
  await approve('a', 'igafom', '2024-02-01T15:00:00Z');
  await approve('f', 'igafom', '2025-01-01T06:00:00Z'); // 01:00 of 1 Jan 2025 in Peru: 2025
}

describe('IOP.03.02: access to the mining title', () => {
  test('counts declarants vigente on 31 December with an own verified concession (or an approved access), once each', async () => {
    const r = await compute(tacna, 'IOP.03.02', 2024);
    expect(r.denominator).toBe(4); // A, B, C, D — not the suspended E, not F inscribed in 2025
    const counted = formalization ? ['COOPERATIVA TACNA DOS', 'TACNA AJENA BETO', 'TACNA PROPIA ANA'] : ['COOPERATIVA TACNA DOS', 'TACNA PROPIA ANA'];
    expect(r.records.map((x) => x.label.split(' · ')[0])).toEqual(counted);
    expect(r).toMatchObject({ numerator: counted.length, value: formalization ? 75 : 50, availability: formalization ? 'complete' : 'partial' });
    for (const rec of r.records) {
      expect(rec).toMatchObject({ kind: 'inscription', departmentCode: '23' });
      expect(rec.label).toMatch(/^[A-Z ]+ · \d{9}$/); // the name and the right's code
      for (const row of Object.values(rows)) {
        expect(rec.label).not.toContain(row.RUC!);
        expect(rec.label).not.toContain(row.RUC!.slice(2, 10)); // the DNI inside a natural person's RUC
      }
    }
  });

  test('national figures grow by exactly the region-23 records', async () => {
    const after = await compute(auditor, 'IOP.03.02', 2024);
    const before = nationalBefore['IOP.03.02'];
    expect(after.denominator - before.denominator).toBe(4);
    expect(after.numerator - before.numerator).toBe(formalization ? 3 : 2);
    expect(after.records.filter((r) => r.departmentCode === '23')).toHaveLength(formalization ? 3 : 2);
  });

  test('a year before the inscriptions has none of them', async () => {
    const r = await compute(tacna, 'IOP.03.02', 2020);
    expect(r).toMatchObject({ numerator: 0, denominator: 0, value: null, records: [] });
  });
});

describe.skipIf(!formalization)('indicators of the formalization expedientes', () => {
  test('IOP.03.01: surface-land authorization approved by the end of the year', async () => {
    const r = await compute(tacna, 'IOP.03.01', 2024);
    expect(r).toMatchObject({ numerator: 1, denominator: 4, value: 25, availability: 'complete' });
    expect(r.records.map((x) => x.id)).toEqual([ids['c']]);
  });

  test('IOP.01.01: IGAFOM approved by the end of the year, Peru time', async () => {
    expect(await compute(tacna, 'IOP.01.01', 2024)).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
    const next = await compute(tacna, 'IOP.01.01', 2025);
    expect(next).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
    expect(next.records.map((x) => x.id).sort()).toEqual([ids['a'], ids['f']].sort());
    const national = await compute(auditor, 'IOP.01.01', 2024);
    expect(national.numerator - nationalBefore['IOP.01.01'].numerator).toBe(1);
  });

  test('without the formalization tables they are unavailable, and IOP.03.02 partial', async () => {
    class Rollback extends Error {}
    const seen: BindingResult[] = [];
    await db
      .transaction(async (tx) => {
        await tx.exec('ALTER TABLE expediente_actions RENAME TO expediente_actions_hidden');
        for (const code of ['IOP.03.01', 'IOP.01.01', 'IOP.03.02'] as const) seen.push(await MAPE_BINDINGS[code]!.compute(tx, 2024));
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    expect(seen[0]).toMatchObject({ value: null, availability: 'unavailable', note: expect.stringContaining('migration 0004') });
    expect(seen[1]).toMatchObject({ value: null, availability: 'unavailable' });
    expect(seen[2]!.availability).toBe('partial');
    expect(await hasFormalizationTables(db)).toBe(true);
  });
});

describe('the numerators as hashed sets (migration 0028) equal them row by row', () => {
  // the conditions as they were before they became sets: correlated EXISTS, evaluated per row
  const approvedPerRow = (requirement: string): string => `EXISTS (
    SELECT 1 FROM expedientes e JOIN expediente_actions a ON a.expediente_id = e.id
    WHERE e.inscription_id = pop.id AND a.type = 'approve' AND a.requirement = '${requirement}' AND a.at < (SELECT instant FROM cutoff))`;
  const ownPerRow = `EXISTS (SELECT 1 FROM mining_rights r WHERE r.id = pop.mining_right_id AND r.verification = 'verified' AND r.holder_ruc = pop.ruc)`;
  const perRow: Record<Code, string> = {
    'IOP.01.01': approvedPerRow('igafom'),
    'IOP.03.01': approvedPerRow('surface_land'),
    'IOP.03.02': `(${ownPerRow} OR ${approvedPerRow('mining_right_access')})`,
  };
  test.each([
    ['national', auditor],
    ['Tacna', tacna],
  ])('%s: value, regions, records and population', async (_, who) => {
    let counted = 0;
    for (const code of ['IOP.01.01', 'IOP.03.01', 'IOP.03.02'] as const) {
      const { availability: _a, note: _n, ...measured } = await compute(who, code, 2024);
      const scratch = await withActor(db, who, (tx) => minerShare(tx, 2024, perRow[code]));
      expect(measured).toEqual(scratch);
      counted += measured.numerator;
    }
    expect(counted).toBeGreaterThan(0); // not an empty comparison
  });
});

describe('row-level security of the drill-down', () => {
  test('a regional official of another department sees none of these records', async () => {
    const puno = await compute(actor('regional', '21'), 'IOP.03.02', 2024);
    expect(puno.records.every((r) => r.departmentCode === '21')).toBe(true);
    expect(puno.records.map((r) => r.id)).not.toContain(ids['a']);
  });
});

test('the registry of bindings is by policy and indicator code', () => {
  const bound = boundIndicators('PNMPMMA-2030').map(([code]) => code);
  expect(bound).toEqual(expect.arrayContaining(['IOP.01.01', 'IOP.03.01', 'IOP.03.02']));
  expect(bound).toEqual([...bound].sort()); // by code
  expect(bound.length).toBeGreaterThanOrEqual(22);
  expect(bindingFor('PNMPMMA-2030', 'IOP.03.02')?.description).toContain('31 December');
  expect(bindingFor('OTRA-POLITICA', 'IOP.03.02')).toBeNull();
});
