/**
 * The rules an answer set must keep to be a submission of a form, applied the way ODK
 * Collect applies them (ODK XForms specification, "Bindings":
 * https://getodk.github.io/xforms-spec/#bindings): a field whose `relevant` is false —
 * or inside a group that is not relevant — is not part of the submission and its value
 * is dropped; `calculate` fields are computed; a relevant field that is `required` must
 * have a value; a value must be of its type (and a choice of its list); a value that
 * fails its `constraint` is refused with the form's constraint message. Pure and shared:
 * the web app checks as the surveyor types with this file, the server checks again.
 */
// @ts-nocheck

import { evaluate, parseExpr, toBoolean, toText, type EvalContext, type Expr } from './xlsform-expr.domain.ts';
import type { Answers, Choice, FormDefinition, FormField, FormNode, Translated } from './xlsform.model.ts';

export type Rule = 'required' | 'constraint' | 'type' | 'choice' | 'unknown';

export interface AnswerError {
  /** The field's name. */
  field: string;
  /** Where: `name`, or `repeat[2]/name` inside the second instance of a repeat. */
  path: string;
  rule: Rule;
  /** Stable code and parameters for translation (`survey.required`, `survey.constraint`…). */
  code: string;
  params: Record<string, string>;
  /** The form's own message for the rule (constraint_message, required_message), when it has one. */
  formMessage?: Translated;
}

export interface Analysis {
  /** The answers as the submission keeps them: non-relevant values dropped, calculations filled. */
  clean: Answers;
  errors: AnswerError[];
  /** Paths of nodes that are not relevant (not shown, not kept). */
  hidden: Set<string>;
}

const cache = new Map<string, Expr>();
/** The tree of an expression, parsed once per source text. */
export function compiled(src: string): Expr {
  let e = cache.get(src);
  if (!e) {
    e = parseExpr(src);
    if (cache.size > 5000) cache.clear();
    cache.set(src, e);
  }
  return e;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$/;

function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** Whether a non-empty value has the field's type (the XForm data types ODK writes). */
export function typeProblem(
  field: FormField,
  value: string,
  form: Pick<FormDefinition, 'choices'>,
): { rule: 'type' | 'choice'; code: string; params: Record<string, string> } | null {
  const bad = (expected: string) => ({ rule: 'type' as const, code: 'survey.type', params: { expected } });
  switch (field.type) {
    case 'integer':
      return INTEGER.test(value) && Math.abs(Number(value)) <= 2_147_483_647 ? null : bad('integer');
    case 'decimal':
      return DECIMAL.test(value) ? null : bad('decimal');
    case 'date':
      return isDate(value) ? null : bad('date');
    case 'time':
      return TIME.test(value) ? null : bad('time');
    case 'datetime':
      return isDate(value.slice(0, 10)) && value[10] === 'T' && !Number.isNaN(Date.parse(value)) ? null : bad('datetime');
    case 'geopoint': {
      const p = value.trim().split(/\s+/).map(Number);
      const ok = p.length >= 2 && p.length <= 4 && p.every((n) => Number.isFinite(n)) && Math.abs(p[0]!) <= 90 && Math.abs(p[1]!) <= 180;
      return ok ? null : bad('geopoint');
    }
    case 'acknowledge':
      return value === 'OK' ? null : bad('acknowledge');
    case 'select_one':
    case 'select_multiple': {
      const names = new Set((form.choices[field.listName ?? ''] ?? []).map((c) => c.name));
      const picked = field.type === 'select_one' ? [value] : value.split(/\s+/).filter((s) => s !== '');
      const wrong = picked.find((v) => !names.has(v));
      if (wrong !== undefined) return { rule: 'choice', code: 'survey.choice', params: { value: wrong, list: field.listName ?? '' } };
      if (new Set(picked).size !== picked.length) return { rule: 'choice', code: 'survey.choiceTwice', params: { list: field.listName ?? '' } };
      return null;
    }
    default:
      return null;
  }
}

interface Scope {
  answers: Answers;
  parent: Scope | null;
}

/**
 * The choices a select offers given the answers (its `choice_filter`, evaluated per choice
 * with the choices sheet's columns as bare names, as ODK's itemset predicate does).
 */
export function choicesOf(form: Pick<FormDefinition, 'choices'>, field: FormField, value: (name: string) => string | undefined, today: string): Choice[] {
  const all = form.choices[field.listName ?? ''] ?? [];
  if (!field.choiceFilter) return all;
  const filter = compiled(field.choiceFilter);
  return all.filter((c) => toBoolean(evaluate(filter, { value, today, column: (col) => (col === 'name' ? c.name : (c.extra?.[col] ?? '')) })));
}

function lookup(scope: Scope, name: string): string | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const v = s.answers[name];
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return String(v.length);
  }
  return undefined;
}

const ctxOf = (scope: Scope, today: string, self?: string): EvalContext => ({ value: (n) => lookup(scope, n), today, ...(self === undefined ? {} : { self }) });

/**
 * Applies the form's rules to an answer set (see the file's comment). `today` is the
 * date `today()` answers (the submission's date in Peru). Values must be text; a repeat
 * is a list of answer sets.
 */
