import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Nullable, Row } from '../../platform/db/schema.generated.ts';
import type { MatrixRecords } from './matrix/matrix-records.domain.ts';
import type { Aggregation, Direction, ElementRow, IndicatorRow, IndicatorSheet, MatrixRow, Measure, PolicyInfo, PolicyMatrix } from './monitoring.schema.ts';

/** SQL of the monitoring module (tables of db/migrations/0006_monitoring.sql). */

export type PolicyRow = Pick<Row<'policies'>, 'id' | 'code' | 'name' | 'sector' | 'lead_entity' | 'policy_type'>;

const measure = (v: string | null): Measure => (v === null ? null : Number(v));

export async function findPolicy(tx: Queryable, code: string): Promise<PolicyRow | null> {
  const { rows } = await tx.query<PolicyRow>('SELECT id, code, name, sector, lead_entity, policy_type FROM policies WHERE code = $1', [code]);
  return rows[0] ?? null;
}

export async function insertPolicy(tx: Queryable, code: string, info: PolicyInfo): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    'INSERT INTO policies (code, name, sector, lead_entity, policy_type) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [code, info.name ?? null, info.sector ?? null, info.leadEntity ?? null, info.policyType ?? null],
  );
  return Number(rows[0]!.id);
}

export function policyInfo(p: PolicyRow): PolicyInfo {
  const info: PolicyInfo = { code: p.code };
  if (p.name !== null) info.name = p.name;
  if (p.sector !== null) info.sector = p.sector;
  if (p.lead_entity !== null) info.leadEntity = p.lead_entity;
  if (p.policy_type !== null) info.policyType = p.policy_type;
  return info;
}

export async function listPolicies(tx: Queryable) {
  const { rows } = await tx.query<PolicyRow & { indicators: number; value_years: number[] | null; target_years: number[] | null }>(
    `SELECT p.id, p.code, p.name, p.sector, p.lead_entity, p.policy_type,
            (SELECT count(*) FROM policy_elements e WHERE e.policy_id = p.id AND e.removed_at IS NULL AND e.level IN ('IOP', 'ISS'))::int AS indicators,
            (SELECT array_agg(DISTINCT v.year::int ORDER BY v.year::int) FROM policy_current_values v JOIN policy_elements e ON e.id = v.indicator_id
              WHERE e.policy_id = p.id AND e.removed_at IS NULL AND v.status <> 'withdrawn') AS value_years,
            (SELECT array_agg(DISTINCT t.year::int ORDER BY t.year::int) FROM policy_targets t JOIN policy_elements e ON e.id = t.indicator_id
              WHERE e.policy_id = p.id AND e.removed_at IS NULL) AS target_years
     FROM policies p ORDER BY p.code`,
  );
  return rows.map((r) => ({ ...policyInfo(r), code: r.code, indicators: r.indicators, valueYears: r.value_years ?? [], targetYears: r.target_years ?? [] }));
}

/** An element with its indicator sheet LEFT JOINed (null for objectives and services); level, direction, aggregation under a CHECK. */
type ElementJoinRow = Narrow<Pick<Row<'policy_elements'>, 'id' | 'code' | 'level' | 'name'>, { level: MatrixRow['level'] }> &
  Nullable<
    Narrow<
      Pick<
        Row<'policy_indicators'>,
        | 'direction'
        | 'aggregation'
        | 'responsible'
        | 'indicator_type'
        | 'justification'
        | 'limitations'
        | 'calculation_method'
        | 'data_source'
        | 'unit'
        | 'baseline_year'
        | 'baseline_value'
      >,
      { direction: Direction; aggregation: Aggregation }
    >
  >;

