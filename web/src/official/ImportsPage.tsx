import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Job } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { fmtInt, fmtPct, peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Facts, PageHeader } from '../ui/bits.tsx';
import { downloadBlob, downloadText } from '../ui/csv.ts';
import { csvOf, DataTable, type Column } from '../ui/DataTable.tsx';
import { ErrorBox } from '../ui/states.tsx';
import { fileText, rejectedRowsCsv, rejectedRowsXlsx, uploadForm } from './import-files.ts';
import { m } from './ops-messages.ts';

type Kind = 'reinfo' | 'recpo' | 'ledger';
interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
}
interface Result {
  counts: Record<string, number>;
  errors: RowError[];
  message?: string;
}

/** The job's result, whatever the importer (REINFO/RECPO: row/column/value; ledger: row/id/field). */
function resultOf(job: Job): Result {
  const r = (job.result ?? {}) as Record<string, unknown>;
  const errors = Array.isArray(r['errors'])
    ? (r['errors'] as Record<string, unknown>[]).map((e) => ({
        row: Number(e['row']),
        column: String(e['column'] ?? e['field'] ?? ''),
        value: String(e['value'] ?? e['id'] ?? ''),
        message: String(e['message'] ?? ''),
      }))
    : [];
  const counts: Record<string, number> = {};
  for (const k of ['inserted', 'updated', 'unchanged', 'rejected']) if (typeof r[k] === 'number') counts[k] = r[k] as number;
  return { counts, errors, ...(typeof r['message'] === 'string' ? { message: r['message'] } : {}) };
}

export function ImportsPage() {
  const t = useT(m);
  const { me } = useSession();
  const national = me?.role === 'national' || me?.role === 'admin';
  const kinds: Kind[] = national ? ['reinfo', 'recpo', 'ledger'] : ['reinfo'];
  const [kind, setKind] = useState<Kind>('reinfo');
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState(peruToday());
  const [skip, setSkip] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [uploaded, setUploaded] = useState<File | null>(null);
  const [cutting, setCutting] = useState<number | null>(null);

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api<Job>(`/api/jobs/${job.id}`).then(setJob, (e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, {})));
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setJob(null);
    setSent(0);
    const form = new FormData();
    if (kind === 'reinfo') form.append('asOf', asOf);
    if (kind !== 'ledger') form.append('skipInvalid', String(skip));
    form.append('file', file, file.name);
    try {
      const { jobId } = await uploadForm<{ jobId: number }>(`/api/imports/${kind}`, form, setSent);
      setUploaded(file);
      setJob({ id: jobId, kind, status: 'running', processed: 0, total: null, result: null });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    } finally {
      setSent(null);
    }
  };

  const result = job && (job.status === 'done' || job.status === 'failed') ? resultOf(job) : null;
  const columns: Column<RowError>[] = [
    { key: 'row', label: t('im.row'), value: (r) => r.row, numeric: true },
    { key: 'col', label: t('im.column'), value: (r) => r.column },
    { key: 'val', label: t('im.value'), value: (r) => r.value },
    { key: 'why', label: t('im.why'), value: (r) => r.message },
  ];
  const base = (uploaded?.name ?? 'lista').replace(/\.[^.]+$/, '');
  const isXlsx = !!uploaded && /\.xlsx$/i.test(uploaded.name);
  // REINFO and RECPO lists have rows to cut out; a ledger file (JSONL) is all or nothing
  const tabular = job !== null && !job.kind.endsWith('ledger');
  const downloadRejected = async (): Promise<void> => {
    if (!uploaded || !result || !job) return;
    if (!isXlsx) {
      downloadText(`${base}.rejected.csv`, rejectedRowsCsv(await fileText(uploaded), result.errors));
      return;
    }
    // An XLSX is cut by the server (reading it here would need a spreadsheet library): the file goes up again.
    setError(null);
    setCutting(0);
    try {
      downloadBlob(`${base}.rechazadas.xlsx`, await rejectedRowsXlsx(job.id, uploaded, setCutting));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    } finally {
      setCutting(null);
    }
  };

  return (
    <>
      <PageHeader title={t('im.title')} subtitle={t('im.subtitle')} />
      <form className="card" onSubmit={(e) => void submit(e)} style={{ maxWidth: 640 }}>
        <div className="field">
          <label htmlFor="im-kind">{t('im.kind')}</label>
          <select id="im-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`im.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="im-file">{t('im.file')}</label>
          <input
            id="im-file"
            type="file"
            required
            accept={kind === 'ledger' ? '.jsonl,.json,.txt' : '.csv,.xlsx,.txt'}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {kind === 'reinfo' && (
          <div className="field">
            <label htmlFor="im-asof">{t('im.asOf')}</label>
            <input id="im-asof" type="date" required value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </div>
        )}
        {kind !== 'ledger' && (
          <div className="field">
            <label className="check">
              <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> {t('im.skip')}
            </label>
          </div>
        )}
        <button type="submit" disabled={!file || sent !== null || (job !== null && !result)}>
          {sent !== null ? `${t('im.uploading')} ${fmtPct(sent * 100, 0)}` : t('im.upload')}
        </button>
      </form>
      {error && <ErrorBox error={error} />}
      {job && (
        <section className="card" aria-live="polite" style={{ marginTop: 16 }}>
          <h2>{t('im.job', { id: job.id })}</h2>
          <p>
            <strong>{t(`im.status.${job.status}`)}</strong>
            {job.total ? ` · ${t('im.rows', { done: fmtInt(job.processed), total: fmtInt(job.total) })}` : ''}
          </p>
          <progress className="progress" aria-label={t('im.progress')} max={job.total ?? 1} value={result ? (job.total ?? 1) : job.processed} />
          {result && (
            <>
              {job.status === 'failed' && <p className="state state-error">{result.message ?? t('im.failedNothing')}</p>}
              <Facts items={Object.entries(result.counts).map(([k, n]) => [t(`im.${k}` as 'im.inserted'), fmtInt(n)] as const)} />
              {result.errors.length > 0 && (
                <>
                  <h3>{t('im.errors')}</h3>
                  <div className="row" style={{ justifyContent: 'flex-start' }}>
                    <button type="button" className="secondary" onClick={() => downloadText(`${base}.errors.csv`, csvOf(columns, result.errors))}>
                      {t('im.downloadErrors')}
                    </button>
                    {uploaded && tabular && (
                      <button type="button" className="secondary" disabled={cutting !== null} onClick={() => void downloadRejected()}>
                        {cutting !== null ? `${t('im.preparing')} ${fmtPct(cutting * 100, 0)}` : t(isXlsx ? 'im.downloadRejectedXlsx' : 'im.downloadRejected')}
                      </button>
                    )}
                  </div>
                  {isXlsx && tabular && <p className="note">{t('im.rejectedXlsx')}</p>}
                  <DataTable columns={columns} rows={result.errors} rowKey={(r, i) => `${r.row}-${r.column}-${i}`} />
                </>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
