import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Job } from '../api/types.ts';
import { fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { fileText, rejectedRowsCsv, rejectedRowsXlsx, uploadForm } from '../official/import-files.ts';
import { Facts, PageHeader } from '../ui/bits.tsx';
import { downloadBlob, downloadText } from '../ui/csv.ts';
import { csvOf, DataTable, type Column } from '../ui/DataTable.tsx';
import { ErrorBox } from '../ui/states.tsx';
import { m } from './messages.ts';

interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
  code: string;
}

type Key = keyof typeof m.es & string;

/** Upload of an attendance list to the shared import pipeline (`POST /api/imports/trainings`), its progress and its row errors in Spanish. */
export function UploadPage() {
  const t = useT(m);
  const server = useServerT();
  const [file, setFile] = useState<File | null>(null);
  const [skip, setSkip] = useState(false);
  const [sending, setSending] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(
      () => api<Job>(`/api/jobs/${job.id}`).then(setJob, (e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, {}))),
      1000,
    );
    return () => clearTimeout(timer);
  }, [job]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setJob(null);
    setSending(true);
    const form = new FormData();
    form.append('skipInvalid', String(skip));
    form.append('file', file, file.name);
    try {
      const { jobId } = await uploadForm<{ jobId: number }>('/api/imports/trainings', form, () => undefined);
      setJob({ id: jobId, kind: 'import.trainings', status: 'running', processed: 0, total: null, result: null });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    } finally {
      setSending(false);
    }
  };

  const finished = job !== null && (job.status === 'done' || job.status === 'failed');
  const result = (finished ? (job.result ?? {}) : {}) as Record<string, unknown>;
  const errors = (Array.isArray(result['errors']) ? result['errors'] : []) as RowError[];
  const why = (e: RowError): string => {
    const key = `err.${e.code}` as Key;
    return key in m.es ? t(key) : server.rowError(e).text;
  };
  const columns: Column<RowError>[] = [
    { key: 'row', label: t('up.row'), value: (r) => r.row, numeric: true },
    { key: 'column', label: t('up.column'), value: (r) => r.column },
    { key: 'value', label: t('up.value'), value: (r) => r.value },
    { key: 'why', label: t('up.why'), value: why },
  ];
  const base = (file?.name ?? 'lista').replace(/\.[^.]+$/, '');
  const rejected = async (): Promise<void> => {
    if (!file || !job) return;
    if (/\.xlsx$/i.test(file.name)) downloadBlob(`${base}.rechazadas.xlsx`, await rejectedRowsXlsx(job.id, file, () => undefined));
    else
      downloadText(
        `${base}.rejected.csv`,
        rejectedRowsCsv(
          await fileText(file),
          errors.map((e) => ({ ...e, message: why(e) })),
        ),
      );
  };
  return (
    <>
      <PageHeader title={t('up.title')} subtitle={t('up.columns')} />
      <form className="card" onSubmit={(e) => void submit(e)} style={{ maxWidth: 640 }}>
        <div className="field">
          <label htmlFor="up-file">{t('up.file')}</label>
          <input id="up-file" type="file" required accept=".csv,.xlsx,.txt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> {t('up.skip')}
          </label>
        </div>
        <button type="submit" disabled={!file || sending || (job !== null && !finished)}>
          {sending ? t('up.sending') : t('up.send')}
        </button>
      </form>
      {error && <ErrorBox error={error} />}
      {job && (
        <section className="card" aria-live="polite" style={{ marginTop: 16 }}>
          <p>
            <strong>{t(`up.status.${job.status}` as Key)}</strong>
          </p>
          <progress className="progress" aria-label={t('up.status.running')} max={job.total ?? 1} value={finished ? (job.total ?? 1) : job.processed} />
          {finished && (
            <>
              <Facts
                items={(['inserted', 'updated', 'unchanged', 'rejected'] as const)
                  .filter((k) => typeof result[k] === 'number')
                  .map((k) => [t(`up.${k}`), fmtInt(result[k] as number)] as const)}
              />
              {errors.length > 0 && (
                <>
                  <div className="row" style={{ justifyContent: 'flex-start' }}>
                    <button type="button" className="secondary" onClick={() => downloadText(`${base}.errors.csv`, csvOf(columns, errors))}>
                      {t('up.errorsCsv')}
                    </button>
                    <button type="button" className="secondary" onClick={() => void rejected()}>
                      {t(file && /\.xlsx$/i.test(file.name) ? 'up.rejectedXlsx' : 'up.rejectedCsv')}
                    </button>
                  </div>
                  <DataTable columns={columns} rows={errors} rowKey={(r, i) => `${r.row}-${r.column}-${i}`} />
                </>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
