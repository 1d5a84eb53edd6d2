/**
 * The formalization module's open datasets: the funnel (expedientes reaching each
 * milestone, per region and month) and the time spent in each step (median and p90
 * days, per region) — the bottleneck analysis of the report, aggregates only.
 */
import { oneBatch, t, type DatasetDefinition, type DatasetField, type DatasetFilter } from '../../platform/datasets.ts';
import { MILESTONE_NAMES, STEPS } from './formalization-report.schema.ts';
import { departmentNames, funnelRows, stepStats, type ReportWindow } from './formalization-report.queries.ts';
import { REQUIREMENT_CODES } from './formalization.schema.ts';

const window = (f: DatasetFilter): ReportWindow => ({
  at: new Date().toISOString(),
  region: f.region,
  from: f.year === null ? null : `${f.year}-01-01`,
  to: f.year === null ? null : `${f.year}-12-31`,
});

const regionFields: DatasetField[] = [
  {
    name: 'department_code',
    type: 'string',
    nullable: true,
    description: t('Código UBIGEO INEI del departamento; vacío: todo el país', 'INEI UBIGEO department code; empty: the whole country'),
  },
  { name: 'department_name', type: 'string', description: t('Nombre del departamento, o «Nacional»', 'Department name, or «Nacional»') },
];

const funnel: DatasetDefinition = {
  id: 'formalizacion-embudo',
  theme: 'formalization',
  title: t('Embudo de la formalización minera por región y mes', 'Mining formalization funnel by region and month'),
  description: t(
    'Expedientes de formalización que alcanzan cada hito (inscripción, IGAFOM aprobado, acceso al título, autorización del terreno superficial, expediente técnico, autorización de inicio, formalizado) por departamento y mes, con el acumulado.',
    'Formalization files reaching each milestone (inscription, IGAFOM approved, mining title access, surface land authorization, technical file, start authorization, formalized) by department and month, with the running total.',
  ),
  keywords: { es: ['formalización', 'expedientes', 'IGAFOM', 'embudo'], en: ['formalization', 'files', 'IGAFOM', 'funnel'] },
  frequency: 'daily',
  filters: ['region', 'year'],
  temporalField: 'month',
  regionField: 'department_code',
  fields: [
    ...regionFields,
    { name: 'month', type: 'string', description: t('Mes (AAAA-MM)', 'Month (YYYY-MM)') },
    { name: 'milestone', type: 'string', allowedValues: MILESTONE_NAMES, description: t('Hito alcanzado', 'Milestone reached') },
    {
      name: 'count',
      type: 'integer',
      unit: 'expedientes',
      description: t('Expedientes que alcanzan el hito en el mes', 'Files reaching the milestone in the month'),
    },
    {
      name: 'cumulative',
      type: 'integer',
      unit: 'expedientes',
      description: t('Acumulado desde el primer mes registrado', 'Running total since the first month on record'),
    },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const rows = await funnelRows(q, window(f));
      const names = await departmentNames(q);
      return rows
        .filter((r) => f.region === null || r.scope !== 'national')
        .map((r) => ({
          values: {
            department_code: r.scope === 'national' ? null : r.scope,
            department_name: r.scope === 'national' ? 'Nacional' : (names.get(r.scope) ?? r.scope),
            month: r.month,
            milestone: r.milestone,
            count: Number(r.count),
            cumulative: Number(r.cumulative),
          },
        }));
    }),
};

const timeInStep: DatasetDefinition = {
  id: 'formalizacion-tiempo-por-paso',
  theme: 'formalization',
  title: t('Tiempo en cada paso de la formalización por región', 'Time in each formalization step by region'),
  description: t(
    'Días calendario que toman los pasos terminados de cada requisito de la formalización (presentación, evaluación, observación, subsanación), mediana y percentil 90, por departamento: dónde se detienen los expedientes.',
    'Calendar days the finished steps of each formalization requirement take (filing, review, observation, correction), median and 90th percentile, by department: where files stall.',
  ),
  keywords: { es: ['formalización', 'cuello de botella', 'plazos'], en: ['formalization', 'bottleneck', 'deadlines'] },
  frequency: 'daily',
  filters: ['region', 'year'],
  regionField: 'department_code',
  fields: [
    ...regionFields,
    { name: 'requirement', type: 'string', allowedValues: REQUIREMENT_CODES, description: t('Requisito de la formalización', 'Formalization requirement') },
    { name: 'step', type: 'string', allowedValues: STEPS, description: t('Paso del requisito', "Requirement's step") },
    { name: 'steps', type: 'integer', description: t('Pasos terminados en el periodo', 'Steps finished in the period') },
    { name: 'median_days', type: 'number', unit: 'días', description: t('Mediana de días en el paso', 'Median days in the step') },
    { name: 'p90_days', type: 'number', unit: 'días', description: t('Percentil 90 de días en el paso', '90th percentile of days in the step') },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const rows = await stepStats(q, window(f));
      const names = await departmentNames(q);
      return rows
        .filter((r) => f.region === null || r.scope !== 'national')
        .sort((a, b) => a.scope.localeCompare(b.scope) || a.requirement.localeCompare(b.requirement) || a.step.localeCompare(b.step))
        .map((r) => ({
          values: {
            department_code: r.scope === 'national' ? null : r.scope,
            department_name: r.scope === 'national' ? 'Nacional' : (names.get(r.scope) ?? r.scope),
            requirement: r.requirement,
            step: r.step,
            steps: Number(r.count),
            median_days: r.median,
            p90_days: r.p90,
          },
        }));
    }),
};

export const formalizationDatasets: readonly DatasetDefinition[] = [funnel, timeInStep];