function sheetOf(r: ElementJoinRow): IndicatorSheet {
  const sheet: IndicatorSheet = { name: r.name, direction: r.direction ?? 'ascendente', aggregation: r.aggregation ?? 'acumulado' };
  if (r.responsible !== null) sheet.responsible = r.responsible;
  if (r.indicator_type !== null) sheet.indicatorType = r.indicator_type;
  if (r.justification !== null) sheet.justification = r.justification;
  if (r.limitations !== null) sheet.limitations = r.limitations;
  if (r.calculation_method !== null) sheet.calculationMethod = r.calculation_method;
  if (r.data_source !== null) sheet.dataSource = r.data_source;
  if (r.unit !== null) sheet.unit = r.unit;
  return sheet;
}

const ELEMENTS_OF = 'JOIN policy_elements e ON e.id = x.element_id WHERE e.policy_id = $1 AND e.removed_at IS NULL';

/** The matrix of a policy as stored: current elements in table order, current values only. */
export async function loadPolicyMatrix(tx: Queryable, policy: PolicyRow): Promise<PolicyMatrix> {
  const p = [policy.id];
  const elements = await tx.query<ElementJoinRow>(
    `SELECT e.id, e.code, e.level, e.name, i.direction, i.aggregation, i.responsible, i.indicator_type, i.justification,
            i.limitations, i.calculation_method, i.data_source, i.unit, i.baseline_year, i.baseline_value
     FROM policy_elements e LEFT JOIN policy_indicators i ON i.element_id = e.id
     WHERE e.policy_id = $1 AND e.removed_at IS NULL ORDER BY e.position, e.code`,
    p,
  );
  const rows = new Map<string, MatrixRow>();
  for (const r of elements.rows) {
    if (r.level === 'IOP' || r.level === 'ISS') {
      const row: IndicatorRow = {
        code: r.code,
        level: r.level,
        sheet: sheetOf(r),
        baseline: { year: r.baseline_year, value: measure(r.baseline_value) },
        targets: {},
        values: {},
        notes: {},
        published: {},
      };
      rows.set(r.code, row);
    } else {
      const row: ElementRow = { code: r.code, level: r.level, name: r.name, published: {} };
      rows.set(r.code, row);
    }
  }
  const indicator = (code: string): IndicatorRow | undefined => {
    const row = rows.get(code);
    return row && (row.level === 'IOP' || row.level === 'ISS') ? (row as IndicatorRow) : undefined;
  };
  const targets = await tx.query<{ code: string; year: number; value: string | null }>(
    `SELECT e.code, x.year, x.value FROM (SELECT indicator_id AS element_id, year, value FROM policy_targets) x ${ELEMENTS_OF} ORDER BY x.year`,
    p,
  );
  for (const t of targets.rows) {
    const row = indicator(t.code);
    if (row) row.targets[String(t.year)] = measure(t.value);
  }
  const values = await tx.query<{
    code: string;
    year: number;
    value: string | null;
    source: string | null;
    value_date: string | null;
    entered_by: string | null;
  }>(
    `SELECT e.code, x.year, x.value, x.source, x.value_date, x.entered_by
     FROM (SELECT indicator_id AS element_id, * FROM policy_current_values WHERE status <> 'withdrawn') x ${ELEMENTS_OF} ORDER BY x.year`,
    p,
  );
  for (const v of values.rows) {
    const row = indicator(v.code);
    if (!row) continue;
    const entry: IndicatorRow['values'][string] = { value: measure(v.value) };
    if (v.source !== null) entry.source = v.source;
    if (v.value_date !== null) entry.date = v.value_date;
    if (v.entered_by !== null) entry.enteredBy = v.entered_by;
    row.values[String(v.year)] = entry;
  }
  const notes = await tx.query<{ code: string; year: number; alert: string | null; measures: string | null }>(
    `SELECT e.code, x.year, x.alert, x.measures FROM (SELECT indicator_id AS element_id, * FROM policy_notes) x ${ELEMENTS_OF} ORDER BY x.year`,
    p,
  );
  for (const n of notes.rows) {
    const row = indicator(n.code);
    if (!row) continue;
    const note: IndicatorRow['notes'][string] = {};
    if (n.alert !== null) note.alert = n.alert;
    if (n.measures !== null) note.measures = n.measures;
    row.notes[String(n.year)] = note;
  }
  const published = await tx.query<{ code: string; year: number; field: 'avance1' | 'avance2'; value: string | null }>(
    `SELECT e.code, x.year, x.field, x.value FROM policy_published x ${ELEMENTS_OF} ORDER BY x.year, x.field`,
    p,
  );
  for (const f of published.rows) {
    const row = rows.get(f.code);
    if (!row) continue;
    const figures = row.published[String(f.year)] ?? {};
    figures[f.field] = measure(f.value);
    row.published[String(f.year)] = figures;
  }
  return { policy: policyInfo(policy), rows: [...rows.values()] };
}

