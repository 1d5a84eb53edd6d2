import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import type { Measure } from './monitoring.schema.ts';

/** The value history of indicators (policy_values, append-only; the latest row counts). */

export interface IndicatorRef {
  id: number;
  code: string;
  level: 'IOP' | 'ISS';
  name: string;
  unit: string | null;
}

export interface StoredValue {
  id: number;
  year: number;
  status: 'measured' | 'nd' | 'withdrawn';
  value: Measure;
  source: string | null;
  date: string | null;
  enteredBy: string | null;
  recordedBy: string;
  recordedAt: string;
  importId: number | null;
}

type ValueRow = Narrow<
  Pick<Row<'policy_values'>, 'id' | 'year' | 'status' | 'value' | 'source' | 'value_date' | 'entered_by' | 'recorded_by' | 'recorded_at' | 'import_id'>,
  { status: StoredValue['status'] }
>;

const toValue = (r: ValueRow): StoredValue => ({
  id: r.id,
  year: r.year,
  status: r.status,
  value: r.value === null ? null : Number(r.value),
  source: r.source,
  date: r.value_date,
  enteredBy: r.entered_by,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
  importId: r.import_id,
});

/** A current indicator (IOP or ISS) of a policy, by code. */
export async function findIndicator(tx: Queryable, policyId: number, code: string): Promise<IndicatorRef | null> {
  const { rows } = await tx.query<IndicatorRef>(
    `SELECT e.id, e.code, e.level, e.name, i.unit FROM policy_elements e JOIN policy_indicators i ON i.element_id = e.id
     WHERE e.policy_id = $1 AND e.code = $2 AND e.removed_at IS NULL`,
    [policyId, code],
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

/** Every current indicator (IOP and ISS) of a policy, in the official table's order. */
export async function policyIndicatorCodes(tx: Queryable, policyId: number): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.query<{ code: string; name: string }>(
    `SELECT e.code, e.name FROM policy_elements e JOIN policy_indicators i ON i.element_id = e.id
     WHERE e.policy_id = $1 AND e.removed_at IS NULL ORDER BY e.position`,
    [policyId],
  );
  return rows;
}

/** The value that counts for a year (`null` when none, or withdrawn). */
export async function currentValue(tx: Queryable, indicatorId: number, year: number): Promise<StoredValue | null> {
  const { rows } = await tx.query<ValueRow>('SELECT * FROM policy_values WHERE indicator_id = $1 AND year = $2 ORDER BY id DESC LIMIT 1', [indicatorId, year]);
  const v = rows[0] ? toValue(rows[0]) : null;
  return v === null || v.status === 'withdrawn' ? null : v;
}

/** Every value ever recorded for an indicator, oldest first. */
export async function valueHistory(tx: Queryable, indicatorId: number): Promise<StoredValue[]> {
  const { rows } = await tx.query<ValueRow>('SELECT * FROM policy_values WHERE indicator_id = $1 ORDER BY year, id', [indicatorId]);
  return rows.map(toValue);
}

export interface NewValue {
  year: number;
  value: Measure;
  source: string | null;
  date: string | null;
  enteredBy: string | null;
}

export async function appendValue(tx: Queryable, indicatorId: number, v: NewValue, recordedBy: string): Promise<StoredValue> {
  const { rows } = await tx.query<ValueRow>(
    `INSERT INTO policy_values (indicator_id, year, status, value, source, value_date, entered_by, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [indicatorId, v.year, v.value === null ? 'nd' : 'measured', v.value, v.source, v.date, v.enteredBy, recordedBy],
  );
  return toValue(rows[0]!);
}
