/**
 * The MPE baseline's figures (reference/forms/mpe-linea-base.xlsx): which fields of the
 * shipped form each one reads. Seed 004 asks for women's participation, child labour,
 * mercury use and accidents, disaggregated by region, stratum, sex and age band.
 */
// @ts-nocheck

import type { Indicator } from './aggregates.domain.ts';

export const BASELINE_FORM_ID = 'mpe_linea_base';

export const BASELINE_DIMENSIONS = { stratum: 'stratum', sex: 'respondent_sex', age: 'respondent_age' } as const;

export const BASELINE_INDICATORS: readonly Indicator[] = [
  {
    code: 'women_participation',
    label: { es: 'Participación de mujeres en la fuerza laboral', en: "Women's share of the workforce" },
    kind: 'ratio',
    num: 'workers_women',
    den: 'workers_total',
  },
  {
    code: 'child_labour',
    label: { es: 'Unidades con menores de 18 años trabajando', en: 'Units with children under 18 working' },
    kind: 'share',
    field: 'children_work',
    value: 'yes',
  },
  { code: 'mercury_use', label: { es: 'Unidades que usan mercurio', en: 'Units using mercury' }, kind: 'share', field: 'uses_mercury', value: 'yes' },
  {
    code: 'accidents',
    label: { es: 'Unidades con accidentes en los últimos 12 meses', en: 'Units with accidents in the last 12 months' },
    kind: 'share',
    field: 'accidents',
    value: 'yes',
  },
  { code: 'reinfo', label: { es: 'Unidades inscritas en el REINFO', en: 'Units registered in REINFO' }, kind: 'share', field: 'reinfo', value: 'yes' },
];

/** Every field the figures read (nothing else leaves the database for them). */
export const BASELINE_FIELDS: readonly string[] = [
  ...new Set([...Object.values(BASELINE_DIMENSIONS), ...BASELINE_INDICATORS.flatMap((i) => (i.kind === 'share' ? [i.field] : [i.num, i.den]))]),
];
