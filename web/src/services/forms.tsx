import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { api, ApiError } from '../api/client.ts';
import { useT, type Translate } from '../i18n/i18n.tsx';
import { rm, type RecordMessage } from './records.messages.ts';

/**
 * Forms of the services area: each validates with the server's own zod schema
 * (services.schema.ts) before sending, shows the rule broken beside the field in Spanish
 * (or English), and renders a refusal of the server by its error code.
 */

export interface Field {
  name: string;
  label: RecordMessage;
  type: 'text' | 'date' | 'number' | 'select' | 'textarea';
  options?: readonly string[];
  optional?: boolean;
  placeholder?: string;
}

/** The message of a zod issue, by its code (never the English text of the schema). */
export function issueMessage(issue: z.core.$ZodIssue, t: Translate<RecordMessage>): string {
  switch (issue.code) {
    case 'invalid_type':
      return t(issue.input === undefined ? 'v.required' : 'v.number');
    case 'invalid_format':
      return t('v.format');
    case 'too_small':
      return t(issue.origin === 'string' && issue.minimum === 1 ? 'v.required' : 'v.small');
    case 'too_big':
      return t('v.big');
    case 'invalid_value':
      return t('v.option');
    case 'custom':
      return t(issue.message.includes('DNI') ? 'v.idOrRuc' : 'v.invalid');
    default:
      return t('v.invalid');
  }
}

/** The message of a refusal of the server, by its code. */
export function serverMessage(err: ApiError, t: Translate<RecordMessage>): string {
  const code = err.problem.code ?? (err.status === 403 ? 'forbidden' : err.status === 400 ? 'validation' : `http ${err.status}`);
  const key = `e.${code}` as RecordMessage;
  return rm.es[key as keyof typeof rm.es] === undefined ? t('e.generic', { code }) : t(key);
}

/** Form values (strings) as the request body: numbers parsed, empty optional fields left out. */
export function toBody(fields: readonly Field[], values: Record<string, string>, fixed: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...fixed };
  for (const f of fields) {
    const v = (values[f.name] ?? '').trim();
    if (v === '') continue;
    if (f.name === 'id') body[v.length === 8 ? 'dni' : 'ruc'] = v;
    else body[f.name] = f.type === 'number' ? Number(v) : v;
  }
  return body;
}

interface FormProps {
  idPrefix: string;
  fields: readonly Field[];
  schema: z.ZodType;
  action: string;
  initial?: Record<string, string>;
  fixed?: Record<string, unknown>;
  /** The body as sent; default: the fields' values. */
  shape?: (body: Record<string, unknown>) => Record<string, unknown>;
  submitLabel?: string;
  onSaved: (answer: unknown) => void;
  children?: ReactNode;
}

/** A record form: fields, client validation with the server's schema, POST, errors by code. */
export function RecordForm({ idPrefix, fields, schema, action, initial = {}, fixed, shape, submitLabel, onSaved, children }: FormProps) {
  const t = useT(rm);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFailure(null);
    const raw = toBody(fields, values, fixed);
    const body = shape ? shape(raw) : raw;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path[0];
        const beneficiary = (path === 'dni' || path === 'ruc' || path === undefined) && fields.some((f) => f.name === 'id');
        const field = beneficiary ? 'id' : String(path ?? '');
        next[field] ??= beneficiary ? t('v.idOrRuc') : issueMessage(issue, t);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onSaved(await api<unknown>(action, { method: 'POST', json: body }));
      setValues(initial);
    } catch (err) {
      setFailure(err instanceof ApiError ? serverMessage(err, t) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" noValidate onSubmit={(e) => void submit(e)} style={{ maxWidth: 720 }}>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const value = values[f.name] ?? '';
        const set = (v: string): void => setValues((old) => ({ ...old, [f.name]: v }));
        const error = errors[f.name];
        const common = { id, value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-err` : undefined } as const;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>
              {t(f.label)} {f.optional && <span className="note">{t('optional')}</span>}
            </label>
            {f.type === 'select' ? (
              <select {...common} onChange={(e) => set(e.target.value)}>
                {f.optional && <option value="">—</option>}
                {!f.optional && value === '' && <option value="">—</option>}
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {rm.es[`opt.${o}` as keyof typeof rm.es] === undefined ? o : t(`opt.${o}` as RecordMessage)}
                  </option>
                ))}
              </select>
            ) : f.type === 'textarea' ? (
              <textarea {...common} rows={4} placeholder={f.placeholder} onChange={(e) => set(e.target.value)} />
            ) : (
              <input
                {...common}
                type={f.type}
                step={f.type === 'number' ? 'any' : undefined}
                placeholder={f.placeholder}
                onChange={(e) => set(e.target.value)}
              />
            )}
            {error && (
              <p className="field-error" id={`${id}-err`} role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {children}
      {Object.entries(errors)
        .filter(([name]) => !fields.some((f) => f.name === name))
        .map(([name, message]) => (
          <p className="field-error" role="alert" key={name}>
            {rm.es[`f.${name}` as keyof typeof rm.es] === undefined ? '' : `${t(`f.${name}` as RecordMessage)}: `}
            {message}
          </p>
        ))}
      <button type="submit" disabled={busy}>
        {submitLabel ?? t('save')}
      </button>
      {failure && (
        <p className="state state-error" role="alert" data-testid="server-error">
          {failure}
        </p>
      )}
    </form>
  );
}
