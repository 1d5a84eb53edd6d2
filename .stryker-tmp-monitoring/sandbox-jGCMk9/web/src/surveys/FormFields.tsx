/**
 * Draws a form's fields, groups and repeats for the answers so far, hiding what is not
 * relevant and showing each field's error as the surveyor types. The rules are the
 * server's own (submission.domain.ts, imported from the server's source).
 */
// @ts-nocheck

import type { ReactNode } from 'react';
import { choicesOf, type AnswerError, type Analysis } from '../../../src/modules/surveys/submission.domain.ts';
import { peruToday } from '../i18n/format.ts';
import { textIn, type Answers, type FormDefinition, type FormField, type FormNode, type Translated } from '../../../src/modules/surveys/xlsform.model.ts';
import { useT } from '../i18n/i18n.tsx';
import { m } from './messages.ts';

/** A place in the answers: the repeats and instance numbers above a field. */
export type Scope = readonly (readonly [repeat: string, index: number])[];

/** The answers with one value (or one repeat list) replaced, without changing the original. */
export function setIn(answers: Answers, scope: Scope, name: string, value: string | Answers[]): Answers {
  if (scope.length === 0) return { ...answers, [name]: value };
  const [[repeat, i], ...rest] = scope as [readonly [string, number], ...Scope];
  const list = Array.isArray(answers[repeat]) ? [...(answers[repeat] as Answers[])] : [];
  list[i] = setIn(list[i] ?? {}, rest, name, value);
  return { ...answers, [repeat]: list };
}

const prefixOf = (scope: Scope): string => scope.map(([r, i]) => `${r}[${i + 1}]/`).join('');
const idOf = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface Props {
  form: FormDefinition;
  lang: string;
  answers: Answers;
  analysis: Analysis;
  /** Paths whose errors are shown (touched fields, or all after an attempt to finish). */
  shown: (path: string) => boolean;
  onChange: (answers: Answers, path: string) => void;
}

export function FormFields(props: Props) {
  return <>{nodes(props, props.form.children, [], props.answers)}</>;
}

function nodes(p: Props, list: readonly FormNode[], scope: Scope, scopeAnswers: Answers): ReactNode[] {
  return list.map((n) => {
    const path = `${prefixOf(scope)}${n.name}`;
    if (n.kind === 'meta' || p.analysis.hidden.has(path)) return null;
    if (n.kind === 'group') {
      const label = textIn(n.label, p.lang, p.form.defaultLanguage);
      return (
        <fieldset key={path} className="card survey-group">
          {label && <legend>{label}</legend>}
          {nodes(p, n.children, scope, scopeAnswers)}
        </fieldset>
      );
    }
    if (n.kind === 'repeat') return <Repeat key={path} p={p} node={n} scope={scope} scopeAnswers={scopeAnswers} path={path} />;
    if (n.type === 'calculate') return null;
    return (
      <Field
        key={path}
        p={p}
        field={n}
        scope={scope}
        scopeAnswers={scopeAnswers}
        value={typeof scopeAnswers[n.name] === 'string' ? (scopeAnswers[n.name] as string) : ''}
        path={path}
      />
    );
  });
}

