/** The surveyor's home: the forms on the device and the submissions kept on it, with their state. */
import { useCallback, useEffect, useState } from 'react';
import { Link } from '../app/router.tsx';
import { isOfficial, useSession } from '../app/session.tsx';
import { fmtDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { FormUpload } from './FormUpload.tsx';
import { m } from './messages.ts';
import { capture, refreshForms, syncOutbox, type CaptureRecord, type StoredForm } from './store.ts';

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

export function FormsPage() {
  const t = useT(m);
  const { me, can } = useSession();
  const online = useOnline();
  const [forms, setForms] = useState<StoredForm[] | null>(null);
  const [records, setRecords] = useState<CaptureRecord[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => setRecords(await capture.records.orderBy('updatedAt').reverse().toArray()), []);
  const loadForms = useCallback(() => {
    void refreshForms()
      .catch(() => capture.forms.where('latest').equals(1).toArray())
      .then(setForms);
  }, []);

  useEffect(() => {
    loadForms();
    void load();
    const onSync = () => void load();
    window.addEventListener('veta-surveys-synced', onSync);
    return () => window.removeEventListener('veta-surveys-synced', onSync);
  }, [load, loadForms]);

  const title = (formId: string) => forms?.find((f) => f.formId === formId)?.title ?? formId;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <p className={online ? 'badge badge-vigente' : 'badge badge-suspendido'} role="status" aria-live="polite">
          {online ? t('online') : t('offline')}
        </p>
      </PageHeader>
      <section className="card" aria-labelledby="survey-forms">
        <h2 id="survey-forms">{t('forms')}</h2>
        {forms === null ? null : forms.length === 0 ? (
          <p className="state">{t('noForms')}</p>
        ) : (
          <ul className="hits">
            {forms.map((f) => (
              <li key={f.key}>
                <strong>{f.title}</strong> <span className="subtitle">{t('version', { v: f.version })}</span>{' '}
                <Link className="button" to={`/encuestas/${encodeURIComponent(f.formId)}`}>
                  {t('start')}
                </Link>{' '}
                {isOfficial(me) && <Link to={`/encuestas/${encodeURIComponent(f.formId)}/resultados`}>{t('results')}</Link>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {can('POST /api/surveys/forms') && <FormUpload onDone={loadForms} />}
      <section className="card" aria-labelledby="survey-outbox">
        <h2 id="survey-outbox">{t('outbox')}</h2>
        {records.length === 0 ? (
          <p className="state">{t('noRecords')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('col.form')}</th>
                  <th scope="col">{t('col.status')}</th>
                  <th scope="col">{t('col.updated')}</th>
                  <th scope="col">{t('col.id')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('continue')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.instanceId} data-status={r.status}>
                    <td>{title(r.formId)}</td>
                    <td>{t(`status.${r.status}`)}</td>
                    <td>{fmtDateTime(r.updatedAt)}</td>
                    <td>
                      <code>{r.instanceId.slice(0, 8)}</code>
                    </td>
                    <td>
                      <Link to={`/encuestas/${encodeURIComponent(r.formId)}?id=${r.instanceId}`}>
                        {r.status === 'refused' ? t('correct') : r.status === 'sent' ? t('view') : t('continue')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {records.some((r) => r.status === 'queued') && online && (
          <button type="button" onClick={() => void syncOutbox().then((s) => setNotice(t('synced', { sent: s.sent, refused: s.refused })))}>
            {t('syncNow')}
          </button>
        )}
        {notice && (
          <p className="message-ok" role="status">
            {notice}
          </p>
        )}
      </section>
    </>
  );
}
