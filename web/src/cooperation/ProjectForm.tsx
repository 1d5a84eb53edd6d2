import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, useApi } from '../api/client.ts';
import type { Department } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { Loading } from '../ui/states.tsx';
import { labels, m } from './messages.ts';
import { EMPTY, fromProject, toInput, type FormState } from './project-form.ts';
import { ASPECTS, FLOW_KINDS, STATUSES, STRATA, type Agency, type Flow, type Project } from './types.ts';

function Checks({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly (readonly [string, string])[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v}>
          <input
            type="checkbox"
            name={name}
            value={v}
            checked={value.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...value, v] : value.filter((x) => x !== v))}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

const CODES = ['coop.identifier_taken', 'coop.version_conflict', 'coop.invalid_reference'];

/** Registers (no id) or edits a project: the cooperation unit, national officials and administrators. */
export function ProjectForm({ id }: { id?: number }) {
  const t = useT(m);
  const l = useT(labels);
  const { can } = useSession();
  const agencies = useApi<Agency[]>('/api/cooperation/agencies');
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const project = useApi<Project>(id ? `/api/cooperation/projects/${id}` : null);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (project.data) setForm(fromProject(project.data));
  }, [project.data]);

  if (!can('POST /api/cooperation/projects'))
    return (
      <p className="state" role="alert">
        {t('form.notAllowed')}
      </p>
    );
  if (id && !project.data) return <Loading />;
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const LABEL = {
    identifier: t('form.identifier'),
    titleEs: t('form.titleEs'),
    titleEn: t('form.titleEn'),
    startDate: t('form.start'),
    endDate: t('form.end'),
    defaultCurrency: t('form.currency'),
    policyCodes: t('form.policyCodes'),
    sectors: t('form.sectors'),
    partner: t('form.partner'),
  } as const;
  const text = (k: keyof typeof LABEL, type = 'text') => (
    <label htmlFor={`coop-${k}`}>
      {LABEL[k]}
      <input id={`coop-${k}`} name={k} type={type} value={form[k]} onChange={(e) => set(k, e.target.value)} />
    </label>
  );
  const start = form.startDate.match(/^\d{4}/)?.[0] ?? '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const input = toInput(form, project.data);
      const saved = id
        ? await api<Project>(`/api/cooperation/projects/${id}`, { method: 'PUT', json: { version: project.data?.version, project: input } })
        : await api<Project>('/api/cooperation/projects', { method: 'POST', json: input });
      navigate(`/cooperacion/proyectos/${saved.id}?guardado=${saved.version}`);
    } catch (err) {
      const known = err instanceof ApiError && typeof err.problem.code === 'string' && CODES.includes(err.problem.code) ? err.problem.code : null;
      const fields = err instanceof ApiError ? (err.problem.errors ?? []).map((x) => `${x.path}: ${x.message}`) : [];
      const raw = err instanceof ApiError ? (err.problem as { params?: unknown }).params : undefined;
      const params = raw && typeof raw === 'object' ? (raw as Record<string, string | number>) : {};
      const detail = [known ? t(`error.${known}` as 'error.coop.identifier_taken', params) : err instanceof Error ? err.message : String(err), ...fields].join(
        ' · ',
      );
      setError(t('form.error', { detail }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageHeader title={id ? t('form.editTitle') : t('form.newTitle')} subtitle={form.identifier} />
      <form className="card form" onSubmit={(e) => void submit(e)} aria-label={id ? t('form.editTitle') : t('form.newTitle')}>
        {text('identifier')}
        {text('titleEs')}
        {text('titleEn')}
        <label htmlFor="coop-descriptionEs">
          {t('form.descriptionEs')}
          <textarea id="coop-descriptionEs" value={form.descriptionEs} onChange={(e) => set('descriptionEs', e.target.value)} />
        </label>
        <label htmlFor="coop-descriptionEn">
          {t('form.descriptionEn')}
          <textarea id="coop-descriptionEn" value={form.descriptionEn} onChange={(e) => set('descriptionEn', e.target.value)} />
        </label>
        <label htmlFor="coop-agency">
          {t('form.agency')}
          <select id="coop-agency" value={form.agencyCode} onChange={(e) => set('agencyCode', e.target.value)}>
            <option value="">{t('form.noAgency')}</option>
            {(agencies.data ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.acronym} — {a.nameEs}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="coop-status">
          {t('form.status')}
          <select id="coop-status" value={form.status} onChange={(e) => set('status', e.target.value as FormState['status'])}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {l(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {text('startDate', 'date')}
        {text('endDate', 'date')}
        {text('defaultCurrency')}
        {text('partner')}
        <Checks
          legend={t('form.regions')}
          name="regions"
          options={(departments.data ?? []).map((d) => [d.code, d.name] as const)}
          value={form.regions}
          onChange={(v) => set('regions', v)}
        />
        <Checks
          legend={t('form.strata')}
          name="strata"
          options={STRATA.map((s) => [s, l(`stratum.${s}`)] as const)}
          value={form.strata}
          onChange={(v) => set('strata', v)}
        />
        <Checks
          legend={t('form.aspects')}
          name="aspects"
          options={ASPECTS.map((a) => [a, l(`aspect.${a}`)] as const)}
          value={form.aspects}
          onChange={(v) => set('aspects', v)}
        />
        {text('policyCodes')}
        {text('sectors')}
        <fieldset>
          <legend>{t('form.flows')}</legend>
          {form.flows.map((f, i) => (
            <div key={i} className="flow-row">
              <select
                aria-label={t('col.kind')}
                value={f.kind}
                onChange={(e) =>
                  set(
                    'flows',
                    form.flows.map((x, j) => (j === i ? { ...x, kind: e.target.value as Flow['kind'] } : x)),
                  )
                }
              >
                {FLOW_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {l(`kind.${k}`)}
                  </option>
                ))}
              </select>
              <input
                aria-label={t('col.year')}
                inputMode="numeric"
                value={f.year}
                onChange={(e) =>
                  set(
                    'flows',
                    form.flows.map((x, j) => (j === i ? { ...x, year: e.target.value } : x)),
                  )
                }
              />
              <input
                aria-label={t('col.currency')}
                value={f.currency}
                onChange={(e) =>
                  set(
                    'flows',
                    form.flows.map((x, j) => (j === i ? { ...x, currency: e.target.value } : x)),
                  )
                }
              />
              <input
                aria-label={t('col.amount')}
                inputMode="decimal"
                value={f.amount}
                onChange={(e) =>
                  set(
                    'flows',
                    form.flows.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)),
                  )
                }
              />
              <button
                type="button"
                onClick={() =>
                  set(
                    'flows',
                    form.flows.filter((_, j) => j !== i),
                  )
                }
              >
                {t('form.removeFlow')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              set('flows', [
                ...form.flows,
                { kind: 'budget', year: start || String(new Date().getFullYear()), currency: form.defaultCurrency || 'USD', amount: '' },
              ])
            }
          >
            {t('form.addFlow')}
          </button>
        </fieldset>
        {error && (
          <p className="state state-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={saving}>
          {t('form.save')}
        </button>
      </form>
    </>
  );
}