export async function insertImport(tx: Queryable, f: { fileName: string; sha256: string; actor: string; asOf: string; counts: unknown }): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO imports (kind, file_name, sha256, actor, as_of, counts) VALUES ('policy_matrix', $1, $2, $3, $4, $5::jsonb) RETURNING id`,
    [f.fileName, f.sha256, f.actor, f.asOf, JSON.stringify(f.counts)],
  );
  return Number(rows[0]!.id);
}

interface YearlyTable {
  table: 'policy_targets' | 'policy_notes' | 'policy_published';
  idColumn: 'indicator_id' | 'element_id';
  keys: string[];
  columns: string[];
  /** Column definitions of the JSON records besides code and year. */
  types: string;
}

/** Yearly rows (targets, notes, published figures) of the elements `codes` replaced by `rows` (`codes` null: a new policy, nothing to replace). */
async function replaceYearly(tx: Queryable, policyId: number, spec: YearlyTable, codes: string[] | null, rows: unknown[]): Promise<void> {
  const src = `jsonb_to_recordset($2::jsonb) AS s(code text, year int, ${spec.types})`;
  const json = JSON.stringify(rows);
  if (codes !== null) {
    await tx.query(
      `DELETE FROM ${spec.table} t USING policy_elements e
       WHERE t.${spec.idColumn} = e.id AND e.policy_id = $1 AND e.code = ANY($3::text[])
       AND NOT EXISTS (SELECT 1 FROM ${src} WHERE s.code = e.code AND ${spec.keys.map((k) => `s.${k} = t.${k}`).join(' AND ')})`,
      [policyId, json, codes],
    );
  }
  const { table, idColumn, keys, columns } = spec;
  await tx.query(
    `INSERT INTO ${table} (${idColumn}, ${keys.join(', ')}, ${columns.join(', ')})
     SELECT e.id, ${keys.map((k) => `s.${k}`).join(', ')}, ${columns.map((c) => `s.${c}`).join(', ')}
     FROM ${src} JOIN policy_elements e ON e.policy_id = $1 AND e.code = s.code
     ON CONFLICT (${idColumn}, ${keys.join(', ')}) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${columns.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [policyId, json],
  );
}

/**
 * Makes the stored matrix of a policy what `records` say, set-based: elements upserted
 * (the ones missing marked removed), technical sheets upserted, targets / notes /
 * published figures replaced, and a new value row wherever the current value differs
 * (a withdrawal where the matrix has no value any more). Nothing is written twice.
 * `fresh`: the policy was just created (nothing to remove or replace: fewer statements).
 */
