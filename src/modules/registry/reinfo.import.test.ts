import { describe, expect, test } from 'vitest';
import { readCsv } from '../../platform/files/tabular.ts';
import { withActor } from '../../platform/context.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { testDb } from '../../../test/db.ts';
import { ImportRejectedError } from '../../platform/imports/index.ts';
import { importReinfo } from './reinfo.import.ts';
import { verifyAudit } from '../../platform/audit/audit.ts';
import { BULK_ROWS } from '../../platform/statistics.ts';

const db = await testDb();
const national = actor('national');
const opts = (asOf = '2024-06-30') => ({ fileName: 'reinfo.csv', sha256: 'x'.repeat(64), asOf });
const table = (rows: Record<string, string>[]) => readCsv(Buffer.from(toCsv(rows)));

describe('REINFO import', () => {
  test('a bulk import leaves the planner statistics current (the next reads are planned on the real sizes)', async () => {
    const rows = Array.from({ length: BULK_ROWS }, () => buildReinfoRow());
    const result = await importReinfo(db, national, table(rows), opts());
    expect(result.inserted).toBe(BULK_ROWS);
    const { rows: stats } = await db.query<{ reltuples: number; n: number }>(
      `SELECT c.reltuples::float8 AS reltuples, (SELECT count(*) FROM reinfo_inscriptions)::int AS n FROM pg_class c WHERE c.relname = 'reinfo_inscriptions'`,
    );
    expect(stats[0]!.reltuples).toBe(stats[0]!.n);
  });

  test('numbers the inscriptions in the order of the file, on either engine', async () => {
    // enough rows in three departments for the look-ups to be joined by hash
    const places = ['puno', 'madreDeDios', 'arequipa'] as const;
    const rows = Array.from({ length: 1_500 }, (_, i) => buildReinfoRow({}, places[i % 3]));
    const result = await importReinfo(db, national, table(rows), opts());
    const { rows: stored } = await withActor(db, national, (tx) =>
      tx.query<{ ruc: string }>('SELECT ruc FROM reinfo_inscriptions WHERE import_id = $1 ORDER BY id', [result.importId]),
    );
    expect(stored.map((r) => r.ruc.trim())).toEqual(rows.map((r) => r.RUC));
  });

  test('inserts new rows, then re-importing in another order changes nothing', async () => {
    const rows = [buildReinfoRow(), buildReinfoRow({}, 'madreDeDios'), buildReinfoRow({ RUC: '20100070970' }, 'arequipa')];
    const first = await importReinfo(db, national, table(rows), opts());
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const again = await importReinfo(db, national, table([...rows].reverse()), opts());
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejected: 0, importId: null });
  });

  test('a changed status is an update recorded in the history at the as-of date', async () => {
    const row = buildReinfoRow();
    await importReinfo(db, national, table([row]), opts('2024-01-31'));
    const res = await importReinfo(db, national, table([{ ...row, ESTADO: 'SUSPENDIDO' }]), opts('2024-07-01'));
    expect(res).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const history = await withActor(db, national, (tx) =>
      tx.query<{ status: string; effective_date: string; import_id: number }>(
        `SELECT h.status, h.effective_date, h.import_id FROM inscription_status_history h
         JOIN reinfo_inscriptions i ON i.id = h.inscription_id WHERE i.ruc = $1 ORDER BY h.id`,
        [row.RUC],
      ),
    );
    expect(history.rows.map((h) => [h.status, h.effective_date])).toEqual([
      ['vigente', '2021-03-15'],
      ['suspendido', '2024-07-01'],
    ]);
    expect(history.rows[1]!.import_id).toBe(res.importId);
  });

  test('rejects the whole file and reports every bad row with its column', async () => {
    const good = buildReinfoRow();
    const badRuc = buildReinfoRow({ RUC: '10123456789' });
    const badDate = buildReinfoRow({ 'FECHA INSCRIPCION': '31/02/2021', ESTADO: 'ACTIVO' });
    const wrongDept = buildReinfoRow({ LATITUD: '-12.5936', LONGITUD: '-69.1767' }); // Madre de Dios point, Puno named
    const err = await importReinfo(db, national, table([good, badRuc, badDate, wrongDept, good]), opts()).catch((e) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    const result = (err as ImportRejectedError).result;
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, rejected: 4 });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'RUC', value: '10123456789' }),
        expect.objectContaining({ row: 4, column: 'FECHA INSCRIPCION' }),
        expect.objectContaining({ row: 4, column: 'ESTADO', value: 'ACTIVO' }),
        expect.objectContaining({ row: 5, column: 'DEPARTAMENTO', message: expect.stringContaining('Madre de Dios') }),
        expect.objectContaining({ row: 6, column: 'RUC', message: expect.stringContaining('row 2') }),
      ]),
    );
    const { rows } = await withActor(db, national, (tx) => tx.query('SELECT 1 FROM reinfo_inscriptions WHERE ruc = $1', [good.RUC]));
    expect(rows).toHaveLength(0);
  });

  test('several miners inscribed on one mining right share it; a right declared in two departments is refused', async () => {
    const first = buildReinfoRow();
    const second = buildReinfoRow({ 'CODIGO UNICO': first['CODIGO UNICO'], 'NOMBRE DERECHO MINERO': first['NOMBRE DERECHO MINERO'] });
    const shared = await importReinfo(db, national, table([first, second]), opts());
    expect(shared).toMatchObject({ inserted: 2, rejected: 0 });
    const { rows } = await withActor(db, national, (tx) =>
      tx.query<{ rights: number; inscriptions: number }>(
        'SELECT count(DISTINCT mining_right_id)::int AS rights, count(*)::int AS inscriptions FROM reinfo_inscriptions WHERE mining_right_code = $1',
        [first['CODIGO UNICO']],
      ),
    );
    expect(rows[0]).toEqual({ rights: 1, inscriptions: 2 });

    const puno = buildReinfoRow();
    const elsewhere = buildReinfoRow({ 'CODIGO UNICO': puno['CODIGO UNICO'] }, 'madreDeDios');
    const err = await importReinfo(db, national, table([puno, elsewhere]), opts()).catch((e) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    expect((err as ImportRejectedError).result.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'DEPARTAMENTO', message: expect.stringMatching(/row 2 declares the mining right .* in Puno/i) }),
    ]);
  });

  test('--skip-invalid imports the valid rows only', async () => {
    const good = buildReinfoRow();
    const bad = buildReinfoRow({ 'TIPO ACTIVIDAD': 'TRANSPORTE' });
    const res = await importReinfo(db, national, table([good, bad]), { ...opts(), skipInvalid: true });
    expect(res).toMatchObject({ inserted: 1, rejected: 1 });
    expect(res.errors[0]).toMatchObject({ row: 3, column: 'TIPO ACTIVIDAD' });
  });

  test('accepts UTM coordinates, accented headers and RENIEC codes; normalises right codes', async () => {
    const row = buildReinfoRow({ 'CODIGO UNICO': '1-234-567' });
    const { LATITUD: _a, LONGITUD: _b, ...rest } = row;
    const utm = { ...rest, ZONA: '19S', ESTE: '390500', NORTE: '8248800', 'UBIGEO RENIEC': '200101' };
    const csv = toCsv([utm]).replace('FECHA INSCRIPCION', 'Fecha de Inscripción').replace('CODIGO UNICO', 'Código Único');
    const res = await importReinfo(db, national, readCsv(Buffer.from(csv)), opts());
    expect(res).toMatchObject({ inserted: 1, rejected: 0 });
    const { rows } = await withActor(db, national, (tx) =>
      tx.query<{ mining_right_code: string; district_code: string }>('SELECT mining_right_code, district_code FROM reinfo_inscriptions WHERE ruc = $1', [
        row.RUC,
      ]),
    );
    expect(rows[0]).toEqual({ mining_right_code: '001234567', district_code: '210101' });
  });

  test('a regional official cannot import rows of another region', async () => {
    const err = await importReinfo(db, actor('regional', '21'), table([buildReinfoRow({}, 'arequipa')]), opts()).catch((e) => e);
    expect((err as ImportRejectedError).result.errors[0]).toMatchObject({ column: 'DEPARTAMENTO', message: expect.stringContaining('outside your region') });
  });

  test('one audit entry per import, and the chain verifies', async () => {
    const res = await importReinfo(db, national, table([buildReinfoRow(), buildReinfoRow()]), opts());
    const { rows } = await db.query<{ action: string; after: { counts: { inserted: number } } }>(
      `SELECT action, after FROM audit_log WHERE entity = 'import' AND entity_id = $1`,
      [String(res.importId)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after.counts.inserted).toBe(2);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
