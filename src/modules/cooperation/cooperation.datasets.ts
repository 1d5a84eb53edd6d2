/**
 * The cooperation module's open dataset: the projects (public information, as IATI
 * publishes it), one row per project and department it works in, with budget and
 * disbursements in USD at the yearly rate. `year` keeps the projects active that year.
 */
import { oneBatch, t, type DatasetDefinition } from '../../platform/datasets.ts';
import { ASPECTS, departmentOf, isActiveIn, PROJECT_STATUSES, STRATA } from './cooperation.domain.ts';
import * as q from './cooperation.queries.ts';
import { budgetTotals, withUsd } from './cooperation.view.ts';

const projects: DatasetDefinition = {
  id: 'cooperacion-proyectos',
  theme: 'cooperation',
  title: t('Proyectos de cooperación internacional en la minería en pequeña escala', 'International cooperation projects in small-scale mining'),
  description: t(
    'Proyectos de las agencias de cooperación (registrados en Veta o importados de IATI): agencia, estado, fechas, estratos y aspectos que atienden, códigos de la política, presupuesto y desembolsos en US$, una fila por proyecto y departamento.',
    "Cooperation agencies' projects (registered in Veta or imported from IATI): agency, status, dates, strata and aspects addressed, policy codes, budget and disbursements in US$, one row per project and department.",
  ),
  keywords: { es: ['cooperación', 'IATI', 'AOD', 'brechas'], en: ['cooperation', 'IATI', 'ODA', 'gaps'] },
  frequency: 'continuous',
  filters: ['region', 'year'],
  regionField: 'department_code',
  alternates: [
    {
      format: 'IATI',
      mediaType: 'application/xml',
      path: '/api/cooperation/iati.xml',
      title: t('Proyectos como archivo de actividades IATI 2.03', 'Projects as an IATI 2.03 activity file'),
      conformsTo: 'http://reference.iatistandard.org/203/activity-standard/',
    },
  ],
  fields: [
    { name: 'identifier', type: 'string', description: t('Identificador (IATI o de Veta)', 'Identifier (IATI or Veta)') },
    {
      name: 'department_code',
      type: 'string',
      nullable: true,
      description: t('Código UBIGEO del departamento; vacío: sin región indicada', 'UBIGEO department code; empty: no region given'),
    },
    { name: 'title_es', type: 'string', nullable: true, description: t('Título en español', 'Title in Spanish') },
    { name: 'title_en', type: 'string', nullable: true, description: t('Título en inglés', 'Title in English') },
    { name: 'agency', type: 'string', nullable: true, description: t('Agencia (sigla)', 'Agency (acronym)') },
    { name: 'status', type: 'string', allowedValues: PROJECT_STATUSES, description: t('Estado (lista IATI ActivityStatus)', 'Status (IATI ActivityStatus)') },
    { name: 'start_date', type: 'date', nullable: true, description: t('Inicio', 'Start') },
    { name: 'end_date', type: 'date', nullable: true, description: t('Fin', 'End') },
    {
      name: 'strata',
      type: 'string',
      nullable: true,
      description: t(`Estratos atendidos, separados por espacios (${STRATA.join(', ')})`, `Strata served, space-separated (${STRATA.join(', ')})`),
    },
    {
      name: 'aspects',
      type: 'string',
      nullable: true,
      description: t(`Aspectos abordados, separados por espacios (${ASPECTS.join(', ')})`, `Aspects addressed, space-separated (${ASPECTS.join(', ')})`),
    },
    {
      name: 'policy_codes',
      type: 'string',
      nullable: true,
      description: t('Objetivos, lineamientos y servicios de la política (OP/LN/SS)', 'Policy objectives, guidelines and services (OP/LN/SS)'),
    },
    {
      name: 'budget_usd',
      type: 'number',
      unit: 'USD',
      description: t('Presupuesto total en dólares (tipo de cambio anual)', 'Total budget in dollars (yearly rate)'),
    },
    {
      name: 'disbursed_usd',
      type: 'number',
      unit: 'USD',
      description: t('Desembolsos en dólares (tipo de cambio anual)', 'Disbursements in dollars (yearly rate)'),
    },
  ],
  rows: (tx, f) =>
    oneBatch(async () => {
      const rates = await q.usdRates(tx);
      const rows = (await q.projectRows(tx)).filter((r) => f.year === null || isActiveIn(r, f.year));
      return rows.flatMap((r) => {
        const p = withUsd(r, rates);
        const totals = budgetTotals(p.flows);
        const departments = [...new Set(r.regions.map(departmentOf))];
        return (departments.length > 0 ? departments : [null])
          .filter((d) => f.region === null || d === f.region)
          .map((d) => ({
            values: {
              identifier: r.identifier,
              department_code: d,
              title_es: r.titleEs,
              title_en: r.titleEn,
              agency: r.agencyName,
              status: r.status,
              start_date: r.startDate,
              end_date: r.endDate,
              strata: r.strata.join(' '),
              aspects: r.aspects.join(' '),
              policy_codes: r.policyCodes.join(' '),
              budget_usd: totals.budgetUsd,
              disbursed_usd: totals.disbursedUsd,
            },
          }));
      });
    }),
};

export const cooperationDatasets: readonly DatasetDefinition[] = [projects];
