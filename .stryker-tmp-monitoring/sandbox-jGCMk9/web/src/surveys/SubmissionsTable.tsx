/** The submissions an official may see, a page at a time: when, where, from where, and the first answers. */
// @ts-nocheck

import { useState } from 'react';
import type { z } from 'zod';
import type { submissionsOut } from '../../../src/modules/surveys/surveys.schema.ts';
import { tableSpecs } from '../../../src/modules/surveys/submission-table.domain.ts';
import type { FormDefinition } from '../../../src/modules/surveys/xlsform.model.ts';
import { qs, useApi } from '../api/client.ts';
import { fmtDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';

type Page = z.output<typeof submissionsOut>;
const PAGE = 50;

export function SubmissionsTable({ formId, form }: { formId: string; form: FormDefinition | undefined }) {
  const t = useT(m);
  const [offset, setOffset] = useState(0);
  const state = useApi<Page>(`/api/surveys/forms/${encodeURIComponent(formId)}/submissions${qs({ limit: PAGE, offset })}`);
  const columns = form ? (tableSpecs(form)[0]?.columns ?? []).filter((c) => !['start', 'end', 'today'].includes(c.field)).slice(0, 6) : [];
  return (
    <section className="card" aria-labelledby="subs-title">
      <h2 id="subs-title">{t('subs.title')}</h2>
      <Async state={state}>
        {(page) => (
          <>
            <p className="subtitle">{t('subs.count', { n: page.total, from: page.total ? offset + 1 : 0, to: Math.min(offset + PAGE, page.total) })}</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('subs.received')}</th>
                    <th scope="col">{t('subs.department')}</th>
                    <th scope="col">{t('subs.source')}</th>
                    {columns.map((c) => (
                      <th key={c.header} scope="col">
                        {c.header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((r) => (
                    <tr key={r.instanceId}>
                      <td>{fmtDateTime(r.receivedAt)}</td>
                      <td>{r.departmentCode}</td>
                      <td>{r.source}</td>
                      {columns.map((c) => (
                        <td key={c.header}>{typeof r.answers[c.field] === 'string' ? (r.answers[c.field] as string) : ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="survey-actions">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('subs.prev')}
              </button>
              <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                {t('subs.next')}
              </button>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}
