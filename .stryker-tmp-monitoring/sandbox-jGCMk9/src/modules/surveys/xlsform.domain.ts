/**
 * XLSForm (https://xlsform.org/en/) to a Veta form definition: the `survey`, `choices` and
 * `settings` sheets, with the spellings pyxform — the reference converter ODK and
 * KoboToolbox use — accepts and real forms are written in (`begin group`, `select one
 * from LIST`, `list name`, `label:English`, sheet and column names in capitals). Every
 * refusal names the sheet, the row and the column. Pure: the sheets come in as text.
 */
// @ts-nocheck

import { columns, ExprError, parseExpr, references } from './xlsform-expr.domain.ts';
import {
  nodeIndex,
  type Choice,
  type FieldType,
  type FormDefinition,
  type FormField,
  type FormContainer,
  type FormNode,
  type MetaType,
  type Translated,
} from './xlsform.model.ts';

export interface Sheet {
  name: string;
  headers: string[];
  /** `row` as the spreadsheet shows it (header = 1). */
  rows: { row: number; cells: string[] }[];
}

export interface XlsFormError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export type XlsFormResult = { ok: true; form: FormDefinition } | { ok: false; errors: XlsFormError[] };

/** Column spellings (lower case, spaces as written) → the canonical column. */
const COLUMN_ALIASES: Record<string, string> = {
  type: 'type',
  name: 'name',
  label: 'label',
  caption: 'label',
  hint: 'hint',
  required: 'required',
  'bind::required': 'required',
  required_message: 'required_message',
  'required message': 'required_message',
  'jr:requiredmsg': 'required_message',
  'bind::jr:requiredmsg': 'required_message',
  relevant: 'relevant',
  relevance: 'relevant',
  'bind::relevant': 'relevant',
  constraint: 'constraint',
  'bind::constraint': 'constraint',
  constraint_message: 'constraint_message',
  'constraint message': 'constraint_message',
  'jr:constraintmsg': 'constraint_message',
  'bind::jr:constraintmsg': 'constraint_message',
  calculation: 'calculation',
  calculate: 'calculation',
  'bind::calculate': 'calculation',
  default: 'default',
  appearance: 'appearance',
  'control::appearance': 'appearance',
  choice_filter: 'choice_filter',
  'choice filter': 'choice_filter',
  read_only: 'read_only',
  readonly: 'read_only',
  'read only': 'read_only',
  'bind::readonly': 'read_only',
  list_name: 'list_name',
  'list name': 'list_name',
  form_id: 'form_id',
  id_string: 'form_id',
  form_title: 'form_title',
  title: 'form_title',
  version: 'version',
  default_language: 'default_language',
  region_field: 'region_field',
};
const TRANSLATABLE = new Set(['label', 'hint', 'constraint_message', 'required_message']);

interface Column {
  key: string;
  lang?: string;
  header: string;
  index: number;
}

/** `label::Español (es)`, `label:English`, `LABEL`, `jr:constraintMsg::English` → column and language. */
export function parseHeader(header: string): { key: string; lang?: string } | null {
  const h = header.trim();
  const whole = COLUMN_ALIASES[h.toLowerCase()];
  if (whole) return { key: whole };
  const dbl = h.indexOf('::');
  if (dbl > 0) {
    const key = COLUMN_ALIASES[h.slice(0, dbl).toLowerCase().trim()];
    if (key && TRANSLATABLE.has(key)) return { key, lang: h.slice(dbl + 2).trim() };
  }
  const single = h.indexOf(':');
  if (single > 0) {
    const key = COLUMN_ALIASES[h.slice(0, single).toLowerCase().trim()];
    if (key && TRANSLATABLE.has(key)) return { key, lang: h.slice(single + 1).trim() };
  }
  return null;
}

const SIMPLE_TYPES: Record<string, FieldType | MetaType> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  note: 'note',
  calculate: 'calculate',
  geopoint: 'geopoint',
  location: 'geopoint',
  gps: 'geopoint',
  image: 'image',
  photo: 'image',
  acknowledge: 'acknowledge',
  trigger: 'acknowledge',
  start: 'start',
  end: 'end',
  today: 'today',
  deviceid: 'deviceid',
  username: 'username',
};
const META = new Set(['start', 'end', 'today', 'deviceid', 'username']);

type TypeSpec =
  | { k: 'begin'; container: 'group' | 'repeat' }
  | { k: 'end'; container: 'group' | 'repeat' }
  | { k: 'field'; type: FieldType; listName?: string }
  | { k: 'meta'; type: MetaType };

