/**
 * A form as Veta stores it (JSON in `survey_forms.definition`) and as the web app and the
 * server read it: the XLSForm's tree of fields, groups and repeats, its choice lists and
 * its translations. Expressions are kept as XLSForm source and parsed with
 * xlsform-expr.domain.ts wherever they are evaluated. Types only.
 */
// @ts-nocheck


export const FIELD_TYPES = [
  'text',
  'integer',
  'decimal',
  'date',
  'time',
  'datetime',
  'select_one',
  'select_multiple',
  'note',
  'calculate',
  'geopoint',
  'image',
  'acknowledge',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Metadata the device fills in itself (pyxform's metadata types). */
export const META_TYPES = ['start', 'end', 'today', 'deviceid', 'username'] as const;
export type MetaType = (typeof META_TYPES)[number];

/** Text per language, keyed by the language as the form names it (`Español (es)`); `default` when untranslated. */
export type Translated = Record<string, string>;

export interface FormField {
  kind: 'field';
  name: string;
  type: FieldType;
  /** The choice list of a select. */
  listName?: string;
  label: Translated;
  hint?: Translated;
  /** `true`, or an expression that makes the field required when true. */
  required?: true | string;
  requiredMessage?: Translated;
  relevant?: string;
  constraint?: string;
  constraintMessage?: Translated;
  calculation?: string;
  default?: string;
  appearance?: string;
  choiceFilter?: string;
  readOnly?: boolean;
  /** The XLSForm row, for messages. */
  row: number;
}

export interface FormMeta {
  kind: 'meta';
  name: string;
  type: MetaType;
  row: number;
}

interface Container {
  name: string;
  label: Translated;
  relevant?: string;
  appearance?: string;
  children: FormNode[];
  row: number;
}

export interface FormGroup extends Container {
  kind: 'group';
}

export interface FormRepeat extends Container {
  kind: 'repeat';
}

export type FormContainer = FormGroup | FormRepeat;
export type FormNode = FormField | FormMeta | FormGroup | FormRepeat;

export interface Choice {
  name: string;
  label: Translated;
  /** Other columns of the choices sheet, for choice_filter (`filter=${x}`). */
  extra?: Record<string, string>;
}

export interface FormDefinition {
  formId: string;
  version: string;
  title: string;
  /** The language key of labels shown when none is chosen. */
  defaultLanguage: string;
  languages: string[];
  children: FormNode[];
  choices: Record<string, Choice[]>;
  /** The field whose answer is the submission's department (UBIGEO code), when the form has one. */
  regionField?: string;
}

/** An answer set: fields by name (groups do not nest names), repeats as lists of answer sets. */
export type Answers = { [name: string]: string | Answers[] };

/** Every field, meta and container with the repeats that enclose it (outermost first). */
export function walkForm(
  nodes: readonly FormNode[],
  visit: (node: FormNode, repeats: readonly string[], groups: readonly string[]) => void,
  repeats: readonly string[] = [],
  groups: readonly string[] = [],
): void {
  for (const n of nodes) {
    visit(n, repeats, groups);
    if (n.kind === 'group') walkForm(n.children, visit, repeats, [...groups, n.name]);
    if (n.kind === 'repeat') walkForm(n.children, visit, [...repeats, n.name], [...groups, n.name]);
  }
}

/** The field, meta or container of a name. */
export function nodeIndex(form: Pick<FormDefinition, 'children'>): Map<string, { node: FormNode; repeats: readonly string[]; groups: readonly string[] }> {
  const out = new Map<string, { node: FormNode; repeats: readonly string[]; groups: readonly string[] }>();
  walkForm(form.children, (node, repeats, groups) => out.set(node.name, { node, repeats, groups }));
  return out;
}

/** The text of a label in a language: the language, then the default one, then any. */
export function textIn(t: Translated | undefined, lang: string, fallback: string): string {
  if (!t) return '';
  return t[lang] ?? t[fallback] ?? t['default'] ?? Object.values(t)[0] ?? '';
}

/** Canonical JSON (keys sorted) for comparing definitions and answer sets as stored (jsonb reorders keys). */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