function Repeat({
  p,
  node,
  scope,
  scopeAnswers,
  path,
}: {
  p: Props;
  node: Extract<FormNode, { kind: 'repeat' }>;
  scope: Scope;
  scopeAnswers: Answers;
  path: string;
}) {
  const t = useT(m);
  const label = textIn(node.label, p.lang, p.form.defaultLanguage) || node.name;
  const list = Array.isArray(scopeAnswers[node.name]) ? (scopeAnswers[node.name] as Answers[]) : [];
  const change = (next: Answers[]) => p.onChange(setIn(p.answers, scope, node.name, next), path);
  return (
    <fieldset className="card survey-repeat">
      <legend>{label}</legend>
      {list.map((inst, i) => (
        <fieldset key={i} className="survey-instance">
          <legend>{t('repeatItem', { label, n: i + 1 })}</legend>
          {nodes(p, node.children, [...scope, [node.name, i]], inst)}
          <button type="button" className="link-button" onClick={() => change(list.filter((_, j) => j !== i))}>
            {t('removeRepeat')} ({i + 1})
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => change([...list, {}])}>
        {t('addRepeat', { label })}
      </button>
    </fieldset>
  );
}

function useErrorText() {
  const t = useT(m);
  return (e: AnswerError, lang: string, fallback: string): string => {
    const own = e.formMessage ? textIn(e.formMessage as Translated, lang, fallback) : '';
    if (own) return own;
    if (e.rule === 'type') return t('type', { expected: e.params['expected'] ?? '' });
    return t(e.rule);
  };
}

const text = (v: string | Answers[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function Field({
  p,
  field,
  scope,
  scopeAnswers,
  value,
  path,
}: {
  p: Props;
  field: FormField;
  scope: Scope;
  scopeAnswers: Answers;
  value: string;
  path: string;
}) {
  const t = useT(m);
  const errorText = useErrorText();
  const id = idOf(path);
  const label = textIn(field.label, p.lang, p.form.defaultLanguage) || field.name;
  const hint = textIn(field.hint, p.lang, p.form.defaultLanguage);
  const error = p.shown(path) ? p.analysis.errors.find((e) => e.path === path) : undefined;
  const set = (v: string) => p.onChange(setIn(p.answers, scope, field.name, v), path);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const required = field.required === true;
  const common = { id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined, readOnly: field.readOnly, required } as const;
  // a cascading select offers the choices its filter keeps for the answers so far
  const choices = choicesOf(p.form, field, (n) => text(scopeAnswers[n]) ?? text(p.answers[n]), peruToday());
  let control: ReactNode;
  const isGroup =
    field.type === 'select_multiple' ||
    field.type === 'acknowledge' ||
    (field.type === 'select_one' && !(choices.length > 8 || !!field.appearance?.includes('minimal')));
  if (field.type === 'note') return <p className="note survey-note">{label}</p>;
  // a long list (departments) is a drop-down, as ODK Collect's "minimal" appearance
  const dropDown = field.type === 'select_one' && (choices.length > 8 || !!field.appearance?.includes('minimal'));
  if (dropDown) {
    control = (
      <select {...common} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">—</option>
        {choices.map((c) => (
          <option key={c.name} value={c.name}>
            {textIn(c.label, p.lang, p.form.defaultLanguage) || c.name}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'select_one' || field.type === 'select_multiple') {
    const picked = new Set(value.split(/\s+/).filter(Boolean));
    const multi = field.type === 'select_multiple';
    control = choices.map((c) => {
      const cid = `${id}-${c.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      const on = picked.has(c.name);
      return (
        <label key={c.name} className="survey-choice" htmlFor={cid}>
          <input
            id={cid}
            type={multi ? 'checkbox' : 'radio'}
            name={id}
            value={c.name}
            checked={on}
            disabled={field.readOnly}
            aria-describedby={described}
            onChange={() => {
              if (!multi) return set(c.name);
              const next = choices.map((x) => x.name).filter((n) => (n === c.name ? !on : picked.has(n)));
              set(next.join(' '));
            }}
          />{' '}
          {textIn(c.label, p.lang, p.form.defaultLanguage) || c.name}
        </label>
      );
    });
  } else if (field.type === 'acknowledge') {
    control = (
      <label className="survey-choice" htmlFor={id}>
        <input {...common} type="checkbox" checked={value === 'OK'} onChange={(e) => set(e.target.checked ? 'OK' : '')} /> {label}
      </label>
    );
  } else if (field.appearance?.includes('multiline')) {
    control = <textarea {...common} value={value} rows={3} onChange={(e) => set(e.target.value)} />;
  } else {
    const kind =
      field.type === 'date'
        ? { type: 'date' }
        : field.type === 'time'
          ? { type: 'time' }
          : field.type === 'integer'
            ? { type: 'text', inputMode: 'numeric' as const }
            : field.type === 'decimal'
              ? { type: 'text', inputMode: 'decimal' as const }
              : { type: 'text' };
    control = (
      <>
        <input {...common} {...kind} value={value} onChange={(e) => set(e.target.value)} />
        {field.type === 'geopoint' && (
          <button
            type="button"
            onClick={() =>
              navigator.geolocation?.getCurrentPosition((pos) =>
                set(
                  `${pos.coords.latitude.toFixed(6)} ${pos.coords.longitude.toFixed(6)} ${Math.round(pos.coords.altitude ?? 0)} ${Math.round(pos.coords.accuracy)}`,
                ),
              )
            }
          >
            {t('useLocation')}
          </button>
        )}
      </>
    );
  }
  const hintEl = hint ? (
    <p id={`${id}-hint`} className="subtitle">
      {hint}
    </p>
  ) : null;
  const errorEl = error ? (
    <p id={`${id}-error`} className="state-error survey-error" role="alert">
      {errorText(error, p.lang, p.form.defaultLanguage)}
    </p>
  ) : null;
  if (isGroup && field.type !== 'acknowledge')
    return (
      <fieldset className="field survey-field" aria-describedby={described}>
        <legend>
          {label}
          {required ? ' *' : ''}
        </legend>
        {hintEl}
        {control}
        {errorEl}
      </fieldset>
    );
  return (
    <div className="field survey-field">
      {field.type !== 'acknowledge' && (
        <label htmlFor={id}>
          {label}
          {required ? ' *' : ''}
        </label>
      )}
      {hintEl}
      {control}
      {errorEl}
    </div>
  );
}
