/** The baseline's figures for officials, by region, stratum, sex or age band (small cells withheld), and the answers' download. */
import type { z } from 'zod';
import { BASELINE_DIMENSIONS } from '../../../src/modules/surveys/baseline.indicators.ts';
import type { aggregatesOut } from '../../../src/modules/surveys/surveys.schema.ts';
import { nodeIndex, textIn, type FormDefinition } from '../../../src/modules/surveys/xlsform.model.ts';
import { formLang } from './FillPage.tsx';
import { qs, useApi } from '../api/client.ts';
import { setQuery } from '../app/router.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import { SubmissionsTable } from './SubmissionsTable.tsx';

type Aggregates = z.output<typeof aggregatesOut>;
const BY = ['region', 'stratum', 'sex', 'age_band'] as const;

export function ResultsPage({ formId, query }: { formId: string; query: URLSearchParams }) {
  const t = useT(m);
  const { lang } = useLang();
  const by = (BY as readonly string[]).includes(query.get('por') ?? '') ? (query.get('por') as (typeof BY)[number]) : 'region';
  const state = useApi<Aggregates>(`/api/surveys/forms/${encodeURIComponent(formId)}/aggregates${qs({ by })}`);
  const pct = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(lang === 'es' ? 'es-PE' : 'en', { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const base = `/api/surveys/forms/${encodeURIComponent(formId)}/export`;
  const form = useApi<{ definition: FormDefinition }>(`/api/surveys/forms/${encodeURIComponent(formId)}`).data?.definition;
  // a group is a choice of the dimension's question: its label in the form's language
  const groupLabel = (group: string): string => {
    if (!form) return group;
    const field = by === 'region' ? form.regionField : by === 'age_band' ? undefined : BASELINE_DIMENSIONS[by];
    const node = field ? nodeIndex(form).get(field)?.node : undefined;
    const list = node?.kind === 'field' ? form.choices[node.listName ?? ''] : undefined;
    const choice = list?.find((c) => c.name === group);
    return choice ? textIn(choice.label, formLang(form, lang), form.defaultLanguage) : group;
  };
  return (
    <>
      <PageHeader title={t('res.title')} subtitle={t('res.subtitle', { n: 5 })}>
        <div className="survey-actions">
          <label htmlFor="res-by">{t('res.by')}</label>
          <select id="res-by" value={by} onChange={(e) => setQuery({ por: e.target.value })}>
            {BY.map((b) => (
              <option key={b} value={b}>
                {t(`by.${b}`)}
              </option>
            ))}
          </select>
          <span>{t('res.export')}:</span>
          <a href={`${base}${qs({ format: 'csv', labels: 'labels', lang: lang === 'es' ? undefined : 'English (en)' })}`}>{t('res.csv')}</a>
          <a href={`${base}${qs({ format: 'xlsx', labels: 'labels' })}`}>{t('res.xlsx')}</a>
        </div>
      </PageHeader>
      <Async state={state}>
        {(data) => (
          <div className="grid grid-2">
            {data.indicators.map((ind) => (
              <section key={ind.code} className="card" aria-labelledby={`ind-${ind.code}`}>
                <h2 id={`ind-${ind.code}`}>{ind.label[lang]}</h2>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('res.group')}</th>
                        <th scope="col" className="num">
                          {t('res.respondents')}
                        </th>
                        <th scope="col" className="num">
                          {t('res.value')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...ind.cells.map((c) => ({ ...c, label: groupLabel(c.group) })), { ...ind.total, label: t('res.total') }].map((c) => (
                        <tr key={c.group}>
                          <th scope="row">{c.label}</th>
                          <td className="num">{c.suppressed ? t('res.suppressed') : c.respondents}</td>
                          <td className="num">{c.suppressed ? t('res.suppressed') : pct(c.value)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ))}
          </div>
        )}
      </Async>
      <SubmissionsTable formId={formId} form={form} />
    </>
  );
}
