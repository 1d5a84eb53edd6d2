/** Policies in the database: round trip, idempotent import, rejected rows, value history, access. */
import { describe, expect, test } from 'vitest';
import { seedCsv, seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { testDb } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { PUBLIC_ACTOR, withActor } from '../../platform/context.ts';
import { parseMatrixCsv, parseMatrixXlsx } from './matrix/matrix.parse.ts';
import { writeMatrixCsv, writeMatrixXlsx } from './matrix/matrix.write.ts';
import { evaluateMatrix, toEvaluationJson } from './monitoring.domain.ts';
import type { IndicatorRow, PolicyMatrix } from './monitoring.schema.ts';
import { evaluatePolicy, importPolicyMatrix, indicatorValues, MatrixRejectedError, policyMatrix, recordValue } from './monitoring.service.ts';

const db = await testDb();
const national = actor('national');
const file = { fileName: 'seed.csv', sha256: 'e'.repeat(64), asOf: '2025-01-15' };
const newCode = (): string => `T-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;

const indicator = (m: PolicyMatrix, code: string): IndicatorRow => m.rows.find((r) => r.code === code) as IndicatorRow;
const evaluationOf = (m: PolicyMatrix, year: number, targetYear?: number) => toEvaluationJson(evaluateMatrix(m, { year, targetYear }));

async function counts(code: string) {
  const { rows } = await db.query<{ audits: number; values: number; imports: number }>(
    `SELECT (SELECT count(*) FROM audit_log WHERE entity = 'policy' AND entity_id = $1)::int AS audits,
            (SELECT count(*) FROM policy_values v JOIN policy_elements e ON e.id = v.indicator_id JOIN policies p ON p.id = e.policy_id WHERE p.code = $1)::int AS values,
            (SELECT count(*) FROM imports WHERE kind = 'policy_matrix' AND file_name = $1)::int AS imports`,
    [code],
  );
  return rows[0]!;
}

describe('a policy stored in the database', () => {
  test('import → export → evaluate gives the numbers of evaluating the file (CSV and XLSX)', async () => {
    const code = newCode();
    const original = seedMatrix();
    const summary = await importPolicyMatrix(db, national, code, original, file);
    expect(summary).toMatchObject({ policy: code, created: true, changed: true });
    expect(summary.changes.elements.added).toBe(original.rows.length);

    const stored = await policyMatrix(db, PUBLIC_ACTOR, code);
    expect(stored.rows).toEqual(seedMatrix().rows);
    const csv = parseMatrixCsv(writeMatrixCsv(stored));
    const xlsx = await parseMatrixXlsx(await writeMatrixXlsx(stored));
    if (!csv.ok || !xlsx.ok) throw new Error('the export does not parse');
    for (const [year, target] of [
      [2024, 2023],
      [2024, undefined],
      [2023, undefined],
    ] as const) {
      const expected = evaluationOf(original, year, target);
      expect(evaluationOf(csv.matrix, year, target)).toEqual(expected);
      expect(evaluationOf(xlsx.matrix, year, target)).toEqual(expected);
      expect(toEvaluationJson(await evaluatePolicy(db, PUBLIC_ACTOR, code, { year, targetYear: target }))).toEqual(expected);
    }
    expect(evaluationOf(original, 2024, 2023).discrepancies).toHaveLength(8);
  });

  test('re-importing the same matrix writes nothing: no value row, no import, no audit entry', async () => {
    const code = newCode();
    const first = await importPolicyMatrix(db, national, code, seedMatrix(), { ...file, fileName: code });
    expect(first.changed).toBe(true);
    const before = await counts(code);
    expect(before).toMatchObject({ audits: 1, imports: 1 });
    const again = await importPolicyMatrix(db, national, code, parseMatrixCsvOrThrow(seedCsv()), { ...file, fileName: code });
    expect(again).toMatchObject({ changed: false, created: false, importId: null });
    expect(await counts(code)).toEqual(before);
  });

  test('a corrected value is a new row; the latest counts and the history stays', async () => {
    const code = newCode();
    await importPolicyMatrix(db, national, code, seedMatrix(), file);
    const corrected = seedMatrix();
    indicator(corrected, 'IOP.01.01').values['2024'] = { value: 88, source: 'Informe DGFM 2025', date: '15/03/2025' };
    const summary = await importPolicyMatrix(db, national, code, corrected, file);
    expect(summary.changes).toMatchObject({ values: 1, targets: 0, elements: { added: 0, changed: 0, removed: 0 } });
    expect(indicator(await policyMatrix(db, PUBLIC_ACTOR, code), 'IOP.01.01').values['2024']).toEqual({
      value: 88,
      source: 'Informe DGFM 2025',
      date: '2025-03-15',
    });

    const recorded = await recordValue(db, actor('admin'), code, 'IOP.01.01', { year: 2024, value: 89.5, source: 'DGFM', date: null, enteredBy: 'Ana' });
    expect(recorded).toMatchObject({ status: 'measured', value: 89.5, recordedBy: 'test-admin' });
    const history = (await indicatorValues(db, PUBLIC_ACTOR, code, 'IOP.01.01')).filter((v) => v.year === 2024);
    expect(history.map((v) => v.value)).toEqual([87, 88, 89.5]);
    const evaluation = await evaluatePolicy(db, PUBLIC_ACTOR, code, { year: 2024, targetYear: 2023 });
    expect(evaluation.indicators.find((i) => i.code === 'IOP.01.01')?.input.value).toBe(89.5);
    const { rows } = await db.query<{ action: string; before: { value: number } }>(
      `SELECT action, before FROM audit_log WHERE entity = 'policy_value' AND entity_id = $1`,
      [String(recorded.id)],
    );
    expect(rows).toEqual([{ action: 'policy.value', before: expect.objectContaining({ value: 88 }) }]);

    // A matrix without the value withdraws it (a row of its own); ND is a value too.
    const without = seedMatrix();
    delete indicator(without, 'IOP.01.01').values['2024'];
    indicator(without, 'IOP.01.02').values['2024'] = { value: null };
    expect((await importPolicyMatrix(db, national, code, without, file)).changes.values).toBe(2);
    const after = await policyMatrix(db, PUBLIC_ACTOR, code);
    expect(indicator(after, 'IOP.01.01').values['2024']).toBeUndefined();
    expect(indicator(after, 'IOP.01.02').values['2024']).toEqual({ value: null });
    const statuses = (await indicatorValues(db, PUBLIC_ACTOR, code, 'IOP.01.01')).filter((v) => v.year === 2024).map((v) => v.status);
    expect(statuses).toEqual(['measured', 'measured', 'measured', 'withdrawn']);
  });

  test('an element left out of the matrix is removed from it; its history stays', async () => {
    const code = newCode();
    await importPolicyMatrix(db, national, code, seedMatrix(), file);
    const smaller = seedMatrix();
    smaller.rows = smaller.rows.filter((r) => !r.code.endsWith('.02.05.02') && !r.code.endsWith('.02.05.02.01'));
    const summary = await importPolicyMatrix(db, national, code, smaller, file);
    expect(summary.changes.elements.removed).toBe(2);
    expect((await policyMatrix(db, PUBLIC_ACTOR, code)).rows.map((r) => r.code)).toEqual(smaller.rows.map((r) => r.code));
    const back = await importPolicyMatrix(db, national, code, seedMatrix(), file);
    expect(back.changes.elements.added).toBe(2);
    expect((await policyMatrix(db, PUBLIC_ACTOR, code)).rows).toEqual(seedMatrix().rows);
  });

  test('rows the database cannot store are rejected and nothing is written', async () => {
    const code = newCode();
    const bad = seedMatrix();
    indicator(bad, 'IOP.03.02').values['2024'] = { value: 15, date: 'ayer' };
    indicator(bad, 'IOP.03.01').targets['0999'] = 1;
    const error = await importPolicyMatrix(db, national, code, bad, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatrixRejectedError);
    expect((error as MatrixRejectedError).problems).toEqual([
      expect.objectContaining({ code: 'IOP.03.01', column: 'target_0999' }),
      expect.objectContaining({ code: 'IOP.03.02', column: 'value_date_2024', value: 'ayer' }),
    ]);
    const { rows } = await db.query('SELECT 1 FROM policies WHERE code = $1', [code]);
    expect(rows).toHaveLength(0);
  });
});

describe('who reads and writes policy data', () => {
  test('regional officials, auditors and miners may not write; the database refuses them too', async () => {
    const code = newCode();
    for (const role of ['regional', 'auditor', 'miner'] as const) {
      await expect(importPolicyMatrix(db, actor(role, '21', '20000000001'), code, seedMatrix(), file)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await importPolicyMatrix(db, national, code, seedMatrix(), file);
    await expect(
      recordValue(db, actor('auditor'), code, 'IOP.01.01', { year: 2024, value: 1, source: null, date: null, enteredBy: null }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(
      withActor(db, actor('regional', '21'), (tx) => tx.query(`UPDATE policies SET name = 'x' WHERE code = $1 RETURNING id`, [code])),
    ).resolves.toMatchObject({ rows: [] });
    await expect(withActor(db, actor('auditor'), (tx) => tx.query(`INSERT INTO policies (code) VALUES ('HACK-1')`))).rejects.toThrow(/row-level security/);
  });

  test('everyone reads policy data, the public included', async () => {
    const code = newCode();
    await importPolicyMatrix(db, national, code, seedMatrix(), file);
    for (const who of [PUBLIC_ACTOR, actor('miner', null, '20000000001'), actor('regional', '04'), actor('auditor')]) {
      expect((await policyMatrix(db, who, code)).rows).toHaveLength(seedMatrix().rows.length);
    }
  });

  test('the value history cannot be rewritten by the application', async () => {
    await expect(withActor(db, actor('admin'), (tx) => tx.query('UPDATE policy_values SET value = 0'))).rejects.toThrow(/permission denied/);
    await expect(withActor(db, actor('admin'), (tx) => tx.query('DELETE FROM policy_values'))).rejects.toThrow(/permission denied/);
  });
});

function parseMatrixCsvOrThrow(text: string): PolicyMatrix {
  const parsed = parseMatrixCsv(text);
  if (!parsed.ok) throw new Error('does not parse');
  return parsed.matrix;
}
