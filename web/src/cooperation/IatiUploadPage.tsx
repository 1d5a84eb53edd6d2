import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { m } from './messages.ts';

interface IatiResult {
  activities: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: { line: number; element: string; message: string }[];
}
type IatiError = IatiResult['errors'][number];

/** An agency's IATI activity file, uploaded by the cooperation unit: the same import as `veta import iati`. */
export function IatiUploadPage() {
  const t = useT(m);
  const server = useServerT();
  const { can } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [onlyPeru, setOnlyPeru] = useState(true);
  const [result, setResult] = useState<IatiResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!can('POST /api/cooperation/iati'))
    return (
      <p className="state" role="alert">
        {t('form.notAllowed')}
      </p>
    );
  const columns: Column<IatiError>[] = [
    { key: 'line', label: t('iati.line'), value: (e) => e.line, numeric: true },
    { key: 'element', label: t('iati.element'), value: (e) => e.element },
    { key: 'message', label: t('iati.reason'), value: (e) => e.message },
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    const body = new FormData();
    body.append('file', file);
    try {
      setResult(await api<IatiResult>(`/api/cooperation/iati${onlyPeru ? '?country=PE' : ''}`, { method: 'POST', body }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setResult(err.problem as unknown as IatiResult);
      else setFailure(server.error(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('iati.title')} subtitle={t('iati.subtitle')} />
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="coop-iati-file">
          {t('iati.file')}
          <input id="coop-iati-file" type="file" accept=".xml,application/xml,text/xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={onlyPeru} onChange={(e) => setOnlyPeru(e.target.checked)} /> {t('iati.onlyPeru')}
        </label>
        <button type="submit" disabled={!file || busy}>
          {t('iati.import')}
        </button>
      </form>
      {failure && (
        <p className="state state-error" role="alert">
          {failure}
        </p>
      )}
      {result && (
        <section className="card" aria-live="polite">
          <p data-testid="iati-result">
            {result.errors.length > 0
              ? t('iati.refused', { n: result.errors.length })
              : t('iati.done', { activities: result.activities, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged })}
          </p>
          {result.errors.length > 0 && <DataTable columns={columns} rows={result.errors} csvName="iati-errores" rowKey={(e, i) => `${e.line}-${i}`} />}
        </section>
      )}
    </>
  );
}
