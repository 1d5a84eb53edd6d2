import { useApi } from '../api/client.ts';
import type { MinerExpediente, PublicInscription } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { fmtDate, fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Badge, Kpi, PageHeader, StageBadge, StatusBadge, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';

function FileCard({ e }: { e: MinerExpediente }) {
  const t = useT(m);
  const term = useTerm();
  return (
    <section className="card" aria-labelledby={`exp-${e.id}`}>
      <div className="row">
        <h2 id={`exp-${e.id}`} style={{ margin: 0 }}>
          {t('right', { code: e.inscription.miningRightCode, name: e.inscription.miningRightName })}
        </h2>
        <span>
          <StageBadge stage={e.stage} /> <StatusBadge status={e.inscription.status} />
        </span>
      </div>
      <p className="note">
        {term('activity', e.inscription.activity)} · {e.inscription.departmentName} · {t('last', { date: fmtDate(e.lastActionAt) })}
      </p>
      {e.openObservations.length > 0 && (
        <>
          <h3>{t('observations')}</h3>
          <ul>
            {e.openObservations.map((o) => (
              <li key={o.observationActionId}>
                <strong>{term('req', o.requirement)}:</strong> {o.observations.join('; ')}
                <div>
                  {t('due', { date: fmtDate(o.dueOn) })} —{' '}
                  {o.overdue ? <Badge kind="overdue">{t('daysOver', { n: Math.abs(o.businessDaysLeft) })}</Badge> : t('daysLeft', { n: o.businessDaysLeft })}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('missing')}</h3>
      {e.missing.length === 0 ? (
        <p>{t('noneMissing')}</p>
      ) : (
        <ul className="checklist">
          {e.missing.map((r) => (
            <li key={r.requirement}>
              <div className="row">
                <strong>{term('req', r.requirement)}</strong>
                <Badge kind={r.status}>{term('reqStatus', r.status)}</Badge>
              </div>
              {r.waitingFor.length > 0 && <div className="note">{t('waiting', { list: r.waitingFor.map((w) => term('req', w)).join(', ') })}</div>}
              {r.yourActions.length > 0 && (
                <div>{t('youCan', { list: r.yourActions.map((a) => (a === 'file' || a === 'correct' ? t(`verb.${a}`) : term('action', a))).join(', ') })}</div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link className="button" to={`/expedientes/${e.id}`}>
          {e.openObservations.length > 0 || e.allowedActions.length > 0 ? t('answer') : t('open')}
        </Link>
      </p>
    </section>
  );
}

export function MinerHome() {
  const t = useT(m);
  const term = useTerm();
  const files = useApi<MinerExpediente[]>('/api/me/expedientes');
  const inscriptions = useApi<PublicInscription[]>('/api/me/inscriptions');
  const columns: Column<PublicInscription>[] = [
    { key: 'code', label: t('col.code'), value: (r) => r.miningRightCode },
    { key: 'name', label: t('col.right'), value: (r) => r.miningRightName },
    { key: 'act', label: t('col.activity'), value: (r) => term('activity', r.activity) },
    { key: 'dep', label: t('col.department'), value: (r) => r.departmentName },
    { key: 'date', label: t('col.date'), value: (r) => r.inscriptionDate, render: (r) => fmtDate(r.inscriptionDate) },
    { key: 'st', label: t('col.status'), value: (r) => r.status, render: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Async state={files}>
        {(list) => {
          const obs = list.flatMap((e) => e.openObservations);
          const pd = list[0]?.processDeadline;
          return (
            <>
              <div className="kpis">
                <Kpi label={t('files')} value={fmtInt(list.length)} />
                <Kpi label={t('openObs')} value={fmtInt(obs.length)} />
                <Kpi label={t('overdue')} value={fmtInt(obs.filter((o) => o.overdue).length)} />
              </div>
              {pd?.deadline && <p className="note">{t('deadline', { date: fmtDate(pd.deadline), instrument: pd.instrument ?? '' })}</p>}
              {list.length === 0 && <p>{t('none')}</p>}
              <div className="grid grid-2">
                {[...list]
                  .sort((a, b) => b.openObservations.length - a.openObservations.length || b.allowedActions.length - a.allowedActions.length)
                  .map((e) => (
                    <FileCard key={e.id} e={e} />
                  ))}
              </div>
            </>
          );
        }}
      </Async>
      <h2>{t('inscriptions')}</h2>
      <Async state={inscriptions}>{(rows) => <DataTable columns={columns} rows={rows} />}</Async>
    </>
  );
}
