/** Upload with progress, and the rejected rows cut out of the original file (a CSV here, an XLSX by the server). */
import { ApiError, CSRF_HEADER, csrfTokenNow } from '../api/client.ts';
import type { Problem } from '../api/types.ts';
import { toCsv } from '../ui/csv.ts';

/** POSTs a multipart form, reporting the bytes sent (fetch cannot on a slow link). */
export function uploadForm<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return send(url, form, onProgress, 'text').then((text) => JSON.parse(text) as T);
}

/** POSTs a multipart form and takes the answer as a file (a Blob). */
export function uploadForBlob(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<Blob> {
  return send(url, form, onProgress, 'blob');
}

function send(url: string, form: FormData, onProgress: (fraction: number) => void, as: 'text'): Promise<string>;
function send(url: string, form: FormData, onProgress: (fraction: number) => void, as: 'blob'): Promise<Blob>;
function send(url: string, form: FormData, onProgress: (fraction: number) => void, as: 'text' | 'blob'): Promise<string | Blob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const csrf = csrfTokenNow();
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.withCredentials = true;
    xhr.responseType = as;
    xhr.setRequestHeader('accept', as === 'text' ? 'application/json' : '*/*');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'offline' }));
    xhr.onload = async () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      if (ok) return resolve(xhr.response as string | Blob);
      const text = as === 'text' ? (xhr.response as string) : await (xhr.response as Blob).text();
      let problem: Problem;
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        problem = { detail: xhr.statusText };
      }
      reject(new ApiError(xhr.status, problem));
    };
    xhr.send(form);
  });
}

/** The rows a finished import rejected, as an XLSX the server cuts out of the file sent again. */
export function rejectedRowsXlsx(jobId: number, file: File, onProgress: (fraction: number) => void): Promise<Blob> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForBlob(`/api/imports/rejected-rows?job=${jobId}&format=xlsx`, form, onProgress);
}

/** The file's text: UTF-8, or Windows-1252 as Excel in Spanish often saves it. */
export async function fileText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** CSV records (quotes, doubled quotes and newlines inside quotes), with the delimiter of the header. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * The original rows that were rejected (spreadsheet row numbers: the header is row 1),
 * with a last column saying why, ready to fix in Excel and upload again.
 */
export function rejectedRowsCsv(text: string, errors: readonly { row: number; message: string; column?: string }[]): string {
  const records = parseCsv(text);
  const header = records[0] ?? [];
  const why = new Map<number, string[]>();
  for (const e of errors) why.set(e.row, [...(why.get(e.row) ?? []), e.column ? `${e.column}: ${e.message}` : e.message]);
  const rows = [...why.keys()].sort((a, b) => a - b).map((row) => [...(records[row - 1] ?? []), (why.get(row) ?? []).join(' | ')]);
  return toCsv([...header, 'ERRORES'], rows);
}
