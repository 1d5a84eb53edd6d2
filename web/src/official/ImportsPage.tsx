import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Job } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { fmtInt, fmtPct, peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { ServerMessage, useServerT, type MessageParams } from '../i18n/server.tsx';
import { Facts, PageHeader } from '../ui/bits.tsx';
import { downloadBlob, downloadText } from '../ui/csv.ts';
import { csvOf, DataTable, type Column } from '../ui/DataTable.tsx';
import { ErrorBox } from '../ui/states.tsx';
import { fmtDateTime } from '../i18n/format.ts';
import { listMessages } from '../ui/list-messages.ts';
import { ListTable, type ListColumn } from '../ui/ListTable.tsx';
import { fileText, rejectedRowsCsv, rejectedRowsXlsx, uploadForBlob, uploadForm } from './import-files.ts';
import { ih } from './imports-messages.ts';
import { m } from './ops-messages.ts';

/** An entry of `GET /api/imports` (src/platform/imports/history.ts). */
interface HistoryEntry {
  importId: number | null;
  jobId: number | null;
  kind: string;
  status: 'running' | 'done' | 'failed' | 'interrupted' | 'queued';
  committed: boolean;
  actor: string;
  fileName: string | null;
  createdAt: string;
  finishedAt: string | null;
  counts: { inserted: number; updated: number; unchanged: number; rejected: number };
  records: number | null;
  errorCount: number;
}
const HISTORY_KINDS = ['reinfo', 'recpo', 'ledger', 'cadastre', 'dac', 'areas', 'policy_matrix', 'trainings', 'survey-submissions', 'iati'] as const;
type HistoryKind = (typeof HISTORY_KINDS)[number];
const isKind = (k: string): k is HistoryKind => HISTORY_KINDS.some((x) => x === k);
const HISTORY_STATUSES = ['done', 'failed', 'running', 'interrupted'] as const;

type Kind = 'reinfo' | 'recpo' | 'ledger';
interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
  code?: string;
  params?: MessageParams;
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
        ...(typeof e['code'] === 'string' ? { code: e['code'] } : {}),
        ...(e['params'] && typeof e['params'] === 'object' ? { params: e['params'] as MessageParams } : {}),
      }))
    : [];
  const counts: Record<string, number> = {};
  for (const k of ['inserted', 'updated', 'unchanged', 'rejected']) if (typeof r[k] === 'number') counts[k] = r[k] as number;
  return { counts, errors, ...(typeof r['message'] === 'string' ? { message: r['message'] } : {}) };
}

