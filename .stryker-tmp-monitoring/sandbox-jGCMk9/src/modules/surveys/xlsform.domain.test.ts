// @ts-nocheck
import { describe, expect, test } from 'vitest';
import { analyse } from './submission.domain.ts';
import { CHOICE_ROWS, EN, ES, goodAnswers, SURVEY_ROWS, testFormSheets, testFormXlsx } from './surveys.fixtures.ts';
import { parseType, parseXlsForm, type Sheet } from './xlsform.domain.ts';
import { nodeIndex, type FormDefinition } from './xlsform.model.ts';
import { readXlsForm, writeSheets } from './xlsform.read.ts';

const asSheets = (sheets: { name: string; rows: string[][] }[]): Sheet[] =>
  sheets.map((s) => ({ name: s.name, headers: s.rows[0]!, rows: s.rows.slice(1).map((cells, i) => ({ row: i + 2, cells })) }));
const parse = (sheets: { name: string; rows: string[][] }[]) => parseXlsForm(asSheets(sheets), { fallbackId: 'fallback', fallbackVersion: 'v0' });
const form = (): FormDefinition => {
  const r = parse(testFormSheets());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.form;
};

describe('XLSForm to a form', () => {
  test('reads the workbook: settings, languages, groups, repeats, choices', async () => {
    const r = await readXlsForm(await testFormXlsx(), 'hogar.xlsx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = r.form;
    expect([f.formId, f.version, f.title, f.defaultLanguage, f.regionField]).toEqual(['test_household', '2026120101', 'Hogar minero', ES, 'region']);
    expect(f.languages).toEqual([ES, EN]);
    const idx = nodeIndex(f);
    expect(idx.get('tasks')).toMatchObject({ node: { type: 'select_multiple', listName: 'tasks', required: true }, groups: ['work'], repeats: [] });
    expect(idx.get('child_age')).toMatchObject({
      node: { type: 'integer', constraint: '. < 18', constraintMessage: { [ES]: 'Menor de 18', [EN]: 'Under 18' } },
      repeats: ['children'],
    });
    expect(idx.get('work')?.node).toMatchObject({ kind: 'group', relevant: '${age} >= 18', label: { [ES]: 'Trabajo', [EN]: 'Work' } });
    expect(idx.get('start')?.node).toMatchObject({ kind: 'meta', type: 'start' });
    expect(f.choices['tasks']!.map((c) => c.name)).toEqual(['sorting', 'crushing', 'amalgamation']);
    const fields = [...idx.values()].filter((x) => x.node.kind === 'field').length;
    expect(fields).toBe(SURVEY_ROWS.filter((r) => !/^(begin|end)_|^(start|end)$/.test(r[0]!)).length);
  });

  test('accepts the spellings pyxform accepts: capitals, spaces, aliases, label:Language', () => {
    const r = parse([
      {
        name: 'SURVEY',
        rows: [
          ['TYPE', 'Name', 'label:English', 'label:Español', 'Required', 'Relevance', 'jr:constraintMsg'],
          ['begin group', 'g', 'Group', 'Grupo'],
          ['select one from yes_no', 'q1', 'Q1', 'P1', 'TRUE'],
          ['select all that apply yes_no', 'q2', 'Q2', 'P2', 'no', "${q1} = 'yes'", 'bad'],
          ['select_one  yes_no', 'q3', 'Q3', 'P3'],
          ['int', 'q4', 'Q4', 'P4', 'true()'],
          ['string', 'q5', 'Q5', 'P5'],
          ['end group', ''],
          ['begin repeat', 'r', 'R', 'R'],
          ['photo', 'q6', 'Q6', 'P6'],
          ['end repeat', ''],
        ],
      },
      {
        name: 'Choices',
        rows: [
          ['list name', 'name', 'label:English', 'label:Español'],
          ['yes_no', 'yes', 'Yes', 'Sí'],
          ['yes_no', 'no', 'No', 'No'],
        ],
      },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const idx = nodeIndex(r.form);
    expect(r.form.formId).toBe('fallback');
    expect(r.form.languages).toEqual(['English', 'Español']);
    expect(idx.get('q1')?.node).toMatchObject({ type: 'select_one', listName: 'yes_no', required: true, label: { English: 'Q1', Español: 'P1' } });
    expect(idx.get('q2')?.node).toMatchObject({ type: 'select_multiple', relevant: "${q1} = 'yes'", constraintMessage: { default: 'bad' } });
    expect(idx.get('q2')?.node).not.toHaveProperty('required');
    expect(idx.get('q3')?.node).toMatchObject({ type: 'select_one', listName: 'yes_no' });
    expect(idx.get('q4')?.node).toMatchObject({ type: 'integer', required: true });
    expect(idx.get('q5')?.node).toMatchObject({ type: 'text' });
    expect(idx.get('q6')).toMatchObject({ node: { type: 'image' }, repeats: ['r'] });
    expect(parseType('Select_Multiple Tasks')).toEqual({ k: 'field', type: 'select_multiple', listName: 'Tasks' });
  });

  test('refuses with sheet, row, column and why', () => {
    const survey = [
      ...SURVEY_ROWS.slice(0, 3),
      ['audio', 'voice', 'Voz', 'Voice'],
      ['integer', 'age', 'Edad', 'Age', '', 'yes', '. >= and 3'],
      ['integer', 'age2', 'Edad', 'Age', '', '', '', '', '', '${nobody} > 1'],
      ['select_one colours', 'colour', 'Color', 'Colour'],
      ['text', 'age', 'Otra', 'Other'],
      ['text', '2bad', 'Mal', 'Bad'],
      ['calculate', 'calc'],
      ['begin_group', 'open_group', 'G', 'G'],
      ['end_repeat', ''],
    ];
    const r = parse(testFormSheets({ survey }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (row: number) => r.errors.filter((e) => e.row === row).map((e) => `${e.sheet}|${e.column}|${e.message}`);
    expect(at(5)).toEqual(["survey|type|unsupported type 'audio'"]);
    expect(at(6)[0]).toMatch(/^survey\|constraint\|broken expression '\. >= and 3' at character 6: unexpected 'and'$/);
    expect(at(7)).toEqual(['survey|relevant|${nobody} is not a field of the form']);
    expect(at(8)).toEqual(['survey|type|the choice list colours is not on the choices sheet']);
    expect(at(9)).toEqual(['survey|name|the name age is already used on row 6']);
    expect(at(10)[0]).toMatch(/^survey\|name\|'2bad' is not a valid name/);
    expect(at(11)).toEqual(['survey|calculation|the calculate calc needs a calculation']);
    expect(at(13)).toEqual(['survey|type|end_repeat closes the group open_group (row 12)']);
  });

  test('a workbook that is not XLSX is refused, not thrown', async () => {
    const r = await readXlsForm(Buffer.from('not a zip'), 'x.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/not a valid XLSX/);
    const noSurvey = await readXlsForm(await writeSheets([{ name: 'choices', rows: CHOICE_ROWS }]), 'x.xlsx');
    expect(noSurvey.ok ? [] : noSurvey.errors).toEqual([{ sheet: 'survey', row: 0, column: '', message: 'the workbook has no survey sheet' }]);
  });
});

describe('the form rules on an answer set', () => {
  const today = '2026-12-02';
  test('a good answer set passes, calculations filled', () => {
    const a = analyse(form(), goodAnswers(), today);
    expect(a.errors).toEqual([]);
    expect(a.clean['women_share']).toBe(String(3 / 8));
    expect(a.clean['children']).toEqual([{ child_age: '15', child_tasks: 'sorting' }]);
  });

  test('non-relevant values are dropped, as ODK does', () => {
    const a = analyse(form(), goodAnswers({ age: '16', children_work: 'no' }), today);
    expect(a.errors).toEqual([]);
    for (const k of ['tasks', 'workers_women', 'workers_total', 'children']) expect(a.clean).not.toHaveProperty(k);
    expect(a.hidden).toEqual(
      new Set(['work', 'tasks', 'workers_women', 'workers_total', 'women_share', 'children', 'children[1]/child_age', 'children[1]/child_tasks']),
    );
    // a required field inside a hidden group is not required
    expect(analyse(form(), goodAnswers({ age: '16', tasks: undefined }), today).errors).toEqual([]);
  });

  test('required, constraint, type and choice violations name the field and the rule', () => {
    const a = analyse(
      form(),
      goodAnswers({
        respondent_name: '  ',
        age: '120',
        sex: 'other',
        workers_total: '2',
        visit_date: '2026-02-30',
        children: [{ child_age: '19' }, { child_tasks: 'sorting' }],
        extra: 'x',
      }),
      today,
    );
    expect(a.errors.map((e) => `${e.path}:${e.rule}`)).toEqual([
      'respondent_name:required',
      'age:constraint',
      'sex:choice',
      'workers_total:constraint',
      'children[1]/child_age:constraint',
      'children[2]/child_age:required',
      'visit_date:type',
      'extra:unknown',
    ]);
    expect(a.errors[1]!.formMessage).toEqual({ [ES]: 'Entre 14 y 99 años', [EN]: 'Between 14 and 99' });
    expect(analyse(form(), goodAnswers({ visit_date: '2026-12-03' }), today).errors.map((e) => e.field)).toEqual(['visit_date']);
    expect(analyse(form(), goodAnswers({ age: '3x' }), today).errors.map((e) => `${e.field}:${e.rule}:${e.params['expected']}`)).toEqual(['age:type:integer']);
  });
});

describe('cascading selects (choice_filter)', () => {
  const sheets = [
    {
      name: 'survey',
      rows: [
        ['type', 'name', 'label', 'choice_filter', 'relevant'],
        ['select_one dep', 'dep', 'Departamento'],
        ['select_one prov', 'prov', 'Provincia', 'dep = ${dep}'],
        ['text', 'x', 'X', '', 'dep = 1'],
      ],
    },
    {
      name: 'choices',
      rows: [
        ['list_name', 'name', 'label', 'dep'],
        ['dep', '21', 'Puno'],
        ['dep', '04', 'Arequipa'],
        ['prov', '2101', 'Puno', '21'],
        ['prov', '2113', 'Sandia', '21'],
        ['prov', '0401', 'Arequipa', '04'],
      ],
    },
  ];
  test('a bare name is only a choices column in choice_filter', () => {
    const r = parse(sheets);
    expect(r.ok ? [] : r.errors).toEqual([{ sheet: 'survey', row: 4, column: 'relevant', message: "'dep' is not an expression: write a field as ${dep}" }]);
  });
  test('the filter decides the choices offered and accepted', async () => {
    const r = parse([{ ...sheets[0]!, rows: sheets[0]!.rows.slice(0, 3) }, sheets[1]!]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { choicesOf } = await import('./submission.domain.ts');
    const prov = nodeIndex(r.form).get('prov')!.node as Parameters<typeof choicesOf>[1];
    expect(choicesOf(r.form, prov, (n) => ({ dep: '21' })[n], '2026-01-01').map((c) => c.name)).toEqual(['2101', '2113']);
    expect(analyse(r.form, { dep: '21', prov: '2113' }, '2026-01-01').errors).toEqual([]);
    expect(analyse(r.form, { dep: '21', prov: '0401' }, '2026-01-01').errors.map((e) => e.code)).toEqual(['survey.choiceFiltered']);
  });
});
