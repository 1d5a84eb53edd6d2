/**
 * The surveys module's open dataset: the MPE baseline's figures (women's participation,
 * child labour, mercury use, accidents, REINFO) broken down by region, stratum, sex and
 * age band, one at a time — with the module's statistical disclosure
 * control (`aggregate`: a cell of fewer than five respondents suppressed, and a second
 * one when only one would be). Read through `survey_public_facts`: only the figures'
 * fields leave the database, never an answer sheet.
 */
import { oneBatch, t, type DatasetDefinition, type DatasetRecord } from '../../platform/datasets.ts';
import { aggregate, MIN_CELL, type Dimension, type Fact } from './aggregates.domain.ts';
import { BASELINE_DIMENSIONS, BASELINE_FIELDS, BASELINE_FORM_ID, BASELINE_INDICATORS } from './baseline.indicators.ts';
import { publicSubmissionFacts } from './surveys.queries.ts';

const DIMENSIONS: readonly Dimension[] = ['region', 'stratum', 'sex', 'age_band'];

/**
 * The public figures exactly as the module publishes them (`/api/public/surveys/…/aggregates?by=`):
 * the whole country along one dimension at a time, never a cross of two (a department by sex
 * next to the national figures by sex would let a suppressed cell be worked out by difference).
 */
function figures(facts: readonly Fact[]): DatasetRecord[] {
  const out: DatasetRecord[] = [];
  for (const by of DIMENSIONS) {
    for (const ind of aggregate(facts, by, BASELINE_INDICATORS, BASELINE_DIMENSIONS)) {
      for (const cell of by === 'region' ? ind.cells : [...ind.cells, ind.total])
        out.push({
          values: {
            department_code: by === 'region' ? cell.group : null,
            dimension: by,
            group: cell.group,
            indicator_code: ind.code,
            indicator_es: ind.label.es,
            indicator_en: ind.label.en,
            respondents: cell.respondents,
            value: cell.value === null ? null : Math.round(cell.value * 10000) / 10000,
            suppressed: cell.suppressed,
          },
        });
    }
  }
  return out;
}

const baselineAggregates: DatasetDefinition = {
  id: 'linea-base-agregados',
  theme: 'surveys',
  title: t('Línea de base de la minería en pequeña escala: indicadores agregados', 'Small-scale mining baseline survey: aggregate indicators'),
  description: t(
    `Indicadores de la encuesta de línea de base (participación de mujeres en la fuerza laboral, trabajo de menores de 18 años, uso de mercurio, accidentes, inscripción en el REINFO), para todo el país, desagregados por región, por estrato, por sexo y por grupo de edad del encuestado (una desagregación a la vez, como las publica el módulo de encuestas). Control de divulgación estadística: una celda con menos de ${MIN_CELL} encuestados se suprime (valor vacío, suppressed = true), y cuando solo una celda de un desglose se suprimiría se suprime también la siguiente más pequeña. Ninguna respuesta individual se publica (Ley 29733).`,
    `Baseline survey indicators (women's share of the workforce, children under 18 working, mercury use, accidents, REINFO registration), for the whole country, broken down by the respondent's region, by stratum, by sex and by age band (one breakdown at a time, as the surveys module publishes them). Statistical disclosure control: a cell of fewer than ${MIN_CELL} respondents is suppressed (empty value, suppressed = true), and when only one cell of a breakdown would be, the next smallest is suppressed too. No individual answer is published (Law 29733).`,
  ),
  keywords: {
    es: ['línea de base', 'encuesta', 'mercurio', 'trabajo infantil', 'género', 'accidentes'],
    en: ['baseline', 'survey', 'mercury', 'child labour', 'gender', 'accidents'],
  },
  frequency: 'irregular',
  filters: ['region'],
  regionField: 'department_code',
  fields: [
    {
      name: 'department_code',
      type: 'string',
      nullable: true,
      description: t(
        'Población: código UBIGEO INEI del departamento; vacío: todo el país',
        'Population: INEI UBIGEO department code; empty: the whole country',
      ),
    },
    {
      name: 'dimension',
      type: 'string',
      allowedValues: DIMENSIONS,
      description: t('Desagregación: región, estrato, sexo o grupo de edad', 'Breakdown: region, stratum, sex or age band'),
    },
    {
      name: 'group',
      type: 'string',
      description: t(
        'Grupo de la desagregación (código de departamento, estrato, sexo, grupo de edad 18-29/30-44/45-59/60+), o total',
        "Breakdown's group (department code, stratum, sex, age band 18-29/30-44/45-59/60+), or total",
      ),
    },
    {
      name: 'indicator_code',
      type: 'string',
      allowedValues: BASELINE_INDICATORS.map((i) => i.code),
      description: t('Código del indicador', 'Indicator code'),
    },
    { name: 'indicator_es', type: 'string', description: t('Nombre del indicador en español', 'Indicator name in Spanish') },
    { name: 'indicator_en', type: 'string', description: t('Nombre del indicador en inglés', 'Indicator name in English') },
    {
      name: 'respondents',
      type: 'integer',
      unit: 'encuestados',
      nullable: true,
      description: t(
        'Encuestados que respondieron lo que el indicador lee; vacío: celda suprimida',
        'Respondents who answered what the indicator reads; empty: suppressed cell',
      ),
    },
    {
      name: 'value',
      type: 'number',
      unit: 'proporción (0–1)',
      nullable: true,
      description: t(
        'Valor del indicador, una proporción entre 0 y 1 (cuatro decimales); vacío: celda suprimida o sin dato',
        "Indicator's value, a share between 0 and 1 (four decimals); empty: suppressed cell or no data",
      ),
    },
    {
      name: 'suppressed',
      type: 'boolean',
      description: t(
        `Celda suprimida (menos de ${MIN_CELL} encuestados, o supresión complementaria)`,
        `Suppressed cell (fewer than ${MIN_CELL} respondents, or complementary suppression)`,
      ),
    },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const rows = figures(await publicSubmissionFacts(q, BASELINE_FORM_ID, BASELINE_FIELDS));
      return f.region === null ? rows : rows.filter((r) => r.values['department_code'] === f.region);
    }),
};

export const surveysDatasets: readonly DatasetDefinition[] = [baselineAggregates];
