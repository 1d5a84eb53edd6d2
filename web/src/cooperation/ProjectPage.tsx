import { useApi } from '../api/client.ts';
import { Link } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtDate, fmtDateTime, fmtNum, fmtUsd } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { Facts, PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { labels, m } from './messages.ts';
import type { Project } from './types.ts';

type FlowRow = Project['flows'][number];

export function ProjectPage({ id }: { id: number }) {
  const t = useT(m);
  const l = useT(labels);
  const { lang } = useLang();
  const { can } = useSession();
  const project = useApi<Project>(`/api/cooperation/projects/${id}`);
  const flowColumns: Column<FlowRow>[] = [
    { key: 'kind', label: t('col.kind'), value: (f) => l(`kind.${f.kind}`) },
    { key: 'year', label: t('col.year'), value: (f) => f.year },
    { key: 'currency', label: t('col.currency'), value: (f) => f.currency },
    { key: 'amount', label: t('col.amount'), value: (f) => f.amount, format: (n) => fmtNum(n, 2, true), numeric: true },
    { key: 'usd', label: t('col.usd'), value: (f) => f.usd, format: fmtUsd, numeric: true },
  ];
  return (
    <Async state={project}>
      {(p) => {
        const title = (lang === 'en' ? (p.titleEn ?? p.titleEs) : (p.titleEs ?? p.titleEn)) ?? p.identifier;
        const description = lang === 'en' ? (p.descriptionEn ?? p.descriptionEs) : (p.descriptionEs ?? p.descriptionEn);
        return (
          <>
            <PageHeader title={title} subtitle={p.identifier}>
              {can('PUT /api/cooperation/projects/:id') && (
                <Link className="button" to={`/cooperacion/proyectos/${p.id}/editar`}>
                  {t('project.edit')}
                </Link>
              )}
            </PageHeader>
            {description && <p>{description}</p>}
            <section className="card">
              <Facts
                items={[
                  [t('project.agency'), p.agencyName ?? p.reportingOrgName ?? '—'],
                  [t('project.partners'), p.partners.map((x) => x.name).join(', ') || '—'],
                  [t('project.status'), l(`status.${p.status}`)],
                  [t('project.dates'), `${fmtDate(p.startDate)} – ${fmtDate(p.endDate)}`],
                  [t('project.regions'), p.regions.join(', ') || '—'],
                  [t('project.strata'), p.strata.map((s) => l(`stratum.${s}`)).join(', ') || '—'],
                  [t('project.aspects'), p.aspects.map((a) => l(`aspect.${a}`)).join(', ') || '—'],
                  [t('project.policy'), p.policyCodes.join(', ') || '—'],
                  [t('project.sectors'), p.sectors.join(', ') || '—'],
                  [t('project.source'), l(`source.${p.source}`)],
                ]}
              />
              <p className="note">{t('project.version', { v: p.version, at: fmtDateTime(p.updatedAt), by: p.updatedBy })}</p>
            </section>
            <section className="card" aria-labelledby="coop-flows-h">
              <h2 id="coop-flows-h">{t('project.flows')}</h2>
              <DataTable columns={flowColumns} rows={p.flows} csvName={`flujos-${p.id}`} />
            </section>
          </>
        );
      }}
    </Async>
  );
}
