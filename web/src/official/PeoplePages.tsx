/** Profiles of a miner (natural person) and of a mining organization. */
import { useApi } from '../api/client.ts';
import type { Department, ExpedienteListItem, Organization, Person } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { fmtDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Facts, PageHeader, StageBadge, StatusBadge, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { useExpedienteIndex } from './expediente-index.ts';
import { CertificationsCard, LotsCard, PremiumCard, ProductionCard } from './ledger-cards.tsx';
import { ServicesReceived } from '../services/ServicesReceived.tsx';
import { m } from './messages.ts';

type InscriptionRef = Person['inscriptions'][number];

export function useDepartmentName(): (code: string | null | undefined) => string {
  const deps = useApi<Department[]>('/api/public/territory/departments');
  return (code) => (code ? `${deps.data?.find((d) => d.code === code)?.name ?? ''} (${code})`.trim() : '—');
}

/** Inscriptions with their expediente: the link from the registry's answer, the stage from the expedientes list. */
function InscriptionsTable({ rows, index, csv }: { rows: readonly InscriptionRef[]; index: Map<number, ExpedienteListItem> | undefined; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const columns: Column<InscriptionRef>[] = [
    { key: 'id', label: 'ID', value: (r) => r.id, render: (r) => <Link to={`/inscripciones/${r.id}`}>{`REINFO ${r.id}`}</Link> },
    {
      key: 'right',
      label: t('p.code'),
      value: (r) => r.miningRightCode,
      render: (r) => <Link to={`/derechos/${encodeURIComponent(r.miningRightCode)}`}>{r.miningRightCode}</Link>,
    },
    { key: 'act', label: t('p.activity'), value: (r) => term('activity', r.activity) },
    { key: 'status', label: t('p.status'), value: (r) => r.status, render: (r) => <StatusBadge status={r.status} /> },
    {
      key: 'exp',
      label: t('p.expediente'),
      value: (r) => r.expedienteId,
      render: (r) => {
        if (r.expedienteId === null) return t('p.noExpediente');
        const e = index?.get(r.id);
        return (
          <>
            <Link to={`/expedientes/${r.expedienteId}`}>{`${t('p.open')} #${r.expedienteId}`}</Link> {e && <StageBadge stage={e.stage} />}
          </>
        );
      },
    },
  ];
  return <DataTable columns={columns} rows={rows} csvName={csv} rowKey={(r) => String(r.id)} />;
}

/** The link to the expedientes list filtered by the RUC, when it has any. */
function ExpedientesLink({ ruc, rows }: { ruc: string | undefined; rows: readonly InscriptionRef[] }) {
  const t = useT(m);
  const n = rows.filter((r) => r.expedienteId !== null && r.ruc === ruc).length;
  if (!ruc || n === 0) return null;
  return (
    <p>
      <Link to={`/expedientes?ruc=${encodeURIComponent(ruc)}`}>{t('p.allExpedientes', { n, ruc })}</Link>
    </p>
  );
}

export function PersonPage({ id }: { id: string }) {
  const t = useT(m);
  const roleLabel = (r: string): string => (r === 'member' || r === 'president' ? t(`role.${r}`) : r);
  const person = useApi<Person>(`/api/registry/persons/${encodeURIComponent(id)}`);
  const rucs = person.data ? [...new Set(person.data.inscriptions.map((i) => i.ruc))] : undefined;
  const index = useExpedienteIndex(rucs?.map((ruc) => ({ ruc })));
  const dept = useDepartmentName();
  return (
    <Async state={person}>
      {(p) => {
        const ruc = p.inscriptions[0]?.ruc;
        return (
          <>
            <PageHeader title={p.fullName} subtitle={t('p.person')} />
            {p.mergedInto !== null && (
              <p className="state" role="note">
                <Link to={`/personas/${p.mergedInto}`}>{t('p.merged', { id: p.mergedInto })}</Link>
              </p>
            )}
            <p className="note">{t('p.personalData')}</p>
            <Facts
              items={[
                [t('p.dni'), p.dni],
                ['RUC', ruc ?? '—'],
                [t('p.sex'), p.sex ? t(`p.sex.${p.sex}`) : '—'],
                [t('p.birth'), fmtDate(p.birthDate)],
                [t('p.phone'), p.phone ?? '—'],
                [t('p.address'), p.address ?? '—'],
                [t('p.region'), dept(p.regionCode)],
              ]}
            />
            <h2>{t('p.inscriptions')}</h2>
            <InscriptionsTable rows={p.inscriptions} index={index} csv={`inscripciones-persona-${p.id}`} />
            <ExpedientesLink ruc={ruc} rows={p.inscriptions} />
            <h2>{t('p.organizations')}</h2>
            <DataTable
              columns={[
                {
                  key: 'name',
                  label: t('o.name'),
                  value: (o: Person['organizations'][number]) => o.name,
                  render: (o) => <Link to={`/organizaciones/${o.id}`}>{o.name}</Link>,
                },
                { key: 'ruc', label: 'RUC', value: (o) => o.ruc },
                { key: 'role', label: t('p.role'), value: (o) => roleLabel(o.role) },
              ]}
              rows={p.organizations}
            />
            {ruc && (
              <div className="stack" style={{ marginTop: 16 }}>
                <ProductionCard ruc={ruc} />
                <LotsCard ruc={ruc} />
              </div>
            )}
            {ruc && <ServicesReceived ruc={ruc} />}
          </>
        );
      }}
    </Async>
  );
}

export function OrganizationPage({ id }: { id: string }) {
  const t = useT(m);
  const roleLabel = (r: string): string => (r === 'member' || r === 'president' ? t(`role.${r}`) : r);
  const org = useApi<Organization>(`/api/registry/organizations/${encodeURIComponent(id)}`);
  const index = useExpedienteIndex(org.data ? [{ ruc: org.data.ruc }] : undefined);
  const dept = useDepartmentName();
  type Member = Organization['members'][number];
  return (
    <Async state={org}>
      {(o) => (
        <>
          <PageHeader title={o.name} subtitle={t('o.organization')} />
          <Facts
            items={[
              [t('o.ruc'), o.ruc],
              [t('o.type'), t(`o.type.${o.type}`)],
              [t('p.region'), dept(o.regionCode)],
              [t('o.members'), String(o.members.length)],
            ]}
          />
          <h2>{t('p.inscriptions')}</h2>
          <InscriptionsTable rows={o.inscriptions} index={index} csv={`inscripciones-${o.ruc}`} />
          <ExpedientesLink ruc={o.ruc} rows={o.inscriptions} />
          <div className="grid grid-2" style={{ marginTop: 16 }}>
            <CertificationsCard ruc={o.ruc} />
            <PremiumCard ruc={o.ruc} />
            <ProductionCard ruc={o.ruc} />
          </div>
          <div style={{ marginTop: 16 }}>
            <LotsCard ruc={o.ruc} />
          </div>
          <ServicesReceived ruc={o.ruc} />
          <h2>{t('o.members')}</h2>
          <DataTable
            columns={[
              { key: 'name', label: t('o.name'), value: (r: Member) => r.fullName, render: (r) => <Link to={`/personas/${r.personId}`}>{r.fullName}</Link> },
              { key: 'role', label: t('p.role'), value: (r) => roleLabel(r.role) },
            ]}
            rows={o.members}
            csvName={`socios-${o.ruc}`}
            pageSize={25}
          />
        </>
      )}
    </Async>
  );
}