export function analyse(form: FormDefinition, answers: Answers, today: string): Analysis {
  const errors: AnswerError[] = [];
  const hidden = new Set<string>();
  const clean: Answers = {};
  const known = new Set<string>();

  const visit = (nodes: readonly FormNode[], input: Answers, out: Answers, scope: Scope, prefix: string, relevant: boolean): void => {
    for (const node of nodes) {
      known.add(node.name);
      const path = `${prefix}${node.name}`;
      const shown = relevant && (node.kind === 'meta' || !node.relevant || toBoolean(evaluate(compiled(node.relevant), ctxOf(scope, today))));
      if (!shown) hidden.add(path);
      if (node.kind === 'group') {
        visit(node.children, input, out, scope, prefix, shown);
        continue;
      }
      if (node.kind === 'repeat') {
        const raw = input[node.name];
        const list = Array.isArray(raw) ? raw : [];
        if (raw !== undefined && !Array.isArray(raw))
          errors.push({ field: node.name, path, rule: 'type', code: 'survey.type', params: { expected: 'repeat' } });
        const kept: Answers[] = [];
        list.forEach((instance, i) => {
          const item: Answers = {};
          // the instance's answers are visible to its own expressions while it is checked
          const inner: Scope = { answers: { ...instance }, parent: scope };
          visit(node.children, instance, item, inner, `${path}[${i + 1}]/`, shown);
          for (const k of Object.keys(instance)) if (!node.children.some((c) => c.name === k) && !known.has(k)) unknownKey(k, `${path}[${i + 1}]/`);
          kept.push(item);
        });
        if (shown && list.length) out[node.name] = kept;
        scope.answers[node.name] = shown ? kept : [];
        continue;
      }
      const raw = input[node.name];
      if (raw !== undefined && typeof raw !== 'string') {
        errors.push({ field: node.name, path, rule: 'type', code: 'survey.type', params: { expected: 'text' } });
        continue;
      }
      if (node.kind === 'meta') {
        if (raw !== undefined && raw !== '') out[node.name] = raw;
        continue;
      }
      if (node.kind !== 'field') continue;
      let value = (raw ?? '').trim() === '' ? '' : raw!;
      if (node.type === 'calculate' && node.calculation) {
        const v = evaluate(compiled(node.calculation), ctxOf(scope, today));
        value = typeof v === 'number' && Number.isNaN(v) ? '' : toText(v);
      }
      if (node.type === 'note') value = '';
      // what later expressions see: a hidden field counts as empty, as in ODK
      scope.answers[node.name] = shown ? value : '';
      if (!shown) continue;
      if (value !== '') out[node.name] = value;
      checkField(node, value, scope, path);
    }
  };

  const checkField = (field: FormField, value: string, scope: Scope, path: string): void => {
    if (value === '') {
      const required = field.required === true || (typeof field.required === 'string' && toBoolean(evaluate(compiled(field.required), ctxOf(scope, today))));
      if (required && field.type !== 'calculate' && field.type !== 'note') {
        errors.push({
          field: field.name,
          path,
          rule: 'required',
          code: 'survey.required',
          params: {},
          ...(field.requiredMessage ? { formMessage: field.requiredMessage } : {}),
        });
      }
      return;
    }
    const typed = typeProblem(field, value, form);
    if (typed) {
      errors.push({ field: field.name, path, ...typed });
      return;
    }
    if (field.choiceFilter) {
      const offered = new Set(choicesOf(form, field, (n) => lookup(scope, n), today).map((c) => c.name));
      const wrong = value.split(/\s+/).find((v) => v !== '' && !offered.has(v));
      if (wrong !== undefined) {
        errors.push({ field: field.name, path, rule: 'choice', code: 'survey.choiceFiltered', params: { value: wrong, list: field.listName ?? '' } });
        return;
      }
    }
    if (field.constraint && !toBoolean(evaluate(compiled(field.constraint), ctxOf(scope, today, value)))) {
      errors.push({
        field: field.name,
        path,
        rule: 'constraint',
        code: 'survey.constraint',
        params: { constraint: field.constraint },
        ...(field.constraintMessage ? { formMessage: field.constraintMessage } : {}),
      });
    }
  };

  const unknownKey = (k: string, prefix: string) => errors.push({ field: k, path: `${prefix}${k}`, rule: 'unknown', code: 'survey.unknownField', params: {} });

  visit(form.children, answers, clean, { answers: {}, parent: null }, '', true);
  for (const k of Object.keys(answers)) if (!known.has(k)) unknownKey(k, '');
  return { clean, errors, hidden };
}

/** The English text of an error for logs and the CLI (the web app translates the code). */
export function errorText(e: AnswerError, lang?: string): string {
  const own = e.formMessage ? (e.formMessage[lang ?? ''] ?? e.formMessage['default'] ?? Object.values(e.formMessage)[0]) : undefined;
  switch (e.rule) {
    case 'required':
      return own ?? 'an answer is required';
    case 'constraint':
      return own ?? `the answer breaks the constraint ${e.params['constraint'] ?? ''}`;
    case 'type':
      return `not a valid ${e.params['expected'] ?? 'value'}`;
    case 'choice':
      return e.code === 'survey.choiceTwice' ? 'a choice is selected twice' : `'${e.params['value'] ?? ''}' is not a choice of ${e.params['list'] ?? ''}`;
    case 'unknown':
      return 'not a field of the form';
  }
}
