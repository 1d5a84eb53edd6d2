/** The form of one workflow action (review, observe, approve, file, correct…): builds the API's body. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { ActionBody, AllowedAction, ExpedienteDetail } from '../api/types.ts';
import { common } from '../i18n/common.ts';
import { peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { useTerm } from '../ui/bits.tsx';
import { readUpload, type UploadDoc } from '../ui/upload.ts';
import { m } from './expediente-messages.ts';

const SUSPENSION = ['igafom_not_filed', 'ruc_inactive', 'ruc_not_third_category', 'chemicals_not_registered', 'production_not_declared', 'other'] as const;
const EXCLUSION = ['permanence_not_restored', 'prohibited_area', 'inactivity', 'false_information', 'own_request', 'death_or_dissolution', 'other'] as const;
const MODES = ['own_concession', 'exploitation_contract', 'cession_contract'] as const;

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

interface Props {
  detail: ExpedienteDetail;
  action: AllowedAction;
  onDone: (result: ExpedienteDetail) => void;
  onCancel: () => void;
}

export function ActionForm({ detail, action, onDone, onCancel }: Props) {
  const t = useT(m);
  const tc = useT(common);
  const term = useTerm();
  const server = useServerT();
  const { type, requirement } = action;
  const id = `act-${type}-${requirement ?? 'x'}`;
  const openObs = detail.state.openObservations.filter((o) => o.requirement === requirement);
  const [v, setV] = useState<Record<string, string>>({
    deadline: '10',
    effectiveOn: peruToday(),
    observation: openObs[0]?.actionId ?? '',
    mode: 'own_concession',
    concession: detail.inscription.miningRightCode,
    startsOn: peruToday(),
    kind: 'exploitation',
    reasonCode: type === 'exclude' ? EXCLUSION[0] : SUSPENSION[0],
  });
  const [files, setFiles] = useState<File[]>([]);
  const [contract, setContract] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: string) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  const text = (k: string): string | undefined => v[k]?.trim() || undefined;
  const needsAccess = (type === 'file' || type === 'correct') && requirement === 'mining_right_access';
  const accessRequired = type === 'file' && needsAccess;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const documents: UploadDoc[] = await Promise.all(files.map(readUpload));
      const payload: Record<string, unknown> = {};
      if (['start_review', 'approve', 'file', 'correct'].includes(type) && text('note')) payload['note'] = text('note');
      if (type === 'observe') {
        payload['observations'] = (v['observations'] ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean);
        payload['deadlineBusinessDays'] = Number(v['deadline']);
      }
      if ((type === 'approve' || type === 'reject') && text('resolution')) payload['resolutionNumber'] = text('resolution');
      if (['reject', 'suspend', 'exclude', 'reinstate'].includes(type)) payload['reason'] = text('reason');
      if (type === 'suspend' || type === 'exclude') payload['reasonCode'] = v['reasonCode'];
      if (['suspend', 'exclude', 'reinstate'].includes(type)) payload['effectiveOn'] = v['effectiveOn'];
      if (type === 'correct') payload['observationActionId'] = v['observation'];
      if ((type === 'file' || type === 'correct') && requirement === 'technical_file' && (type === 'file' || text('kind')))
        payload['technicalFileKind'] = v['kind'];
      if (needsAccess && (contract || accessRequired)) {
        if (!contract) throw new Error(t('f.contractNeeded'));
        const doc = await readUpload(contract);
        documents.push(doc);
        const own = v['mode'] === 'own_concession';
        payload['access'] = {
          mode: v['mode'],
          concessionCode: text('concession'),
          ...(own ? {} : { counterparty: { name: text('counterparty'), documentNumber: text('counterpartyDoc') }, signedOn: v['signedOn'] }),
          startsOn: v['startsOn'],
          ...(text('endsOn') ? { endsOn: v['endsOn'] } : {}),
          documentSha256: doc.sha256,
        };
      }
      const body: ActionBody = { type: type as ActionBody['type'], ...(requirement ? { requirement } : {}), payload, documents };
      const result = await api<ExpedienteDetail>(`/api/formalization/expedientes/${detail.id}/actions`, { method: 'POST', json: body });
      onDone(result);
    } catch (err) {
      setError(server.error(err));
      setBusy(false);
    }
  };

  const title = `${t(`do.${type}` as 'do.approve')}${requirement ? ` · ${term('req', requirement)}` : ''}`;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={title}>
      <h3>{title}</h3>
      {type === 'observe' && (
        <>
          <Field id={`${id}-obs`} label={t('f.observations')}>
            <textarea id={`${id}-obs`} rows={4} cols={60} required value={v['observations'] ?? ''} onChange={set('observations')} />
          </Field>
          <Field id={`${id}-days`} label={t('f.deadline')}>
            <input id={`${id}-days`} type="number" min={1} max={90} required value={v['deadline']} onChange={set('deadline')} />
          </Field>
        </>
      )}
      {type === 'correct' && (
        <Field id={`${id}-o`} label={t('f.observation')}>
          <select id={`${id}-o`} value={v['observation']} onChange={set('observation')} required>
            {openObs.map((o) => (
              <option key={o.actionId} value={o.actionId}>
                {o.observations.join('; ')}
              </option>
            ))}
          </select>
        </Field>
      )}
      {(type === 'approve' || type === 'reject') && (
        <Field id={`${id}-res`} label={t('f.resolution')}>
          <input id={`${id}-res`} maxLength={100} value={v['resolution'] ?? ''} onChange={set('resolution')} />
        </Field>
      )}
      {(type === 'suspend' || type === 'exclude') && (
        <Field id={`${id}-rc`} label={t('f.reasonCode')}>
          <select id={`${id}-rc`} value={v['reasonCode']} onChange={set('reasonCode')}>
            {(type === 'exclude' ? EXCLUSION : SUSPENSION).map((c) => (
              <option key={c} value={c}>
                {t(`rc.${c}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {['reject', 'suspend', 'exclude', 'reinstate'].includes(type) && (
        <Field id={`${id}-why`} label={t('f.reason')}>
          <textarea id={`${id}-why`} rows={2} cols={60} required value={v['reason'] ?? ''} onChange={set('reason')} />
        </Field>
      )}
      {['suspend', 'exclude', 'reinstate'].includes(type) && (
        <Field id={`${id}-eff`} label={t('f.effectiveOn')}>
          <input id={`${id}-eff`} type="date" required value={v['effectiveOn']} onChange={set('effectiveOn')} />
        </Field>
      )}
      {(type === 'file' || type === 'correct') && requirement === 'technical_file' && (
        <Field id={`${id}-kind`} label={t('f.technicalKind')}>
          <select id={`${id}-kind`} value={v['kind']} onChange={set('kind')}>
            <option value="exploitation">{t('f.kind.exploitation')}</option>
            <option value="processing">{t('f.kind.processing')}</option>
          </select>
        </Field>
      )}
      {needsAccess && (
        <fieldset>
          <legend>{t('f.accessMode')}</legend>
          <Field id={`${id}-mode`} label={t('f.accessMode')}>
            <select id={`${id}-mode`} value={v['mode']} onChange={set('mode')}>
              {MODES.map((mo) => (
                <option key={mo} value={mo}>
                  {t(`f.mode.${mo}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-con`} label={t('f.concession')}>
            <input id={`${id}-con`} required={accessRequired} value={v['concession']} onChange={set('concession')} />
          </Field>
          {v['mode'] !== 'own_concession' && (
            <>
              <Field id={`${id}-cp`} label={t('f.counterparty')}>
                <input id={`${id}-cp`} required={accessRequired} value={v['counterparty'] ?? ''} onChange={set('counterparty')} />
              </Field>
              <Field id={`${id}-cpd`} label={t('f.counterpartyDoc')}>
                <input
                  id={`${id}-cpd`}
                  required={accessRequired}
                  pattern="\d{8}|\d{11}"
                  inputMode="numeric"
                  value={v['counterpartyDoc'] ?? ''}
                  onChange={set('counterpartyDoc')}
                />
              </Field>
              <Field id={`${id}-sign`} label={t('f.signedOn')}>
                <input id={`${id}-sign`} type="date" required={accessRequired} value={v['signedOn'] ?? ''} onChange={set('signedOn')} />
              </Field>
            </>
          )}
          <Field id={`${id}-start`} label={t('f.startsOn')}>
            <input id={`${id}-start`} type="date" value={v['startsOn']} onChange={set('startsOn')} />
          </Field>
          <Field id={`${id}-end`} label={t('f.endsOn')}>
            <input id={`${id}-end`} type="date" value={v['endsOn'] ?? ''} onChange={set('endsOn')} />
          </Field>
          <Field id={`${id}-contract`} label={t('f.contract')}>
            <input id={`${id}-contract`} type="file" required={accessRequired} onChange={(e) => setContract(e.target.files?.[0] ?? null)} />
          </Field>
        </fieldset>
      )}
      {['start_review', 'approve', 'file', 'correct'].includes(type) && (
        <Field id={`${id}-note`} label={t('f.note')}>
          <textarea id={`${id}-note`} rows={2} cols={60} value={v['note'] ?? ''} onChange={set('note')} />
        </Field>
      )}
      {['file', 'correct', 'observe', 'approve', 'reject'].includes(type) && (
        <Field id={`${id}-docs`} label={t('f.documents')}>
          <input
            id={`${id}-docs`}
            type="file"
            multiple
            required={(type === 'file' || type === 'correct') && !needsAccess}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </Field>
      )}
      {error && (
        <p className="state state-error" role="alert">
          {error}
        </p>
      )}
      <div className="row" style={{ justifyContent: 'flex-start' }}>
        <button type="submit" disabled={busy}>
          {busy ? t('f.sending') : t('f.submit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}
