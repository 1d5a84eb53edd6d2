// @ts-nocheck
import { qs, useApi } from '../api/client.ts';
import type { Department, ExpedienteList as ListOut, ExpedienteListItem } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtDate, fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader, StageBadge, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';

const STAGES = ['in_progress', 'technical_file', 'start_authorization', 'formalized', 'suspended', 'excluded'] as const;
const PAGE = 50;

export function ExpedienteList({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const term = useTerm();
  const { me } = useSession();
  const stage = query.get('stage') ?? '';
  const region = me?.role === 'regional' ? '' : (query.get('region') ?? '');
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const ruc = /^\d{11}$/.test(query.get('ruc') ?? '') ? query.get('ruc')! : '';
  const list = useApi<ListOut>(`/api/formalization/expedientes${qs({ stage, region, ruc, limit: PAGE, offset })}`);
  const departments = useApi<Department[]>(me?.role === 'regional' ? null : '/api/public/territory/departments');
  const columns: Column<ExpedienteListItem>[] = [
    { key: 'id', label: t('p.expediente'), value: (r) => r.id, render: (r) => <Link to={`/expedientes/${r.id}`}>{`#${r.id}`}</Link> },
    { key: 'decl', label: t('l.declarant'), value: (r) => r.declarantName },
    { key: 'ruc', label: 'RUC', value: (r) => r.ruc },
    { key: 'right', label: t('l.right'), value: (r) => r.miningRightCode },
    { key: 'dept', label: t('rd.region'), value: (r) => r.departmentName },
    { key: 'stage', label: t('l.stage'), value: (r) => term('stage', r.stage), render: (r) => <StageBadge stage={r.stage} /> },
    { key: 'opened', label: t('l.opened'), value: (r) => r.openedAt, render: (r) => fmtDate(r.openedAt) },
    { key: 'last', label: t('l.last'), value: (r) => r.lastActionAt, render: (r) => fmtDate(r.lastActionAt) },
  ];
  return (
    <>
      <PageHeader title={t('l.title')} subtitle={list.data ? t('l.subtitle', { n: fmtInt(list.data.total) }) : undefined} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="l-stage">{t('l.stage')}</label>
          <select id="l-stage" value={stage} onChange={(e) => setQuery({ stage: e.target.value, offset: null })}>
            <option value="">{t('l.any')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {term('stage', s)}
              </option>
            ))}
          </select>
        </div>
        {me?.role !== 'regional' && (
          <div className="field">
            <label htmlFor="l-region">{t('rd.region')}</label>
            <select id="l-region" value={region} onChange={(e) => setQuery({ region: e.target.value, offset: null })}>
              <option value="">{t('l.any')}</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {ruc && (
          <p className="field">
            {t('l.ruc', { ruc })}{' '}
            <button type="button" className="secondary" onClick={() => setQuery({ ruc: null, offset: null })}>
              {t('l.clearRuc')}
            </button>
          </p>
        )}
      </form>
      <Async state={list}>
        {(l) => (
          <>
            <DataTable columns={columns} rows={l.items} pageSize={PAGE} csvName="expedientes" rowKey={(r) => String(r.id)} />
            <nav className="row" aria-label={t('l.title')}>
              <button type="button" className="secondary" disabled={offset === 0} onClick={() => setQuery({ offset: Math.max(0, offset - PAGE) || null })}>
                {t('l.prev')}
              </button>
              <span>{t('l.page', { from: fmtInt(l.total ? offset + 1 : 0), to: fmtInt(offset + l.items.length), total: fmtInt(l.total) })}</span>
              <button type="button" className="secondary" disabled={offset + PAGE >= l.total} onClick={() => setQuery({ offset: offset + PAGE })}>
                {t('l.next')}
              </button>
            </nav>
          </>
        )}
      </Async>
    </>
  );
}