/** A `type` cell in any spelling pyxform accepts; null when unsupported. */
export function parseType(cell: string): TypeSpec | null {
  const t = cell.trim().replace(/\s+/g, ' ').toLowerCase();
  const container = /^(begin|end)[ _](group|repeat)$/.exec(t);
  if (container) return { k: container[1] as 'begin' | 'end', container: container[2] as 'group' | 'repeat' };
  const select = /^select[ _](one|multiple|all[ _]that[ _]apply)(?:[ _]from)? (\S+)$/i.exec(cell.trim().replace(/\s+/g, ' '));
  if (select) return { k: 'field', type: select[1]!.toLowerCase() === 'one' ? 'select_one' : 'select_multiple', listName: select[2]! };
  const simple = SIMPLE_TYPES[t.replace(/ /g, '')];
  if (!simple) return null;
  return META.has(simple) ? { k: 'meta', type: simple as MetaType } : { k: 'field', type: simple as FieldType };
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const YES = new Set(['yes', 'true', 'true()', '1', 'y', 'sí', 'si']);
const NO = new Set(['', 'no', 'false', 'false()', '0', 'n']);

function columnsOf(sheet: Sheet): Column[] {
  const cols: Column[] = [];
  sheet.headers.forEach((header, index) => {
    const parsed = parseHeader(header);
    if (parsed) cols.push({ ...parsed, header, index });
  });
  return cols;
}

/** One row's cells by column, translated columns by language. */
function reader(cols: Column[], cells: string[]) {
  const cell = (key: string): { value: string; header: string } => {
    const c = cols.find((x) => x.key === key && x.lang === undefined) ?? cols.find((x) => x.key === key);
    return { value: (c ? (cells[c.index] ?? '') : '').trim(), header: c?.header ?? key };
  };
  const translated = (key: string): Translated | undefined => {
    const out: Translated = {};
    for (const c of cols) if (c.key === key && (cells[c.index] ?? '').trim() !== '') out[c.lang ?? 'default'] = cells[c.index]!.trim();
    return Object.keys(out).length ? out : undefined;
  };
  return { cell, translated };
}

/** Parses an XLSForm's sheets into a form definition, or lists every problem found. */
export function parseXlsForm(sheets: readonly Sheet[], opts: { fallbackId: string; fallbackVersion: string }): XlsFormResult {
  const errors: XlsFormError[] = [];
  const find = (n: string) => sheets.find((s) => s.name.trim().toLowerCase() === n);
  const survey = find('survey');
  if (!survey) return { ok: false, errors: [{ sheet: 'survey', row: 0, column: '', message: 'the workbook has no survey sheet' }] };
  const languages = new Set<string>();

  // choices
  const choices: Record<string, Choice[]> = {};
  const choicesSheet = find('choices');
  if (choicesSheet) {
    const cols = columnsOf(choicesSheet);
    for (const c of cols) if (c.key === 'label') languages.add(c.lang ?? 'default');
    const known = new Set(cols.map((c) => c.index));
    for (const r of choicesSheet.rows) {
      const { cell, translated } = reader(cols, r.cells);
      const list = cell('list_name');
      const name = cell('name');
      if (list.value === '' && name.value === '') continue;
      const at = (column: string, message: string) => errors.push({ sheet: 'choices', row: r.row, column, message });
      if (list.value === '') at(list.header, 'a choice needs its list_name');
      if (name.value === '') at(name.header, 'a choice needs a name');
      if (list.value === '' || name.value === '') continue;
      const entries = (choices[list.value] ??= []);
      if (entries.some((e) => e.name === name.value)) at(name.header, `choice ${name.value} appears twice in list ${list.value}`);
      const extra: Record<string, string> = {};
      choicesSheet.headers.forEach((h, i) => {
        if (!known.has(i) && h.trim() !== '' && (r.cells[i] ?? '').trim() !== '') extra[h.trim()] = r.cells[i]!.trim();
      });
      entries.push({ name: name.value, label: translated('label') ?? { default: name.value }, ...(Object.keys(extra).length ? { extra } : {}) });
    }
  }

  // settings
  const settingsSheet = find('settings');
  const settings = settingsSheet?.rows[0] ? reader(columnsOf(settingsSheet), settingsSheet.rows[0].cells).cell : null;
  const setting = (k: string) => settings?.(k).value ?? '';

  // survey
  const cols = columnsOf(survey);
  if (!cols.some((c) => c.key === 'type')) errors.push({ sheet: 'survey', row: 1, column: 'type', message: 'the survey sheet has no type column' });
  if (!cols.some((c) => c.key === 'name')) errors.push({ sheet: 'survey', row: 1, column: 'name', message: 'the survey sheet has no name column' });
  for (const c of cols) if (c.key === 'label' || c.key === 'hint') languages.add(c.lang ?? 'default');
  const root: FormNode[] = [];
  const stack: { group: FormContainer; row: number }[] = [];
  const names = new Map<string, number>();
  const pendingExprs: { row: number; header: string; source: string; field: string }[] = [];

  for (const r of survey.rows) {
    const { cell, translated } = reader(cols, r.cells);
    const type = cell('type');
    const name = cell('name');
    const at = (column: string, message: string) => errors.push({ sheet: 'survey', row: r.row, column, message });
    if (type.value === '') {
      if (name.value !== '') at(type.header, `${name.value} has no type`);
      continue;
    }
    const spec = parseType(type.value);
    if (!spec) {
      at(type.header, `unsupported type '${type.value}'`);
      continue;
    }
    if (spec.k === 'end') {
      const open = stack.pop();
      if (!open) at(type.header, `end_${spec.container} without a begin_${spec.container}`);
      else if (open.group.kind !== spec.container) at(type.header, `end_${spec.container} closes the ${open.group.kind} ${open.group.name} (row ${open.row})`);
      continue;
    }
    if (!XML_NAME.test(name.value)) {
      at(name.header, name.value === '' ? 'a name is required' : `'${name.value}' is not a valid name (letters, digits, _ . -, not starting with a digit)`);
      continue;
    }
    const seen = names.get(name.value);
    if (seen !== undefined) at(name.header, `the name ${name.value} is already used on row ${seen}`);
    names.set(name.value, r.row);
    const parent = stack.at(-1)?.group.children ?? root;
    const expr = (key: string) => {
      const c = cell(key);
      if (c.value !== '') pendingExprs.push({ row: r.row, header: c.header, source: c.value, field: name.value });
      return c.value === '' ? undefined : c.value;
    };
    if (spec.k === 'begin') {
      const group: FormContainer = { kind: spec.container, name: name.value, label: translated('label') ?? {}, row: r.row, children: [] };
      const relevant = expr('relevant');
      if (relevant) group.relevant = relevant;
      if (cell('appearance').value) group.appearance = cell('appearance').value;
      parent.push(group);
      stack.push({ group, row: r.row });
      continue;
    }
    if (spec.k === 'meta') {
      parent.push({ kind: 'meta', name: name.value, type: spec.type, row: r.row });
      continue;
    }
    const field: FormField = { kind: 'field', name: name.value, type: spec.type, label: translated('label') ?? {}, row: r.row };
    if (spec.listName) {
      field.listName = spec.listName;
      if (!choices[spec.listName]?.length) at(type.header, `the choice list ${spec.listName} is not on the choices sheet`);
    }
    if (spec.type !== 'calculate' && !translated('label')) at(cell('label').header, `${name.value} needs a label`);
    const req = cell('required');
    const reqValue = req.value.toLowerCase();
    if (YES.has(reqValue)) field.required = true;
    else if (!NO.has(reqValue)) field.required = expr('required')!;
    const optional: [keyof FormField, string][] = [
      ['relevant', 'relevant'],
      ['constraint', 'constraint'],
      ['calculation', 'calculation'],
      ['choiceFilter', 'choice_filter'],
    ];
    for (const [prop, key] of optional) {
      const v = expr(key);
      if (v) (field as unknown as Record<string, string>)[prop] = v;
    }
    const texts: [keyof FormField, string][] = [
      ['hint', 'hint'],
      ['constraintMessage', 'constraint_message'],
      ['requiredMessage', 'required_message'],
    ];
    for (const [prop, key] of texts) {
      const v = translated(key);
      if (v) (field as unknown as Record<string, Translated>)[prop] = v;
    }
    if (cell('default').value !== '') field.default = cell('default').value;
    if (cell('appearance').value !== '') field.appearance = cell('appearance').value;
    const ro = cell('read_only').value.toLowerCase();
    if (YES.has(ro)) field.readOnly = true;
    if (spec.type === 'calculate' && !field.calculation) at(cell('calculation').header, `the calculate ${name.value} needs a calculation`);
    parent.push(field);
  }
  for (const open of stack)
    errors.push({ sheet: 'survey', row: open.row, column: 'type', message: `begin_${open.group.kind} ${open.group.name} is never closed` });

  for (const p of pendingExprs) {
    try {
      const tree = parseExpr(p.source);
      for (const ref of references(tree))
        if (!names.has(ref)) errors.push({ sheet: 'survey', row: p.row, column: p.header, message: `\${${ref}} is not a field of the form` });
      const bare = columns(tree);
      if (bare.length && parseHeader(p.header)?.key !== 'choice_filter')
        errors.push({ sheet: 'survey', row: p.row, column: p.header, message: `'${bare[0]}' is not an expression: write a field as \${${bare[0]}}` });
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      errors.push({
        sheet: 'survey',
        row: p.row,
        column: p.header,
        message: `broken expression '${p.source}' at character ${err.position + 1}: ${err.message}`,
      });
    }
  }

  const formId = setting('form_id') || opts.fallbackId;
  if (!XML_NAME.test(formId)) errors.push({ sheet: 'settings', row: 2, column: 'form_id', message: `'${formId}' is not a valid form_id` });
  const langs = [...languages].filter((l) => l !== 'default');
  if (languages.has('default')) langs.unshift('default');
  const defaultLanguage = setting('default_language') || (languages.has('default') ? 'default' : (langs[0] ?? 'default'));
  const regionField = setting('region_field');
  if (regionField) {
    const idx = nodeIndex({ children: root }).get(regionField);
    if (!idx || idx.node.kind !== 'field' || idx.repeats.length > 0)
      errors.push({ sheet: 'settings', row: 2, column: 'region_field', message: `${regionField} is not a field outside repeats` });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row) };
  const form: FormDefinition = {
    formId,
    version: setting('version') || opts.fallbackVersion,
    title: setting('form_title') || formId,
    defaultLanguage,
    languages: langs.length ? langs : ['default'],
    children: root,
    choices,
    ...(regionField ? { regionField } : {}),
  };
  return { ok: true, form };
}
