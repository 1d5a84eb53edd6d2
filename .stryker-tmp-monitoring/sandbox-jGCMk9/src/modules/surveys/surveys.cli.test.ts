/** `veta survey …` actions on the real database: import-form, xform, import-submissions with the import contract. */
// @ts-nocheck

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { toCsv } from '../../platform/files/csv.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { loadInOdk } from './odk-engine.fixtures.ts';
import { goodAnswers, newInstanceId, testFormXlsx } from './surveys.fixtures.ts';
import { importFormAction, importSubmissionsAction, xformAction } from './surveys.cli.ts';
import { submissionTables } from './submission-table.domain.ts';
import { findForm } from './surveys.queries.ts';

const db = await testDb();
const dir = mkdtempSync(path.join(tmpdir(), 'veta-surveys-'));
const FORM = `cli_${Math.random().toString(36).slice(2, 8)}`;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
    out,
    err,
    json: () => JSON.parse(out.join('')) as Record<string, unknown>,
  };
}
const count = async (ids: string[]) =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_submissions WHERE instance_id = ANY($1::uuid[])`, [ids])).rows[0]!.n);

const formFile = path.join(dir, 'hogar.xlsx');
writeFileSync(formFile, await testFormXlsx({ formId: FORM, version: '7' }));

describe('veta survey import-form and xform', () => {
  test('--json prints the form id, version and fields; a broken workbook exits 1 with sheet, row, column', async () => {
    const ok = io();
    expect(await importFormAction(db, formFile, { json: true }, ok.io)).toBe(ExitCode.ok);
    expect(ok.json()).toEqual({ formId: FORM, version: '7', fields: 14 });
    const badFile = path.join(dir, 'malo.xlsx');
    writeFileSync(
      badFile,
      await testFormXlsx({
        formId: FORM,
        version: '8',
        survey: [
          ['begin group', 'g', 'G', 'G'],
          ['select_one nolist', 'q', 'Q', 'Q'],
          ['range', 'r', 'R', 'R'],
        ],
      }),
    );
    const bad = io();
    expect(await importFormAction(db, badFile, { json: true }, bad.io)).toBe(ExitCode.rejected);
    expect(bad.json()).toEqual({
      errors: [
        { sheet: 'settings', row: 2, column: 'region_field', message: 'region is not a field outside repeats' },
        { sheet: 'survey', row: 2, column: 'type', message: 'begin_group g is never closed' },
        { sheet: 'survey', row: 3, column: 'type', message: 'the choice list nolist is not on the choices sheet' },
        { sheet: 'survey', row: 4, column: 'type', message: "unsupported type 'range'" },
      ],
    });
    expect(await findForm(db, FORM, '8')).toBeUndefined();
  });

  test('xform --out writes an XForm that ODK loads', async () => {
    const out = path.join(dir, 'hogar.xml');
    expect(await xformAction(db, FORM, { out }, io().io)).toBe(ExitCode.ok);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain(`<data id="${FORM}" version="7">`);
    expect((await loadInOdk(xml)).ok).toBe(true);
  });
});

describe('veta survey import-submissions (ODK Central / Kobo export)', () => {
  const ids = [newInstanceId(), newInstanceId(), newInstanceId()];
  const subs = [
    goodAnswers(),
    goodAnswers({ region: '04', age: '16', tasks: 'sorting', children_work: 'no', children: undefined }),
    goodAnswers({ region: '17', children: [{ child_age: '12', child_tasks: 'sorting crushing' }, { child_age: '16' }] }),
  ];
  const write = async (name: string, answers = subs, instanceIds = ids) => {
    const form = (await findForm(db, FORM))!;
    const tables = submissionTables(
      form.definition,
      answers.map((a, i) => ({ instanceId: instanceIds[i]!, version: '7', departmentCode: '', receivedAt: '2026-11-21T10:00:00.000Z', answers: a })),
      { labels: false, lang: 'Español (es)' },
    );
    const file = path.join(dir, `${name}.csv`);
    // ODK Central names columns group-field and meta-instanceID; Kobo group/field — both are read
    writeFileSync(
      file,
      toCsv(
        tables[0]!.header.map((h) => h.replace(/\//g, '-')),
        tables[0]!.rows,
      ),
    );
    writeFileSync(path.join(dir, `${name}-children.csv`), toCsv(tables[1]!.header, tables[1]!.rows));
    return file;
  };

  test('imports all or nothing, with the repeats, idempotently', async () => {
    const file = await write('export');
    const first = io();
    expect(await importSubmissionsAction(db, FORM, file, { json: true }, first.io)).toBe(ExitCode.ok);
    expect(first.json()).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const rows = await db.query<{ id: string; department_code: string; answers: Record<string, unknown> }>(
      `SELECT instance_id::text AS id, department_code, answers FROM survey_submissions WHERE instance_id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    expect(byId.get(ids[2]!)?.answers['children']).toEqual([{ child_age: '12', child_tasks: 'sorting crushing' }, { child_age: '16' }]);
    expect(byId.get(ids[2]!)?.department_code).toBe('17');
    expect(byId.get(ids[0]!)?.answers['location']).toBe('-15.84 -70.02');
    // age 16: the work group is not relevant, its answers are dropped
    expect(byId.get(ids[1]!)?.answers).not.toHaveProperty('tasks');
    const again = io();
    expect(await importSubmissionsAction(db, FORM, file, { json: true }, again.io)).toBe(ExitCode.ok);
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 3, rejected: 0 });
  });

  test('a constraint, required or type violation names the row and the field; nothing is stored (exit 1)', async () => {
    const bad = [newInstanceId(), newInstanceId(), newInstanceId()];
    const file = await write(
      'bad',
      [goodAnswers(), goodAnswers({ age: '120' }), goodAnswers({ sex: undefined, visit_date: '20/11/2026', children: [{ child_age: '19' }] })],
      bad,
    );
    const r = io();
    expect(await importSubmissionsAction(db, FORM, file, { json: true }, r.io)).toBe(ExitCode.rejected);
    const result = r.json() as { inserted: number; rejected: number; errors: { row: number; column: string; value: string }[] };
    expect(result.inserted).toBe(0);
    expect(result.errors.map((e) => `${e.row}|${e.column}|${e.value}`)).toEqual([
      '3|age|120',
      '4|sex|',
      '4|children[1]/child_age|19',
      '4|visit_date|20/11/2026',
    ]);
    expect(await count(bad)).toBe(0);
    expect(existsSync(`${file}.errors.csv`)).toBe(true);

    const skip = io();
    expect(await importSubmissionsAction(db, FORM, file, { json: true, skipInvalid: true }, skip.io)).toBe(ExitCode.skipped);
    expect(skip.json()).toMatchObject({ inserted: 1, rejected: 2 });
    expect(await count(bad)).toBe(1);
    expect(readFileSync(`${file}.rejected.csv`, 'utf8')).toContain('ERRORES');
  });

  test('a row without a uuid instanceID, or the same one twice, is refused', async () => {
    const id = newInstanceId();
    const file = await write('dupes', [goodAnswers(), goodAnswers()], [id, id]);
    const r = io();
    expect(await importSubmissionsAction(db, FORM, file, { json: true }, r.io)).toBe(ExitCode.rejected);
    expect((r.json() as { errors: { row: number; code: string }[] }).errors.map((e) => [e.row, e.code])).toEqual([[3, 'survey.instance_twice']]);
    const noId = await write('noid', [goodAnswers()], ['not-a-uuid']);
    const n = io();
    expect(await importSubmissionsAction(db, FORM, noId, { json: true }, n.io)).toBe(ExitCode.rejected);
    expect((n.json() as { errors: { column: string }[] }).errors[0]!.column).toBe('instanceID');
  });
});
