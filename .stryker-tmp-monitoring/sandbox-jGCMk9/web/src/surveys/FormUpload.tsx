/** Publishing a form from the web app: an XLSForm workbook becomes a new form version (national officials, administrators). */
// @ts-nocheck

import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useT } from '../i18n/i18n.tsx';
import { m } from './messages.ts';

interface Imported {
  formId: string;
  version: string;
  fields: number;
  status: 'inserted' | 'unchanged';
}
interface SheetError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export function FormUpload({ onDone }: { onDone: () => void }) {
  const t = useT(m);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [errors, setErrors] = useState<SheetError[] | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setErrors(null);
    setResult(null);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      setResult(await api<Imported>('/api/surveys/forms', { method: 'POST', body }));
      onDone();
    } catch (err) {
      const list = err instanceof ApiError ? (err.problem['errors'] as SheetError[] | undefined) : undefined;
      setErrors(list ?? [{ sheet: '', row: 0, column: '', message: err instanceof Error ? err.message : String(err) }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="form-upload">
      <h2 id="form-upload">{t('upload.title')}</h2>
      <div className="field">
        <label htmlFor="xlsform-file">{t('upload.file')}</label>
        <input
          id="xlsform-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" disabled={!file || busy}>
        {t('upload.send')}
      </button>
      {result && (
        <p className="message-ok" role="status">
          {t(result.status === 'inserted' ? 'upload.done' : 'upload.same', { formId: result.formId, version: result.version, fields: result.fields })}
        </p>
      )}
      {errors && (
        <div className="state state-error" role="alert">
          <p>{t('upload.refused')}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e.sheet ? t('upload.where', { sheet: e.sheet, row: e.row, column: e.column, message: e.message }) : e.message}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
