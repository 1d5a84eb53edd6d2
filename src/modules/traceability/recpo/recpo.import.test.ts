/** `veta import recpo`: the REINFO import's rules for the registry of gold traders and processors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCsv } from '../../../platform/files/tabular.ts';
import { testDb } from '../../../../test/db.ts';
import { actor, companyRuc, naturalRuc } from '../../../../test/factories.ts';
import { ImportRejectedError } from '../../../platform/imports/index.ts';
import { recpoCsv } from '../ledger/ledger-db.factories.ts';
import { importRecpo } from './recpo.import.ts';
import { recpoImportAction, type CliIo } from '../traceability.cli.ts';

const db = await testDb();
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-recpo-'));
let n = 0;

function rowsOf(): Array<Record<string, string>> {
  const tag = `T${Date.now().toString(36)}${++n}`;
  return [
    {
      RUC: companyRuc(),
      'RAZON SOCIAL': 'COMERCIAL ORO SAC',
      TIPO: 'COMERCIALIZADOR',
      'NUMERO REGISTRO': `${tag}-1`,
      'VIGENCIA DESDE': '01/01/2022',
      DEPARTAMENTO: 'Puno',
    },
    {
      RUC: companyRuc(),
      'RAZON SOCIAL': 'PLANTA SAN JUAN SAC',
      TIPO: 'planta',
      'NUMERO REGISTRO': `${tag}-2`,
      'VIGENCIA DESDE': '2021-05-01',
      'VIGENCIA HASTA': '2026-04-30',
      'CAPACIDAD TMD': '120,5',
    },
    { RUC: naturalRuc(), 'RAZON SOCIAL': 'JOYERO PERSONA NATURAL', TIPO: 'Joyero', 'NUMERO REGISTRO': `${tag}-3`, 'VIGENCIA DESDE': '01/02/2023' },
  ];
}

const opts = { fileName: 'recpo.csv', sha256: 'x', asOf: '2024-01-01' };

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('veta import recpo', () => {
  test('imports registrations; the same file again is unchanged; a changed validity is an update', async () => {
    const rows = rowsOf();
    expect(await importRecpo(db, actor('national'), readCsv(recpoCsv(rows)), opts)).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(await importRecpo(db, actor('national'), readCsv(recpoCsv(rows)), opts)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const changed = rows.map((r, i) => (i === 0 ? { ...r, 'VIGENCIA HASTA': '31/12/2024' } : r));
    expect(await importRecpo(db, actor('national'), readCsv(recpoCsv(changed)), opts)).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const { rows: stored } = await db.query<{ kind: string; valid_to: string | null; capacity_tpd: string | null; region_code: string | null }>(
      'SELECT kind, valid_to, capacity_tpd, region_code FROM recpo_registrations WHERE number = ANY($1::text[]) ORDER BY number',
      [rows.map((r) => (r['NUMERO REGISTRO'] ?? '').toUpperCase())],
    );
    expect(stored).toEqual([
      { kind: 'trader', valid_to: '2024-12-31', capacity_tpd: null, region_code: '21' },
      { kind: 'plant', valid_to: '2026-04-30', capacity_tpd: '120.50', region_code: null },
      { kind: 'jeweler', valid_to: null, capacity_tpd: null, region_code: null },
    ]);
  });

  test('every invalid row is reported (row, column, value, reason) and nothing is written', async () => {
    const [good, plant, jeweler] = rowsOf();
    const bad = [
      good!,
      { ...plant!, 'CAPACIDAD TMD': '' },
      { ...jeweler!, RUC: '20123456780', TIPO: 'MINERO' },
      { ...good!, RUC: companyRuc(), 'VIGENCIA DESDE': '31/02/2024', 'CAPACIDAD TMD': '10' },
      {
        ...good!,
        RUC: companyRuc(),
        'NUMERO REGISTRO': `${good!['NUMERO REGISTRO']}-b`,
        'VIGENCIA DESDE': '2024-05-01',
        'VIGENCIA HASTA': '2024-04-01',
        DEPARTAMENTO: 'Atlantida',
      },
      { ...good!, RUC: companyRuc() },
    ];
    const err = await importRecpo(db, actor('national'), readCsv(recpoCsv(bad)), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    const result = (err as ImportRejectedError).result;
    expect(result.rejected).toBe(5);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'CAPACIDAD TMD'],
      [4, 'RUC'],
      [4, 'TIPO'],
      [5, 'VIGENCIA DESDE'],
      [5, 'CAPACIDAD TMD'],
      [6, 'VIGENCIA HASTA'],
      [6, 'DEPARTAMENTO'],
      [7, 'NUMERO REGISTRO'],
    ]);
    expect(result.errors[1]).toMatchObject({ value: '20123456780', message: 'RUC check digit is wrong' });
    const { rows } = await db.query('SELECT number FROM recpo_registrations WHERE number = $1', [(good!['NUMERO REGISTRO'] ?? '').toUpperCase()]);
    expect(rows).toEqual([]);
  });

  test('a file without the required columns is rejected at row 1', async () => {
    const csv = Buffer.from('RUC,RAZON SOCIAL\n20100000001,X\n');
    const err = (await importRecpo(db, actor('national'), readCsv(csv), opts).catch((e: unknown) => e)) as ImportRejectedError;
    expect(err.result.errors.map((e) => e.column)).toEqual(['TIPO', 'NUMERO REGISTRO', 'VIGENCIA DESDE', 'VIGENCIA HASTA']);
  });

  test('the command: JSON, FILE.errors.csv and exit 1; --skip-invalid imports the rest, FILE.rejected.csv and exit 3', async () => {
    const [good, plant] = rowsOf();
    const file = path.join(dir, `recpo-${n}.csv`);
    writeFileSync(file, recpoCsv([good!, { ...plant!, TIPO: 'MINERO' }]));
    const io = capture();
    expect(await recpoImportAction(db, file, { json: true, as: 'local:test' }, io)).toBe(1);
    expect(JSON.parse(io.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, rejected: 1, errors: [{ row: 3, column: 'TIPO' }] });
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toContain('TIPO');
    const skip = capture();
    expect(await recpoImportAction(db, file, { json: true, skipInvalid: true, as: 'local:test' }, skip)).toBe(3);
    expect(JSON.parse(skip.stdout)).toMatchObject({ inserted: 1, rejected: 1 });
    expect(readFileSync(`${file}.rejected.csv`, 'utf8')).toContain('MINERO');
  });

  test('RECPO is national: a regional official may not import it', async () => {
    const err = (await importRecpo(db, actor('regional', '21'), readCsv(recpoCsv(rowsOf())), opts).catch((e: unknown) => e)) as ImportRejectedError;
    expect(err.result.errors[0]?.message).toMatch(/may not import RECPO/);
  });
});
