/**
 * The one import pipeline on the real database, through the CLI actions (no process):
 * one format for FILE.errors.csv and FILE.rejected.csv, formula cells inert in what it
 * writes, Windows-1252 files keep their letters (RECPO, the policy matrix), two imports of
 * one kind at once serialised, a program error never leaving a documented exit code,
 * interrupted jobs recovered with whether they committed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { reinfoExportCsv, reinfoExportRows } from '../../src/cli/registry.commands.ts';
import { parseMatrixFile } from '../../src/modules/monitoring/matrix/matrix.parse.ts';
import { reinfoImport } from '../../src/modules/registry/reinfo.import.ts';
import { recpoImport } from '../../src/modules/traceability/recpo/recpo.import.ts';
import { withActor } from '../../src/platform/context.ts';
import { CliError, ExitCode } from '../../src/platform/exit-codes.ts';
import { readCsv } from '../../src/platform/files/tabular.ts';
import { defineImport, importAction, runImport, tableSource, type CliIo } from '../../src/platform/imports/index.ts';
import { recoverInterruptedJobs } from '../../src/platform/jobs/recover.ts';
import { THIS_RUNNER } from '../../src/platform/jobs/jobs.ts';
import { testDb } from '../db.ts';
import { actor, buildReinfoRow, companyRuc, toCsv } from '../factories.ts';

const db = await testDb();
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-imports-'));
const national = actor('national');
let n = 0;

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}
function file(name: string, content: string | Buffer): string {
  const f = path.join(dir, `${++n}-${name}`);
  writeFileSync(f, content);
  return f;
}
const cli = { json: true, as: 'local:test' };

describe('the files an import leaves', () => {
  test('FILE.errors.csv: row,column,value,message,code for every import; formula cells inert', async () => {
    const evil = buildReinfoRow({ NOMBRE: '=HYPERLINK("http://x","y")', ESTADO: 'X' });
    const f = file('bad.csv', toCsv([buildReinfoRow(), evil]));
    const io = capture();
    expect(await importAction(db, reinfoImport, f, cli, io)).toBe(ExitCode.rejected);
    const errors = readFileSync(`${f}.errors.csv`, 'utf8');
    expect(errors.startsWith('\uFEFFrow,column,value,message,code\r\n')).toBe(true);
    expect(errors).toContain('3,ESTADO,X,"must be VIGENTE, SUSPENDIDO or EXCLUIDO",reinfo.status.unknown');
  });

  test("FILE.rejected.csv (--skip-invalid) is the file's own header and rows plus ERRORES, formula cells neutralised", async () => {
    const good = buildReinfoRow();
    const evil = buildReinfoRow({ NOMBRE: "=cmd|' /C calc'!A0", RUC: '20123456780' });
    const f = file('skip.csv', toCsv([good, evil]));
    const io = capture();
    expect(await importAction(db, reinfoImport, f, { ...cli, skipInvalid: true }, io)).toBe(ExitCode.skipped);
    expect(JSON.parse(io.stdout)).toMatchObject({ inserted: 1, rejected: 1 });
    const back = readCsv(readFileSync(`${f}.rejected.csv`));
    expect(back.headers).toEqual([...Object.keys(evil), 'ERRORES']);
    expect(back.rows).toHaveLength(1);
    expect(back.rows[0]!.cells[1]).toBe("'=cmd|' /C calc'!A0");
    expect(back.rows[0]!.cells.at(-1)).toBe('RUC: RUC check digit is wrong');
  });

  test('export reinfo --format csv writes a name starting with "=" inert, and the export re-imports unchanged', async () => {
    const row = buildReinfoRow({ NOMBRE: '=1+1 MINERA' });
    await runImport(db, national, reinfoImport, tableSource(readCsv(Buffer.from(toCsv([row])))), { fileName: 'f.csv', sha256: 'f', asOf: '2024-01-01' });
    const data = (await reinfoExportRows(db, national, '21')).filter((r) => r[0] === row.RUC);
    const csv = reinfoExportCsv(data);
    expect(csv).toContain(`${row.RUC},'=1+1 MINERA,`);
    const again = await runImport(db, national, reinfoImport, tableSource(readCsv(Buffer.from(csv))), { fileName: 'e.csv', sha256: 'e', asOf: '2024-01-01' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });
});

describe('no file loses a letter', () => {
  test('a Windows-1252 RECPO list keeps its accents', async () => {
    const number = `W1252-${Date.now().toString(36)}`.toUpperCase();
    const csv = `RUC;RAZON SOCIAL;TIPO;NUMERO REGISTRO;VIGENCIA DESDE;VIGENCIA HASTA\r\n${companyRuc()};COMERCIALIZADORA PEÑA NÚÑEZ S.A.C.;COMERCIALIZADOR;${number};01/01/2024;\r\n`;
    const f = file('recpo.csv', Buffer.from(csv, 'latin1'));
    const io = capture();
    expect(await importAction(db, recpoImport, f, cli, io), io.stderr).toBe(ExitCode.ok);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM recpo_registrations WHERE number = $1', [number]);
    expect(rows).toEqual([{ name: 'COMERCIALIZADORA PEÑA NÚÑEZ S.A.C.' }]);
  });

  test('the policy matrix read from a Windows-1252 CSV equals the UTF-8 one (pequeña, ambiental…)', async () => {
    const utf8 = readFileSync(new URL('../fixtures/monitoring/pnmpmma-seguimiento-2024.csv', import.meta.url));
    const text = utf8.toString('utf8').replace(/^\uFEFF/, '');
    expect(text).toContain('pequeña');
    const fromUtf8 = await parseMatrixFile(utf8);
    const fromLatin1 = await parseMatrixFile(Buffer.from(text, 'latin1'));
    expect(fromUtf8.ok).toBe(true);
    expect(fromLatin1).toEqual(fromUtf8);
    expect(JSON.stringify(fromLatin1)).not.toContain('\uFFFD');
  });
});

describe('imports of one kind at once', () => {
  test('the second waits for the first and finds its rows unchanged (no duplicate key)', async () => {
    const rows = Array.from({ length: 30 }, () => buildReinfoRow());
    const run = () =>
      runImport(db, national, reinfoImport, tableSource(readCsv(Buffer.from(toCsv(rows)))), { fileName: 'same.csv', sha256: 's', asOf: '2024-01-01' });
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => [r.inserted, r.unchanged]).sort()).toEqual([
      [0, 30],
      [30, 0],
    ]);
  });

  test('a program or database error inside an import exits 1 ("nothing was imported"), never 70', async () => {
    const broken = defineImport({
      kind: 'broken-test',
      title: 'a test list',
      formats: ['csv'],
      columns: { A: { required: true } },
      access: ['admin'],
      validate: (r) => ({ row: r.row, a: r.values.A }),
      write: async (tx) => {
        await tx.query('SELECT 1 FROM no_such_table');
        return { inserted: 0, updated: 0, unchanged: 0 };
      },
    });
    const err = await importAction(db, broken, file('a.csv', 'A\n1\n'), cli, capture()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(ExitCode.rejected);
    expect((err as CliError).message).toMatch(/nothing was imported/);
  });
});

describe('jobs of a dead process', () => {
  test('are marked interrupted, saying whether their transaction committed', async () => {
    const dead = `${os.hostname()}:999999:1`;
    const insert = async (runner: string): Promise<number> => {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO jobs (kind, status, actor, runner) VALUES ('import.reinfo', 'running', 'x', $1) RETURNING id`,
        [runner],
      );
      return Number(rows[0]!.id);
    };
    const committed = await insert(dead);
    const lost = await insert(dead);
    const mine = await insert(THIS_RUNNER);
    const row = buildReinfoRow();
    const result = await runImport(db, national, reinfoImport, tableSource(readCsv(Buffer.from(toCsv([row])))), {
      fileName: 'j.csv',
      sha256: 'j',
      asOf: '2024-01-01',
      jobId: committed,
    });
    const recovered = await recoverInterruptedJobs(db);
    expect(recovered.filter((j) => [committed, lost, mine].includes(j.id))).toEqual([
      { id: committed, kind: 'import.reinfo', committed: true, importId: result.importId },
      { id: lost, kind: 'import.reinfo', committed: false, importId: null },
    ]);
    const { rows } = await db.query<{ id: number; status: string; result: { committed?: boolean } | null }>(
      'SELECT id, status, result FROM jobs WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[committed, lost, mine]],
    );
    expect(rows.map((r) => [r.status, r.result?.committed ?? null])).toEqual([
      ['interrupted', true],
      ['interrupted', false],
      ['running', null],
    ]);
    const { rows: counted } = await withActor(db, national, (tx) =>
      tx.query<{ job_id: number }>('SELECT job_id FROM imports WHERE id = $1', [result.importId]),
    );
    expect(Number(counted[0]!.job_id)).toBe(committed);
  });
});
