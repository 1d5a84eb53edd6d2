/**
 * The monitoring module's open dataset: every indicator of the national policies
 * followed in Veta (IOP, ISS) with its baseline, and per year its target (logro
 * esperado) and its value (valor obtenido; the latest recorded row counts, withdrawn
 * values left out) — the CEPLAN follow-up matrix as a table.
 */
import { oneBatch, t, type DatasetDefinition } from '../../platform/datasets.ts';

const policyIndicators: DatasetDefinition = {
  id: 'politica-indicadores',
  theme: 'monitoring',
  title: t('Indicadores de la política nacional y sus valores por año', "The national policy's indicators and their values by year"),
  description: t(
    'Indicadores de los objetivos prioritarios (IOP) y de los servicios (ISS) de las políticas nacionales seguidas en Veta (método CEPLAN): línea de base, logro esperado y valor obtenido por año.',
    'Indicators of the priority objectives (IOP) and services (ISS) of the national policies followed in Veta (CEPLAN method): baseline, expected target and value obtained per year.',
  ),
  keywords: { es: ['política nacional', 'CEPLAN', 'indicadores', 'seguimiento'], en: ['national policy', 'CEPLAN', 'indicators', 'follow-up'] },
  frequency: 'annual',
  filters: ['year'],
  temporalField: 'year',
  fields: [
    { name: 'policy_code', type: 'string', description: t('Código de la política', 'Policy code') },
    { name: 'indicator_code', type: 'string', description: t('Código del indicador (IOP.x.y o ISS.x.y.z.w)', 'Indicator code (IOP.x.y or ISS.x.y.z.w)') },
    {
      name: 'level',
      type: 'string',
      allowedValues: ['IOP', 'ISS'],
      description: t('Indicador de objetivo prioritario o de servicio', 'Priority objective or service indicator'),
    },
    { name: 'parent_code', type: 'string', description: t('Objetivo (OP) o servicio (SS) al que pertenece', 'Objective (OP) or service (SS) it belongs to') },
    { name: 'indicator_name', type: 'string', description: t('Nombre del indicador', "Indicator's name") },
    { name: 'unit', type: 'string', nullable: true, description: t('Unidad de medida', 'Unit of measure') },
    {
      name: 'direction',
      type: 'string',
      allowedValues: ['ascendente', 'descendente', 'no_definido'],
      description: t('Sentido esperado del indicador', "Indicator's expected direction"),
    },
    { name: 'baseline_year', type: 'integer', nullable: true, description: t('Año de la línea de base', 'Baseline year') },
    { name: 'baseline_value', type: 'number', nullable: true, description: t('Valor de la línea de base; vacío: ND', 'Baseline value; empty: not available') },
    { name: 'year', type: 'integer', description: t('Año', 'Year') },
    {
      name: 'target',
      type: 'number',
      nullable: true,
      description: t('Logro esperado del año; vacío: sin meta o ND', "Year's expected target; empty: none or not available"),
    },
    {
      name: 'value',
      type: 'number',
      nullable: true,
      description: t('Valor obtenido del año; vacío: ND o sin dato', "Year's value obtained; empty: not available"),
    },
    {
      name: 'value_status',
      type: 'string',
      nullable: true,
      allowedValues: ['measured', 'nd'],
      description: t('Medido o no disponible (ND); vacío: sin registro', 'Measured or not available (ND); empty: no record'),
    },
    { name: 'value_source', type: 'string', nullable: true, description: t('Fuente del valor', "Value's source") },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const { rows } = await q.query<{
        policy_code: string;
        indicator_code: string;
        level: string;
        parent_code: string;
        indicator_name: string;
        unit: string | null;
        direction: string;
        baseline_year: number | null;
        baseline_value: string | null;
        year: number;
        target: string | null;
        value: string | null;
        value_status: string | null;
        value_source: string | null;
      }>(
        `WITH v AS (SELECT * FROM policy_current_values WHERE status <> 'withdrawn'),
         years AS (SELECT indicator_id, year FROM policy_targets UNION SELECT indicator_id, year FROM v)
         SELECT p.code AS policy_code, e.code AS indicator_code, e.level, e.parent_code, e.name AS indicator_name, i.unit, i.direction,
                i.baseline_year, i.baseline_value::text AS baseline_value, y.year, tg.value::text AS target,
                v.value::text AS value, v.status AS value_status, v.source AS value_source
         FROM years y
         JOIN policy_indicators i ON i.element_id = y.indicator_id
         JOIN policy_elements e ON e.id = i.element_id AND e.removed_at IS NULL
         JOIN policies p ON p.id = e.policy_id
         LEFT JOIN policy_targets tg ON tg.indicator_id = y.indicator_id AND tg.year = y.year
         LEFT JOIN v ON v.indicator_id = y.indicator_id AND v.year = y.year
         WHERE $1::int IS NULL OR y.year = $1
         ORDER BY p.code, e.position, y.year`,
        [f.year],
      );
      const num = (s: string | null): number | null => (s === null ? null : Number(s));
      return rows.map((r) => ({
        values: {
          ...r,
          baseline_year: r.baseline_year === null ? null : Number(r.baseline_year),
          baseline_value: num(r.baseline_value),
          year: Number(r.year),
          target: num(r.target),
          value: num(r.value),
        },
      }));
    }),
};

export const monitoringDatasets: readonly DatasetDefinition[] = [policyIndicators];
