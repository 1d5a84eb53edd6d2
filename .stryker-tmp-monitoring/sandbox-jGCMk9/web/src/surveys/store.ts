/**
 * The device's side of capture, in IndexedDB (Dexie): the forms downloaded for offline
 * use, and every submission the surveyor starts — a draft, then finished and queued,
 * then sent (with the server's receipt) or refused (kept, with the fields and rules to
 * correct). Each carries the instanceID made when it was started, so a re-send after a
 * lost answer is stored once by the server. Nothing here is ever deleted by a sync.
 */
// @ts-nocheck

import { Dexie, type EntityTable } from 'dexie';
import { api, ApiError } from '../api/client.ts';
import type { Answers, FormDefinition } from '../../../src/modules/surveys/xlsform.model.ts';

export interface StoredForm {
  /** `${formId}@${version}` */
  key: string;
  formId: string;
  version: string;
  title: string;
  definition: FormDefinition;
  fetchedAt: string;
  latest: 0 | 1;
}

export type RecordStatus = 'draft' | 'queued' | 'sent' | 'refused';

export interface ServerError {
  field: string;
  path: string;
  rule: string;
  code: string;
  message: string;
}

export interface CaptureRecord {
  instanceId: string;
  formId: string;
  version: string;
  answers: Answers;
  status: RecordStatus;
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
  receipt?: { submissionId: number; receivedAt: string; departmentCode: string };
  errors?: ServerError[];
}

class CaptureDb extends Dexie {
  forms!: EntityTable<StoredForm, 'key'>;
  records!: EntityTable<CaptureRecord, 'instanceId'>;
  constructor() {
    super('veta-surveys');
    this.version(1).stores({ forms: 'key, formId, latest', records: 'instanceId, formId, status, updatedAt' });
  }
}

export const capture = new CaptureDb();

interface FormSummary {
  formId: string;
  version: string;
  title: string;
}
interface FormOut extends FormSummary {
  definition: FormDefinition;
}

/** Downloads every form's latest version for offline use; offline, the stored ones stand. */
export async function refreshForms(): Promise<StoredForm[]> {
  try {
    const list = await api<FormSummary[]>('/api/surveys/forms');
    for (const f of list) {
      const key = `${f.formId}@${f.version}`;
      if (!(await capture.forms.get(key))) {
        const full = await api<FormOut>(`/api/surveys/forms/${encodeURIComponent(f.formId)}?version=${encodeURIComponent(f.version)}`);
        await capture.forms.put({
          key,
          formId: f.formId,
          version: f.version,
          title: f.title,
          definition: full.definition,
          fetchedAt: new Date().toISOString(),
          latest: 0,
        });
      }
      await capture.transaction('rw', capture.forms, async () => {
        for (const old of await capture.forms.where('formId').equals(f.formId).toArray()) await capture.forms.put({ ...old, latest: old.key === key ? 1 : 0 });
      });
    }
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 0) throw err;
  }
  return capture.forms.where('latest').equals(1).sortBy('title');
}

export const formOf = (formId: string, version?: string): Promise<StoredForm | undefined> =>
  version ? capture.forms.get(`${formId}@${version}`) : capture.forms.where({ formId, latest: 1 }).first();

export async function saveRecord(r: CaptureRecord): Promise<void> {
  await capture.records.put({ ...r, updatedAt: new Date().toISOString() });
}

/** Changes some properties of a stored record (read, merged, written back). */
async function patch(instanceId: string, changes: Partial<CaptureRecord>): Promise<void> {
  await capture.transaction('rw', capture.records, async () => {
    const r = await capture.records.get(instanceId);
    if (r) await capture.records.put({ ...r, ...changes, updatedAt: new Date().toISOString() });
  });
}

let syncing: Promise<{ sent: number; refused: number }> | null = null;

/**
 * Sends every queued submission, one at a time; a refused one is kept and marked with
 * its errors, a network failure leaves it queued for the next attempt.
 */
export function syncOutbox(): Promise<{ sent: number; refused: number }> {
  syncing ??= (async () => {
    let sent = 0;
    let refused = 0;
    try {
      const queued = await capture.records.where('status').equals('queued').toArray();
      for (const r of queued) {
        try {
          const receipt = await api<{ submissionId: number; receivedAt: string; departmentCode: string }>('/api/surveys/submissions', {
            method: 'POST',
            json: {
              formId: r.formId,
              version: r.version,
              instanceId: r.instanceId,
              answers: r.answers,
              ...(r.completedAt ? { completedAt: r.completedAt } : {}),
            },
          });
          await patch(r.instanceId, {
            status: 'sent',
            receipt: { submissionId: receipt.submissionId, receivedAt: receipt.receivedAt, departmentCode: receipt.departmentCode },
            errors: [],
          });
          sent++;
        } catch (err) {
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 401) break;
          const errors = (err.problem['errors'] as ServerError[] | undefined) ?? [
            { field: '', path: '', rule: 'server', code: String(err.problem['code'] ?? err.status), message: err.message },
          ];
          await patch(r.instanceId, { status: 'refused', errors });
          refused++;
        }
      }
    } finally {
      syncing = null;
    }
    window.dispatchEvent(new CustomEvent('veta-surveys-synced'));
    return { sent, refused };
  })();
  return syncing;
}

let listening = false;
/**
 * Syncs now and whenever the connection comes back; while submissions wait, tries again
 * on a back-off (5 s doubling to a minute): a device's "online" is not always a working
 * connection, nor is every reconnection announced.
 */
export function syncWhenOnline(): void {
  if (listening) return;
  listening = true;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = async (): Promise<void> => {
    clearTimeout(timer);
    if (navigator.onLine) await syncOutbox().catch(() => undefined);
    const waiting = await capture.records.where('status').equals('queued').count();
    failures = waiting ? failures + 1 : 0;
    if (waiting) timer = setTimeout(() => void attempt(), Math.min(60_000, 5000 * 2 ** Math.min(failures - 1, 4)));
  };
  window.addEventListener('online', () => {
    failures = 0;
    void attempt();
  });
  window.addEventListener('veta-surveys-queued', () => {
    failures = 0;
    void attempt();
  });
  void attempt();
}