export function ImportsPage() {
  const t = useT(m);
  const server = useServerT();
  const th = useT(ih);
  // only the imports the server lets this role run (the auditor reads the history, uploads nothing)
  const { can } = useSession();
  const kinds: Kind[] = (['reinfo', 'recpo', 'ledger'] as const).filter((k) => can(`POST /api/imports/${k}`));
  const [kind, setKind] = useState<Kind>('reinfo');
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState(peruToday());
  const [skip, setSkip] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [uploaded, setUploaded] = useState<File | null>(null);
  const [cutting, setCutting] = useState<number | null>(null);
  const [finished, setFinished] = useState(0);
  // the job's entry in the history: its import number (the one the API and the audit give) and the rows of its file
  const [entry, setEntry] = useState<HistoryEntry | null>(null);

  useEffect(() => {
    if (!job || (job.status !== 'done' && job.status !== 'failed')) return;
    setFinished((n) => n + 1);
    api<HistoryEntry>(`/api/imports/jobs/${job.id}`).then(setEntry, () => setEntry(null));
  }, [job?.id, job?.status]);

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
    setEntry(null);
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
    { key: 'why', label: t('im.why'), value: (r) => server.rowError(r).text, render: (r) => <ServerMessage message={server.rowError(r)} /> },
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
      {kinds.length > 0 && (
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
      )}
      {error && <ErrorBox error={error} />}
      {job && (
        <section className="card" aria-live="polite" style={{ marginTop: 16 }}>
          <h2>
            {entry?.jobId === job.id
              ? entry.importId !== null
                ? th('ih.importNumber', { id: entry.importId })
                : th('ih.uploadNumber', { id: job.id })
              : th('ih.upload', { id: job.id })}
          </h2>
          <p>
            <strong>{t(`im.status.${job.status}`)}</strong>
            {job.total ? ` · ${t('im.rows', { done: fmtInt(job.processed), total: fmtInt(job.total) })}` : ''}
          </p>
          <progress className="progress" aria-label={t('im.progress')} max={job.total ?? 1} value={result ? (job.total ?? 1) : job.processed} />
          {result && (
            <>
              {job.status === 'failed' && (
                <p className="state state-error">{server.lang === 'en' && result.message ? result.message : t('im.failedNothing')}</p>
              )}
              {entry?.jobId === job.id && entry.records !== null && (
                <p data-testid="import-summary">
                  {th('ih.summary', {
                    records: fmtInt(entry.records),
                    inserted: fmtInt(entry.counts.inserted),
                    updated: fmtInt(entry.counts.updated),
                    unchanged: fmtInt(entry.counts.unchanged),
                    rejected: fmtInt(entry.counts.rejected),
                  })}
                </p>
              )}
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
      <ImportHistory refresh={finished} />
    </>
  );
}

/** Who imported what and when: the history as a list (filters, sort, pages, export), each upload's errors and rejected rows again. */
function ImportHistory({ refresh }: { refresh: number }) {
  const t = useT(m);
  const th = useT(ih);
  const tl = useT(listMessages);
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const columns: ListColumn<HistoryEntry>[] = [
    {
      key: 'number',
      sort: 'id',
      numeric: true,
      label: th('ih.number'),
      value: (r) => r.importId ?? null,
      render: (r) => (r.importId !== null ? `#${r.importId}` : th('ih.upload', { id: r.jobId ?? '—' })),
    },
    { key: 'when', sort: 'created', numeric: true, label: th('ih.when'), value: (r) => r.createdAt, render: (r) => fmtDateTime(r.createdAt) },
    { key: 'who', sort: 'actor', label: th('ih.who'), value: (r) => r.actor },
    { key: 'file', sort: 'file', label: th('ih.file'), value: (r) => r.fileName },
    { key: 'kind', sort: 'kind', label: th('ih.kind'), value: (r) => (isKind(r.kind) ? th(`ih.kind.${r.kind}`) : r.kind) },
    { key: 'status', sort: 'status', label: th('ih.status'), value: (r) => t(`im.status.${r.status === 'interrupted' ? 'failed' : r.status}`) },
    { key: 'records', numeric: true, label: th('ih.records'), value: (r) => r.records, format: fmtInt },
    {
      key: 'result',
      label: th('ih.result'),
      value: (r) =>
        th('ih.counts', {
          inserted: fmtInt(r.counts.inserted),
          updated: fmtInt(r.counts.updated),
          unchanged: fmtInt(r.counts.unchanged),
          rejected: fmtInt(r.counts.rejected),
        }),
    },
    {
      key: 'errors',
      label: th('ih.errors'),
      value: (r) => r.errorCount,
      render: (r) => (r.jobId !== null && r.errorCount > 0 ? <ErrorsAgain entry={r} /> : '—'),
    },
  ];
  const filters = (
    <>
      <div className="field">
        <label htmlFor="ih-kind">{th('ih.kind')}</label>
        <select id="ih-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{tl('list.any')}</option>
          {HISTORY_KINDS.map((k) => (
            <option key={k} value={k}>
              {th(`ih.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ih-status">{th('ih.status')}</label>
        <select id="ih-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{tl('list.any')}</option>
          {HISTORY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`im.status.${s === 'interrupted' ? 'failed' : s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ih-q">{th('ih.fileName')}</label>
        <input id="ih-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ih-from">{tl('list.from')}</label>
        <input id="ih-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ih-to">{tl('list.to')}</label>
        <input id="ih-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
    </>
  );
  return (
    <section className="card" style={{ marginTop: 16 }} data-testid="import-history">
      <h2>{th('ih.title')}</h2>
      <p className="note">{th('ih.note')}</p>
      <ListTable
        path="/api/imports"
        params={{ kind, status, q: q.trim(), from, to, v: refresh || null }}
        columns={columns}
        rowKey={(r) => `${r.importId ?? ''}-${r.jobId ?? ''}`}
        sort="created"
        dir="desc"
        pageSize={25}
        exportName="importaciones"
        filters={filters}
      />
    </section>
  );
}

/** An upload's row errors as a file again, and its rejected rows cut out of the same file chosen again. */
function ErrorsAgain({ entry }: { entry: HistoryEntry }) {
  const th = useT(ih);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const jobId = entry.jobId!;
  const cut = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const xlsx = /\.xlsx$/i.test(file.name);
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setError(null);
    try {
      const blob = await uploadForBlob(`/api/imports/rejected-rows?job=${jobId}&format=${xlsx ? 'xlsx' : 'csv'}`, form, () => undefined);
      downloadBlob(`${file.name.replace(/\.[^.]+$/, '')}.rechazadas.${xlsx ? 'xlsx' : 'csv'}`, blob);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="row" style={{ gap: 8, justifyContent: 'flex-start' }}>
      <a href={`/api/imports/jobs/${jobId}/errors?format=csv`} download>
        {th('ih.errorsCsv')} ({entry.errorCount})
      </a>
      {entry.kind !== 'ledger' && (
        <label className="link-button" title={th('ih.rejectedPick')}>
          {busy ? '…' : th('ih.rejectedAgain')}
          <input type="file" accept=".csv,.xlsx,.txt" className="sr-only" aria-label={th('ih.rejectedPick')} onChange={(e) => void cut(e.target.files?.[0])} />
        </label>
      )}
      {error && <ErrorBox error={error} />}
    </span>
  );
}
