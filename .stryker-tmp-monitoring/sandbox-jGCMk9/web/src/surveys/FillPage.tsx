/** Filling one submission: checked as the surveyor types, saved on the device at every change, sent when finished and online. */
// @ts-nocheck

import { useEffect, useMemo, useRef, useState } from 'react';
import { analyse } from '../../../src/modules/surveys/submission.domain.ts';
import type { Answers, FormDefinition } from '../../../src/modules/surveys/xlsform.model.ts';
import { Link, navigate, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { peruToday } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { Loading } from '../ui/states.tsx';
import { FormFields } from './FormFields.tsx';
import { m } from './messages.ts';
import { capture, formOf, refreshForms, saveRecord, syncOutbox, type CaptureRecord } from './store.ts';

/** The form's language for the app's: `Español (es)` for es, `English (en)` for en, else its default. */
export function formLang(form: FormDefinition, lang: 'es' | 'en'): string {
  const want = lang === 'es' ? /\(es\)|español|spanish/i : /\(en\)|english|inglés/i;
  return form.languages.find((l) => want.test(l)) ?? form.defaultLanguage;
}

const uuid = (): string => crypto.randomUUID();

/** The metadata ODK fills in itself: start, today, username (end when finished). */
function withMeta(form: FormDefinition, answers: Answers, username: string): Answers {
  const out = { ...answers };
  for (const n of form.children) {
    if (n.kind !== 'meta') continue;
    if (n.type === 'start' && !out[n.name]) out[n.name] = new Date().toISOString();
    if (n.type === 'today' && !out[n.name]) out[n.name] = peruToday();
    if (n.type === 'username' && !out[n.name]) out[n.name] = username;
  }
  return out;
}

export function FillPage({ formId, recordId }: { formId: string; recordId: string | null }) {
  const t = useT(m);
  const { lang } = useLang();
  const { me } = useSession();
  const [form, setForm] = useState<FormDefinition | null | undefined>(undefined);
  const [record, setRecord] = useState<CaptureRecord | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  useEffect(() => {
    // the address was just given this record's id: it is already open
    if (recordId && current.current === recordId) return;
    let live = true;
    void (async () => {
      const existing = recordId ? await capture.records.get(recordId) : undefined;
      let f = await formOf(formId, existing?.version);
      if (!f) {
        await refreshForms().catch(() => undefined);
        f = await formOf(formId, existing?.version);
      }
      if (!live) return;
      setForm(f?.definition ?? null);
      if (!f) return;
      const now = new Date().toISOString();
      const r: CaptureRecord = existing ?? {
        instanceId: uuid(),
        formId,
        version: f.version,
        answers: withMeta(f.definition, {}, me?.username ?? ''),
        status: 'draft',
        startedAt: now,
        updatedAt: now,
      };
      current.current = r.instanceId;
      setRecord(r);
      setTouched(new Set());
      setNotice(null);
      setShowAll(r.status === 'refused');
      if (!existing) {
        await saveRecord(r);
        // the address names the record, so a reload continues it
        setQuery({ id: r.instanceId }, { replace: true });
      }
    })();
    return () => {
      live = false;
    };
  }, [formId, recordId, me?.username]);

  const analysis = useMemo(() => (form && record ? analyse(form, record.answers, peruToday()) : null), [form, record]);
  if (form === undefined || (form && !record)) return <Loading />;
  if (form === null || !record || !analysis)
    return (
      <>
        <PageHeader title={t('title')} />
        <p className="state" role="alert">
          {t('formMissing')}
        </p>
      </>
    );

  const fl = formLang(form, lang);
  const editable = record.status === 'draft' || record.status === 'refused';
  const change = (answers: Answers, path: string) => {
    const next = { ...record, answers };
    setRecord(next);
    setTouched((s) => new Set(s).add(path));
    setNotice(null);
    void saveRecord(next);
  };
  const finish = async () => {
    setShowAll(true);
    if (analysis.errors.length) {
      setNotice(t('hasErrors', { n: analysis.errors.length }));
      return;
    }
    const end = form.children.find((n) => n.kind === 'meta' && n.type === 'end');
    const answers = end ? { ...record.answers, [end.name]: new Date().toISOString() } : record.answers;
    const queued: CaptureRecord = { ...record, answers, status: 'queued', completedAt: new Date().toISOString(), errors: [] };
    await saveRecord(queued);
    setRecord(queued);
    setNotice(t('queued'));
    window.dispatchEvent(new CustomEvent('veta-surveys-queued'));
    if (navigator.onLine) {
      await syncOutbox();
      const after = await capture.records.get(queued.instanceId);
      if (after) setRecord(after);
      if (after?.status === 'sent') setNotice(t('sentOk'));
      if (after?.status === 'refused') setNotice(t('refusedBy'));
    }
  };

  return (
    <>
      <PageHeader title={form.title} subtitle={`${t('version', { v: form.version })} · ${t(`status.${record.status}`)}`} />
      {record.status === 'refused' && (
        <div className="state state-error" role="alert">
          <p>{t('refusedBy')}</p>
          <ul>
            {(record.errors ?? []).map((e) => (
              <li key={`${e.path}-${e.code}`}>
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="survey-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void finish();
        }}
      >
        <fieldset disabled={!editable} className="survey-body">
          <FormFields form={form} lang={fl} answers={record.answers} analysis={analysis} shown={(p) => showAll || touched.has(p)} onChange={change} />
        </fieldset>
        {notice && (
          <p className="message-ok" role="status" aria-live="polite">
            {notice}
          </p>
        )}
        <div className="survey-actions">
          {editable && (
            <>
              <button
                type="button"
                onClick={() => {
                  void saveRecord(record).then(() => setNotice(t('saved')));
                }}
              >
                {t('saveDraft')}
              </button>
              <button type="submit" className="primary">
                {t('finish')}
              </button>
            </>
          )}
          {!editable && (
            <button type="button" onClick={() => navigate(`/encuestas/${encodeURIComponent(formId)}`)}>
              {t('newSurvey')}
            </button>
          )}
          <Link to="/encuestas">{t('back')}</Link>
        </div>
      </form>
    </>
  );
}
