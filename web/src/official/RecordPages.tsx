/** An inscription and a mining right. */
import { useMemo, useState } from 'react';
import type { Geometry } from 'geojson';
import { api, useApi } from '../api/client.ts';
import type { ExpedienteDetail, InscriptionDetail, MiningRight } from '../api/types.ts';
import { Link, navigate } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtDate, fmtHa, fmtNum } from '../i18n/format.ts';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { Facts, PageHeader, StageBadge, StatusBadge, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { forgetExpedienteIndex, useExpedienteIndex } from './expediente-index.ts';
import { LazyMap } from './LazyMap.tsx';
import { OverlapWarnings } from '../map/OverlapWarnings.tsx';
import { m } from './messages.ts';
import { useDepartmentName } from './PeoplePages.tsx';

function Stratum({ stratum }: { stratum: InscriptionDetail['stratum'] }) {
  const term = useTerm();
  return (
    <div>
      <strong>{term('stratum', stratum.stratum)}</strong>
      <ul>
        {stratum.explanation.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      {stratum.legalSource && <p className="note">{stratum.legalSource}</p>}
    </div>
  );
}

function ExpedienteLink({ ins }: { ins: InscriptionDetail }) {
  const t = useT(m);
  const server = useServerT();
  const { can } = useSession();
  const index = useExpedienteIndex(ins.expedienteId === null ? undefined : [{ inscription: ins.id }]);
  const [error, setError] = useState<string | null>(null);
  if (ins.expedienteId !== null) {
    const e = index?.get(ins.id);
    return (
      <p>
        <Link to={`/expedientes/${ins.expedienteId}`}>{`${t('i.expediente')} #${ins.expedienteId}`}</Link> {e && <StageBadge stage={e.stage} />}
      </p>
    );
  }
  const open = async (): Promise<void> => {
    try {
      const created = await api<ExpedienteDetail>('/api/formalization/expedientes', { method: 'POST', json: { inscriptionId: ins.id } });
      forgetExpedienteIndex();
      navigate(`/expedientes/${created.id}`);
    } catch (err) {
      setError(server.error(err));
    }
  };
  return (
    <div>
      <p>{t('p.noExpediente')}</p>
      {can('POST /api/formalization/expedientes') && (
        <button type="button" onClick={() => void open()}>
          {t('i.openExpediente')}
        </button>
      )}
      {error && <p className="state state-error">{error}</p>}
    </div>
  );
}

export function InscriptionPage({ id }: { id: string }) {
  const t = useT(m);
  const term = useTerm();
  const ins = useApi<InscriptionDetail>(`/api/registry/inscriptions/${encodeURIComponent(id)}`);
  const dept = useDepartmentName();
  const points = useMemo(() => (ins.data?.front ? [{ ...ins.data.front, label: ins.data.miningRight.name }] : []), [ins.data]);
  type H = InscriptionDetail['history'][number];
  const columns: Column<H>[] = [
    { key: 'st', label: t('p.status'), value: (h) => h.status, render: (h) => <StatusBadge status={h.status} /> },
    { key: 'eff', label: t('i.effective'), value: (h) => h.effectiveDate, render: (h) => fmtDate(h.effectiveDate) },
    { key: 'why', label: t('i.reason'), value: (h) => h.reason },
    { key: 'by', label: t('i.actor'), value: (h) => h.actor },
  ];
  return (
    <Async state={ins}>
      {(i) => (
        <>
          <PageHeader title={t('i.title', { id: i.id })} subtitle={<StatusBadge status={i.status} />} />
          <Facts
            items={[
              [
                t('i.declarant'),
                i.personId ? (
                  <Link to={`/personas/${i.personId}`}>{i.declarantName}</Link>
                ) : i.organizationId ? (
                  <Link to={`/organizaciones/${i.organizationId}`}>{i.declarantName}</Link>
                ) : (
                  i.declarantName
                ),
              ],
              ['RUC', i.ruc],
              [t('i.right'), <Link to={`/derechos/${encodeURIComponent(i.miningRight.code)}`}>{`${i.miningRight.code} · ${i.miningRight.name}`}</Link>],
              [t('p.activity'), term('activity', i.activity)],
              [t('i.hectares'), fmtHa(i.miningRight.hectares === null ? null : Number(i.miningRight.hectares))],
              [t('i.capacity'), fmtNum(i.miningRight.capacity === null ? null : Number(i.miningRight.capacity), 2)],
              [t('i.verification'), t(i.miningRight.verification === 'verified' ? 'i.verification.verified' : 'i.verification.declared_unverified')],
              [t('i.department'), dept(i.departmentCode)],
              [t('i.district'), i.districtCode ?? '—'],
              [t('i.date'), fmtDate(i.inscriptionDate)],
              [t('i.front'), i.front ? `${fmtNum(i.front.lat, 5)}, ${fmtNum(i.front.lon, 5)}` : '—'],
            ]}
          />
          <div className="grid grid-2">
            <section className="card">
              <h3>{t('i.stratum')}</h3>
              <Stratum stratum={i.stratum} />
              <h3>{t('i.expediente')}</h3>
              <ExpedienteLink ins={i} />
            </section>
            <section className="card">
              <h3>{t('i.front')}</h3>
              <LazyMap label={t('i.front')} points={points} />
            </section>
          </div>
          <OverlapWarnings overlaps={i.overlaps} />
          <h2>{t('i.history')}</h2>
          <DataTable columns={columns} rows={i.history} />
        </>
      )}
    </Async>
  );
}

export function RightPage({ code }: { code: string }) {
  const t = useT(m);
  const tc = useT(common);
  const right = useApi<MiningRight>(`/api/registry/rights/${encodeURIComponent(code)}`);
  const dept = useDepartmentName();
  type Dac = MiningRight['dac'][number];
  return (
    <Async state={right}>
      {(r) => (
        <>
          <PageHeader title={t('r.title', { code: r.code })} subtitle={r.name} />
          <Facts
            items={[
              [t('r.holder'), r.holderName ?? '—'],
              [t('i.hectares'), fmtHa(r.hectares)],
              [t('r.substance'), t(`r.substance.${r.substance}`)],
              [t('i.capacity'), fmtNum(r.capacity, 2)],
              [t('i.department'), dept(r.departmentCode)],
              [t('i.district'), r.districtCode ?? '—'],
              [t('i.verification'), t(r.verification === 'verified' ? 'i.verification.verified' : 'i.verification.declared_unverified')],
            ]}
          />
          <div className="grid grid-2">
            <section className="card">
              <h3>{t('r.polygon')}</h3>
              {r.geometry ? <LazyMap label={t('r.polygon')} geometry={r.geometry as Geometry} /> : <p>{t('r.noPolygon')}</p>}
            </section>
            <section className="card">
              <h3>{t('i.stratum')}</h3>
              <Stratum stratum={r.stratum} />
              <h3>{t('r.dac')}</h3>
              <DataTable
                columns={[
                  { key: 'y', label: tc('common.year'), value: (d: Dac) => d.year },
                  { key: 's', label: t('p.status'), value: (d) => t(`r.dac.${d.status}`) },
                ]}
                rows={r.dac}
              />
            </section>
          </div>
        </>
      )}
    </Async>
  );
}
