import { useEffect, useState } from 'react';
import { useApi } from '../api/client.ts';
import type { AllowedAction, ExpedienteDetail } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { isOfficial, useSession } from '../app/session.tsx';
import { fmtDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Badge, Facts, PageHeader, StageBadge, StatusBadge, useTerm } from '../ui/bits.tsx';
import { Async } from '../ui/states.tsx';
import { ActionForm } from './ActionForm.tsx';
import { forgetExpedienteIndex } from './expediente-index.ts';
import { m } from './expediente-messages.ts';
import { AuditTrail, Checklist, Documents, Timeline } from './expediente-parts.tsx';

const keyOf = (a: AllowedAction): string => `${a.type}:${a.requirement ?? ''}`;

function Deadlines({ detail }: { detail: ExpedienteDetail }) {
  const t = useT(m);
  const term = useTerm();
  const pd = detail.processDeadline;
  const today = pd.on;
  return (
    <section className="card" aria-labelledby="deadlines-h">
      <h2 id="deadlines-h">{t('e.deadlines')}</h2>
      {detail.state.openObservations.length === 0 ? (
        <p>{t('e.noOpenObs')}</p>
      ) : (
        <ul>
          {detail.state.openObservations.map((o) => (
            <li key={o.actionId}>
              {t('e.obsDue', { requirement: term('req', o.requirement), date: fmtDate(o.dueOn) })}{' '}
              {o.dueOn < today && <Badge kind="overdue">{t('e.overdue')}</Badge>}
              <div className="note">{o.observations.join('; ')}</div>
            </li>
          ))}
        </ul>
      )}
      <p className="note">
        {pd.deadline === null
          ? t('e.noDeadline')
          : pd.processOpen
            ? t('e.processDeadline', { date: fmtDate(pd.deadline), instrument: pd.instrument ?? '' })
            : t('e.processClosed', { date: fmtDate(pd.deadline) })}
      </p>
    </section>
  );
}

function Actions({ detail, onChange }: { detail: ExpedienteDetail; onChange: (d: ExpedienteDetail, done: string) => void }) {
  const t = useT(m);
  const term = useTerm();
  const [open, setOpen] = useState<string | null>(null);
  const actions = detail.allowedActions;
  const current = actions.find((a) => keyOf(a) === open);
  return (
    <section className="card" aria-labelledby="actions-h">
      <h2 id="actions-h">{t('e.actions')}</h2>
      {actions.length === 0 && <p>{t('e.noActions')}</p>}
      <div className="row" style={{ justifyContent: 'flex-start' }}>
        {actions.map((a) => (
          <button
            key={keyOf(a)}
            type="button"
            className={open === keyOf(a) ? undefined : 'secondary'}
            aria-expanded={open === keyOf(a)}
            onClick={() => setOpen(open === keyOf(a) ? null : keyOf(a))}
          >
            {t(`do.${a.type}` as 'do.approve')}
            {a.requirement ? ` · ${term('req', a.requirement)}` : ''}
          </button>
        ))}
      </div>
      {current && (
        <div style={{ marginTop: 12 }}>
          <ActionForm
            key={open}
            detail={detail}
            action={current}
            onCancel={() => setOpen(null)}
            onDone={(d) => {
              setOpen(null);
              onChange(d, `${term('action', current.type)}${current.requirement ? ` · ${term('req', current.requirement)}` : ''}`);
            }}
          />
        </div>
      )}
    </section>
  );
}

export function ExpedientePage({ id }: { id: string }) {
  const t = useT(m);
  const { me } = useSession();
  const loaded = useApi<ExpedienteDetail>(`/api/formalization/expedientes/${encodeURIComponent(id)}`);
  const [fresh, setFresh] = useState<ExpedienteDetail | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setFresh(undefined);
    setDone(null);
  }, [id]);
  const state = fresh ? { ...loaded, data: fresh, error: undefined } : loaded;
  return (
    <Async state={state}>
      {(d) => {
        const ins = d.inscription;
        return (
          <>
            <PageHeader
              title={t('e.title', { id: d.id })}
              subtitle={t('e.subtitle', { declarant: ins.declarantName, ruc: ins.ruc, right: `${ins.miningRightCode} ${ins.miningRightName}` })}
            >
              <StageBadge stage={d.stage} />
            </PageHeader>
            <Facts
              items={[
                [t('e.inscription'), isOfficial(me) ? <Link to={`/inscripciones/${ins.id}`}>{`REINFO ${ins.id}`}</Link> : `REINFO ${ins.id}`],
                ['REINFO', <StatusBadge status={ins.status} />],
                [t('e.region'), ins.departmentName],
                [t('e.opened'), fmtDate(d.state.openedAt)],
                [t('e.last'), fmtDate(d.state.lastActionAt)],
                ...(d.state.formalizedAt ? [[t('e.formalizedAt'), fmtDate(d.state.formalizedAt)] as const] : []),
              ]}
            />
            {done && (
              <p className="message-ok" role="status">
                {t('e.done', { action: done })}
              </p>
            )}
            <div className="grid grid-2">
              <Actions
                detail={d}
                onChange={(next, label) => {
                  setFresh(next);
                  setDone(label);
                  setVersion((v) => v + 1);
                  forgetExpedienteIndex();
                }}
              />
              <Deadlines detail={d} />
              <section className="card" aria-labelledby="req-h">
                <h2 id="req-h">{t('e.requirements')}</h2>
                <Checklist detail={d} />
              </section>
              <section className="card" aria-labelledby="tl-h">
                <h2 id="tl-h">{t('e.timeline')}</h2>
                <Timeline detail={d} />
              </section>
            </div>
            {d.documents.length > 0 && (
              <>
                <h2>{t('e.documents')}</h2>
                <Documents detail={d} />
              </>
            )}
            {isOfficial(me) && <AuditTrail key={version} id={d.id} />}
          </>
        );
      }}
    </Async>
  );
}
