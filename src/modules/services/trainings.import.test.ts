/**
 * `veta import trainings` on the shared pipeline: all or nothing, row/column errors,
 * --skip-invalid, idempotent re-runs, a changed APROBO updating one participant (and the
 * indicator it feeds by one person). Data in Huancavelica (09), used by no other test.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { withActor } from '../../platform/context.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importAction } from '../../platform/imports/index.ts';
import { runImport } from '../../platform/imports/pipeline.ts';
import { tableSource } from '../../platform/imports/sources.ts';
import { ImportRejectedError } from '../../platform/imports/types.ts';
import { SERVICE_BINDINGS } from '../monitoring/bindings/indicator-bindings.services.ts';
import { dniOfRuc } from '../registry/registry.domain.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { trainingsImport } from './trainings.import.ts';

const db = await testDb();
const HVCA = { DEPARTAMENTO: 'HUANCAVELICA', PROVINCIA: 'HUANCAVELICA', DISTRITO: 'HUANCAVELICA', LATITUD: '-12.7864', LONGITUD: '-74.9756' };
const miners = [1, 2, 3].map((n) => buildReinfoRow({ ...HVCA, NOMBRE: `HVCA MINERO ${n}` }));
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(miners))), { fileName: 'hvca.csv', sha256: 'd'.repeat(64), asOf: '2023-01-01' });
const event = `HVCA-${Math.random().toString(36).slice(2, 8)}`;
const official = actor('regional', '09');

const HEADER = ['CODIGO EVENTO', 'SERVICIO', 'TEMA', 'FECHA', 'DEPARTAMENTO', 'PROVINCIA', 'DISTRITO', 'DNI', 'NOMBRES', 'SEXO', 'EDAD', 'APROBO'];
const row = (i: number, aprobo: string, overrides: Partial<Record<string, string>> = {}): string[] => {
  const r: Record<string, string> = {
    'CODIGO EVENTO': event,
    SERVICIO: 'SS.01.06.01',
    TEMA: 'Seguridad en la explotación',
    FECHA: '12/04/2024',
    DEPARTAMENTO: 'Huancavelica',
    PROVINCIA: 'Huancavelica',
    DISTRITO: 'Huancavelica',
    DNI: dniOfRuc(miners[i]!.RUC!),
    NOMBRES: `PARTICIPANTE ${i}`,
    SEXO: i === 0 ? 'F' : 'M',
    EDAD: String(30 + i),
    APROBO: aprobo,
    ...overrides,
  };
  return HEADER.map((h) => r[h] ?? '');
};
const run = (rows: string[][], skipInvalid = false) =>
  runImport(db, official, trainingsImport, tableSource(readCsv(Buffer.from(stringify([HEADER, ...rows])))), {
    fileName: 'lista.csv',
    sha256: 'e'.repeat(64),
    asOf: '2024-12-31',
    skipInvalid,
  });
const capacities = () => withActor(db, official, (tx) => SERVICE_BINDINGS['ISS.01.06.01.01']!.compute(tx, 2024));

describe('veta import trainings', () => {
  test('imports an attendance list; re-running it changes nothing', async () => {
    const r = await run([row(0, 'SI'), row(1, 'NO'), row(2, 'sí')]);
    expect(r).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(r.importId).not.toBeNull();
    expect(await capacities()).toMatchObject({ numerator: 2, denominator: 3 });
    const again = await run([row(0, 'SI'), row(1, 'NO'), row(2, 'sí')]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, importId: null });
  });

  test('a changed APROBO updates that participant and moves the indicator by exactly one person', async () => {
    const before = await capacities();
    const r = await run([row(0, 'SI'), row(1, 'SI'), row(2, 'SI')]);
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const after = await capacities();
    expect(after.numerator - before.numerator).toBe(1);
    const { rows } = await db.query<{ import_id: string | null }>(
      `SELECT p.import_id FROM service_participants p JOIN service_events e ON e.id = p.event_id WHERE e.code = $1 AND p.name = 'PARTICIPANTE 1'`,
      [event],
    );
    expect(Number(rows[0]!.import_id)).toBe(r.importId);
  });

  test('one bad row and nothing is imported: errors by row and column with stable codes', async () => {
    const bad = [
      row(0, 'QUIZAS', { 'CODIGO EVENTO': `${event}-B` }),
      row(1, 'SI', { 'CODIGO EVENTO': `${event}-B`, FECHA: '31/02/2024' }),
      row(2, 'SI', { 'CODIGO EVENTO': `${event}-B`, DNI: '123' }),
      row(2, 'SI', { 'CODIGO EVENTO': `${event}-B`, SERVICIO: 'SS.09.09.09', DISTRITO: 'NINGUNO' }),
    ];
    const err = await run(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    const errors = (err as ImportRejectedError).result.errors.map((e) => [e.row, e.column, e.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [2, 'APROBO', 'trainings.passed.invalid'],
        [3, 'FECHA', 'trainings.date.invalid'],
        [4, 'DNI', 'trainings.dni.invalid'],
        [5, 'DISTRITO', 'trainings.place.unknown'],
      ]),
    );
    const { rows } = await db.query('SELECT 1 FROM service_events WHERE code = $1', [`${event}-B`]);
    expect(rows).toHaveLength(0);
  });

  test('--skip-invalid imports the good rows; another region and inconsistent events are refused', async () => {
    const r = await run(
      [
        row(0, 'SI', { 'CODIGO EVENTO': `${event}-C` }),
        row(1, 'SI', { 'CODIGO EVENTO': `${event}-C`, TEMA: 'Otro tema' }),
        row(2, 'SI', { 'CODIGO EVENTO': `${event}-D`, DEPARTAMENTO: 'PUNO', PROVINCIA: 'PUNO', DISTRITO: 'PUNO' }),
        row(0, 'NO', { 'CODIGO EVENTO': `${event}-C` }),
      ],
      true,
    );
    expect(r).toMatchObject({ inserted: 1, rejected: 3 });
    expect(r.errors.map((e) => e.code).sort()).toEqual(['trainings.event.inconsistent', 'trainings.participant.twice', 'trainings.region.other']);
  });

  test('a file without the participant columns is refused as a whole', async () => {
    const table = readCsv(
      Buffer.from(
        stringify([
          ['CODIGO EVENTO', 'SERVICIO', 'TEMA', 'FECHA', 'UBIGEO', 'NOMBRES', 'APROBO'],
          [event, 'SS.01.06.01', 't', '2024-01-01', '090101', 'X', 'SI'],
        ]),
      ),
    );
    const err = await runImport(db, official, trainingsImport, tableSource(table), { fileName: 'x.csv', sha256: 'f'.repeat(64), asOf: '2024-12-31' }).catch(
      (e: unknown) => e,
    );
    expect((err as ImportRejectedError).result.errors).toEqual([expect.objectContaining({ row: 1, column: 'DNI', code: 'file.column.missing' })]);
  });

  test('the CLI: --json prints the counts; a rejected file exits 1 with FILE.errors.csv', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'veta-trainings-'));
    const good = join(dir, 'lista.csv');
    await writeFile(good, stringify([HEADER, row(0, 'SI', { 'CODIGO EVENTO': `${event}-CLI` })]));
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: () => undefined };
    expect(await importAction(db, trainingsImport, good, { json: true }, io)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const bad = join(dir, 'mala.csv');
    await writeFile(bad, stringify([HEADER, row(0, 'TAL VEZ', { 'CODIGO EVENTO': `${event}-CLI2` })]));
    const code = await importAction(db, trainingsImport, bad, { json: true }, io).catch((e: { exitCode?: number }) => e.exitCode);
    expect(code).toBe(1);
    expect(await readFile(`${bad}.errors.csv`, 'utf8')).toContain('trainings.passed.invalid');
  });
});
