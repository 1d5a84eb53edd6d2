/** A small household form in XLSForm, as sheets: the tests' own form (groups, a repeat, skip logic). */
// @ts-nocheck

import { randomUUID } from 'node:crypto';
import { writeSheets } from './xlsform.read.ts';
import type { Answers } from './xlsform.model.ts';

export const ES = 'Español (es)';
export const EN = 'English (en)';

const SURVEY_HEADERS = [
  'type',
  'name',
  `label::${ES}`,
  `label::${EN}`,
  `hint::${ES}`,
  'required',
  'constraint',
  `constraint_message::${ES}`,
  `constraint_message::${EN}`,
  'relevant',
  'calculation',
  'read_only',
];

/** Rows of the survey sheet: [type, name, labelEs, labelEn, hintEs, required, constraint, msgEs, msgEn, relevant, calculation, read_only]. */
export const SURVEY_ROWS: string[][] = [
  ['start', 'start'],
  ['text', 'respondent_name', 'Nombre', 'Name', '', 'yes'],
  ['select_one departments', 'region', 'Región', 'Region', '', 'yes'],
  ['integer', 'age', 'Edad', 'Age', 'En años', 'yes', '. >= 14 and . <= 99', 'Entre 14 y 99 años', 'Between 14 and 99'],
  ['select_one sex', 'sex', 'Sexo', 'Sex', '', 'yes'],
  ['begin_group', 'work', 'Trabajo', 'Work', '', '', '', '', '', '${age} >= 18'],
  ['select_multiple tasks', 'tasks', 'Tareas', 'Tasks', '', 'yes'],
  ['integer', 'workers_women', 'Trabajadoras', 'Women workers', '', '', '. >= 0'],
  ['integer', 'workers_total', 'Trabajadores', 'Workers', '', '', '. >= ${workers_women}', 'No menos que las trabajadoras', 'Not fewer than the women'],
  ['calculate', 'women_share', '', '', '', '', '', '', '', '', 'if(${workers_total} > 0, ${workers_women} div ${workers_total}, 0)'],
  ['end_group', ''],
  ['select_one yes_no', 'children_work', 'Niños trabajan', 'Children work', '', 'yes'],
  ['begin_repeat', 'children', 'Niños', 'Children', '', '', '', '', '', "${children_work} = 'yes'"],
  ['integer', 'child_age', 'Edad del niño', "Child's age", '', 'yes', '. < 18', 'Menor de 18', 'Under 18'],
  ['select_multiple tasks', 'child_tasks', 'Tareas del niño', "Child's tasks"],
  ['end_repeat', ''],
  ['date', 'visit_date', 'Fecha', 'Date', '', 'yes', '. <= today()'],
  ['geopoint', 'location', 'Ubicación', 'Location'],
  ['note', 'thanks', 'Gracias', 'Thank you'],
  ['end', 'end'],
];

export const CHOICE_ROWS: string[][] = [
  ['list_name', 'name', `label::${ES}`, `label::${EN}`],
  ['yes_no', 'yes', 'Sí', 'Yes'],
  ['yes_no', 'no', 'No', 'No'],
  ['sex', 'female', 'Mujer', 'Woman'],
  ['sex', 'male', 'Hombre', 'Man'],
  ['tasks', 'sorting', 'Pallaqueo', 'Ore sorting'],
  ['tasks', 'crushing', 'Chancado', 'Crushing'],
  ['tasks', 'amalgamation', 'Amalgamación', 'Amalgamation'],
  ['departments', '21', 'Puno', 'Puno'],
  ['departments', '04', 'Arequipa', 'Arequipa'],
  ['departments', '17', 'Madre de Dios', 'Madre de Dios'],
];

export function testFormSheets(opts: { formId?: string; version?: string; survey?: string[][] } = {}) {
  return [
    { name: 'survey', rows: [SURVEY_HEADERS, ...(opts.survey ?? SURVEY_ROWS)] },
    { name: 'choices', rows: CHOICE_ROWS },
    {
      name: 'settings',
      rows: [
        ['form_id', 'version', 'form_title', 'default_language', 'region_field'],
        [opts.formId ?? 'test_household', opts.version ?? '2026120101', 'Hogar minero', ES, 'region'],
      ],
    },
  ];
}

export const testFormXlsx = (opts: Parameters<typeof testFormSheets>[0] = {}): Promise<Buffer> => writeSheets(testFormSheets(opts));

/** A valid answer set of the test form; `overrides` replaces answers (undefined removes one). */
export function goodAnswers(overrides: Record<string, string | Answers[] | undefined> = {}): Answers {
  const base: Answers = {
    respondent_name: 'Rosa Quispe',
    region: '21',
    age: '34',
    sex: 'female',
    tasks: 'sorting crushing',
    workers_women: '3',
    workers_total: '8',
    children_work: 'yes',
    children: [{ child_age: '15', child_tasks: 'sorting' }],
    visit_date: '2026-11-20',
    location: '-15.84 -70.02',
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export const newInstanceId = (): string => randomUUID();
