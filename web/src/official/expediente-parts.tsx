/** Parts of the expediente page: requirements checklist, timeline, documents, audit trail. */
import { qs, useApi } from '../api/client.ts';
import type { ActionOut, AuditEntry, ExpedienteDetail } from '../api/types.ts';
import { fmtDate, fmtDateTime, fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { Badge, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './expediente-messages.ts';

export const REQUIREMENTS = ['igafom', 'mining_right_access', 'surface_land', 'technical_file', 'start_authorization'] as const;
type Requirement = ExpedienteDetail['state']['requirements'][(typeof REQUIREMENTS)[number]];

function RequirementItem({ r }: { r: Requirement }) {
  const t = useT(m);
  const term = useTerm();
  return (
    <li data-requirement={r.code}>
      <div className="row">
        <strong>{term('req', r.code)}</strong>
        <Badge kind={r.status}>{term('reqStatus', r.status)}</Badge>
      </div>
      <div className="note">
        {r.status === 'not_started' && !r.availableSince ? t('e.notAvailable') : null}
        {r.attempt > 0 && <>{t('e.attempt', { n: r.attempt })} · </>}
        {r.since && t('e.since', { date: fmtDate(r.since) })}
        {r.reviewerUserId && <> · {t('e.reviewer', { who: r.reviewerUserId })}</>}
        {r.decision?.resolutionNumber && <> · {t('e.resolution', { n: r.decision.resolutionNumber })}</>}
      </div>
      {r.observations.length > 0 && (
        <details>
          <summary>
            {t('e.observations')} ({r.observations.length})
          </summary>
          <ul>
            {r.observations.map((o) => (
              <li key={o.actionId}>
                {o.observations.join('; ')} — {t('e.dueOn', { date: fmtDate(o.dueOn) })}
                {o.correctedAt ? `, ${t('e.correctedAt', { date: fmtDate(o.correctedAt) })}` : `, ${t('e.pending')}`}
                {o.late && (
                  <>
                    {' '}
                    <Badge kind="overdue">{t('e.late')}</Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function Checklist({ detail }: { detail: ExpedienteDetail }) {
  const reqs = REQUIREMENTS.map((c) => detail.state.requirements[c]).filter((r): r is Requirement => !!r);
  return (
    <ul className="checklist">
      {reqs.map((r) => (
        <RequirementItem key={r.code} r={r} />
      ))}
    </ul>
  );
}

function Summary({ a }: { a: ActionOut }) {
  const t = useT(m);
  const p = a.payload;
  const str = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const parts: string[] = [];
  if (Array.isArray(p['observations'])) parts.push((p['observations'] as unknown[]).map(String).join('; '));
  if (typeof p['deadlineBusinessDays'] === 'number') parts.push(t('e.deadlineDays', { n: p['deadlineBusinessDays'] }));
  if (str('observationActionId')) parts.push(t('e.answers', { id: str('observationActionId')! }));
  if (str('resolutionNumber')) parts.push(t('e.resolution', { n: str('resolutionNumber')! }));
  if (str('reason')) parts.push(t('e.reason', { reason: str('reason')! }));
  if (str('effectiveOn')) parts.push(t('e.effective', { date: fmtDate(str('effectiveOn')) }));
  if (str('note')) parts.push(t('e.note', { note: str('note')! }));
  const access = p['access'] as { mode?: string; concessionCode?: string } | undefined;
  if (access?.mode) parts.push(t('e.access', { mode: t(`f.mode.${access.mode}` as 'f.mode.own_concession'), code: access.concessionCode ?? '' }));
  if (str('technicalFileKind')) parts.push(t('e.kind', { kind: t(`f.kind.${str('technicalFileKind')}` as 'f.kind.processing') }));
  return parts.length ? <div>{parts.join(' · ')}</div> : null;
}

export function Timeline({ detail }: { detail: ExpedienteDetail }) {
  const t = useT(m);
  const term = useTerm();
  const amended = new Map(detail.state.timeline.map((e) => [e.actionId, e.amendedBy]));
  const docs = new Map(detail.documents.map((d) => [d.id, d]));
  const actions = [...detail.actions].reverse();
  return (
    <ol className="timeline" data-testid="timeline">
      {actions.map((a) => (
        <li key={a.id} data-action={a.type}>
          <div className="when">
            <time dateTime={a.at}>{fmtDateTime(a.at)}</time> · {t('e.by', { who: a.actor.userId, role: term('actorRole', a.actor.role) })}
          </div>
          <strong>{term('action', a.type)}</strong>
          {a.requirement && <> · {term('req', a.requirement)}</>}
          <Summary a={a} />
          {a.documentIds.length > 0 && (
            <ul>
              {a.documentIds.map((id) => {
                const d = docs.get(id);
                return d ? (
                  <li key={id}>
                    <a href={d.url}>{d.name}</a> <span className="note">({fmtInt(d.size)} B)</span>
                  </li>
                ) : null;
              })}
            </ul>
          )}
          {(amended.get(a.id) ?? []).length > 0 && <div className="note">{t('e.amendedBy', { ids: (amended.get(a.id) ?? []).join(', ') })}</div>}
        </li>
      ))}
    </ol>
  );
}

export function Documents({ detail }: { detail: ExpedienteDetail }) {
  const t = useT(m);
  const term = useTerm();
  type Doc = ExpedienteDetail['documents'][number];
  const columns: Column<Doc>[] = [
    { key: 'name', label: t('e.name'), value: (d) => d.name, render: (d) => <a href={d.url}>{d.name}</a> },
    { key: 'req', label: t('e.requirement'), value: (d) => term('req', d.requirement) },
    { key: 'size', label: t('e.size'), value: (d) => d.size, format: (v) => `${fmtInt(v)} B`, numeric: true },
    { key: 'sha', label: 'SHA-256', value: (d) => d.sha256, render: (d) => <code title={d.sha256}>{d.sha256.slice(0, 12)}…</code> },
  ];
  return <DataTable columns={columns} rows={detail.documents} pageSize={20} />;
}

/** The audit entries of the expediente (remount it with a new key after a write). */
export function AuditTrail({ id }: { id: number }) {
  const t = useT(m);
  const audit = useApi<AuditEntry[]>(`/api/audit${qs({ entity: 'expediente', entityId: id, limit: 100 })}`);
  const server = useServerT();
  const columns: Column<AuditEntry>[] = [
    { key: 'seq', label: t('e.seq'), value: (a) => a.seq, numeric: true },
    { key: 'at', label: t('e.at'), value: (a) => a.at, render: (a) => fmtDateTime(a.at) },
    { key: 'actor', label: t('e.actor'), value: (a) => `${a.actor} (${a.actorRole})` },
    { key: 'action', label: t('e.action'), value: (a) => server.label('audit', a.action) },
    { key: 'hash', label: t('e.hash'), value: (a) => a.hash, render: (a) => <code title={a.hash}>{a.hash.slice(0, 12)}…</code> },
  ];
  return (
    <section className="card" data-testid="audit">
      <h2>{t('e.audit')}</h2>
      <p className="note">{t('e.auditNote')}</p>
      <Async state={audit}>{(rows) => <DataTable columns={columns} rows={rows} csvName={`auditoria-expediente-${id}`} />}</Async>
    </section>
  );
}