export async function writeRecords(
  tx: Queryable,
  policyId: number,
  records: MatrixRecords,
  by: { importId: number | null; recordedBy: string; fresh: boolean },
): Promise<void> {
  const codes = records.elements.map((e) => e.code);
  const indicatorCodes = records.indicators.map((i) => i.code);
  await tx.query(
    `INSERT INTO policy_elements (policy_id, code, position, name)
     SELECT $1, s.code, s.position, s.name FROM jsonb_to_recordset($2::jsonb) AS s(code text, position int, name text)
     ON CONFLICT (policy_id, code) DO UPDATE SET position = EXCLUDED.position, name = EXCLUDED.name, removed_at = NULL
     WHERE policy_elements.position <> EXCLUDED.position OR policy_elements.name <> EXCLUDED.name OR policy_elements.removed_at IS NOT NULL`,
    [policyId, JSON.stringify(records.elements)],
  );
  if (!by.fresh) {
    await tx.query('UPDATE policy_elements SET removed_at = now() WHERE policy_id = $1 AND removed_at IS NULL AND NOT (code = ANY($2::text[]))', [
      policyId,
      codes,
    ]);
  }
  const sheet = [
    'direction',
    'aggregation',
    'responsible',
    'indicator_type',
    'justification',
    'limitations',
    'calculation_method',
    'data_source',
    'unit',
    'baseline_year',
    'baseline_value',
  ];
  await tx.query(
    `INSERT INTO policy_indicators (element_id, level, ${sheet.join(', ')})
     SELECT e.id, e.level, ${sheet.map((c) => `s.${c}`).join(', ')}
     FROM jsonb_to_recordset($2::jsonb) AS s(code text, direction text, aggregation text, responsible text, indicator_type text,
            justification text, limitations text, calculation_method text, data_source text, unit text, baseline_year int, baseline_value numeric)
     JOIN policy_elements e ON e.policy_id = $1 AND e.code = s.code
     ON CONFLICT (element_id) DO UPDATE SET ${sheet.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${sheet.map((c) => `policy_indicators.${c}`).join(', ')}) IS DISTINCT FROM (${sheet.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [policyId, JSON.stringify(records.indicators)],
  );
  const replaced = by.fresh ? null : indicatorCodes;
  await replaceYearly(
    tx,
    policyId,
    { table: 'policy_targets', idColumn: 'indicator_id', keys: ['year'], columns: ['value'], types: 'value numeric' },
    replaced,
    records.targets,
  );
  await replaceYearly(
    tx,
    policyId,
    { table: 'policy_notes', idColumn: 'indicator_id', keys: ['year'], columns: ['alert', 'measures'], types: 'alert text, measures text' },
    replaced,
    records.notes,
  );
  await replaceYearly(
    tx,
    policyId,
    { table: 'policy_published', idColumn: 'element_id', keys: ['year', 'field'], columns: ['level', 'value'], types: 'field text, value numeric, level text' },
    by.fresh ? null : codes,
    records.published.map((r) => ({ ...r, level: r.code.split('.')[0] })),
  );
  await tx.query(
    `WITH s AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS s(code text, year int, status text, value numeric, source text, value_date date, entered_by text)),
     ind AS (SELECT e.id, e.code FROM policy_elements e WHERE e.policy_id = $1 AND e.code = ANY($3::text[])),
     cur AS (SELECT c.* FROM policy_current_values c JOIN ind ON ind.id = c.indicator_id),
     wanted AS (
       SELECT ind.id AS indicator_id, s.year, s.status, s.value, s.source, s.value_date, s.entered_by FROM s JOIN ind ON ind.code = s.code
       UNION ALL
       SELECT c.indicator_id, c.year, 'withdrawn', NULL, NULL, NULL, NULL FROM cur c JOIN ind ON ind.id = c.indicator_id
       WHERE c.status <> 'withdrawn' AND NOT EXISTS (SELECT 1 FROM s WHERE s.code = ind.code AND s.year = c.year))
     INSERT INTO policy_values (indicator_id, year, status, value, source, value_date, entered_by, import_id, recorded_by)
     SELECT w.indicator_id, w.year, w.status, w.value, w.source, w.value_date, w.entered_by, $4, $5
     FROM wanted w LEFT JOIN cur c ON c.indicator_id = w.indicator_id AND c.year = w.year
     WHERE (c.status, c.value, c.source, c.value_date, c.entered_by) IS DISTINCT FROM (w.status, w.value, w.source, w.value_date, w.entered_by)
     ORDER BY w.indicator_id, w.year`,
    [policyId, JSON.stringify(records.values), indicatorCodes, by.importId, by.recordedBy],
  );
}
