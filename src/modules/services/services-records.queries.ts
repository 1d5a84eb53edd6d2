import type { Queryable } from '../../platform/db.ts';
import type { Row } from '../../platform/db/schema.generated.ts';

/**
 * SQL of the services module's other records: dialogue tables, IGAFOM reviews, officials'
 * certification, regional capacities, districts with health access, workforce and
 * accidents, mercury use and transitions.
 */

const id = (rows: { id: number }[]): number => rows[0]!.id;

export async function insertDialogue(
  tx: Queryable,
  d: { code: string; departmentCode: string; subject: string; requestedOn: string; parties: unknown[] },
  by: string,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO dialogue_tables (code, department_code, subject, requested_on, parties, recorded_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
    [d.code, d.departmentCode, d.subject, d.requestedOn, JSON.stringify(d.parties), by],
  );
  return id(rows);
}

export async function insertSession(
  tx: Queryable,
  tableId: number,
  departmentCode: string,
  s: { heldOn: string; outcome: string; agreements?: string | undefined; expedienteId?: number | undefined },
  by: string,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO dialogue_sessions (table_id, department_code, held_on, outcome, agreements, expediente_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [tableId, departmentCode, s.heldOn, s.outcome, s.agreements ?? null, s.expedienteId ?? null, by],
  );
  return id(rows);
}

export async function findDialogue(tx: Queryable, tableId: number) {
  const { rows } = await tx.query<Pick<Row<'dialogue_tables'>, 'id' | 'code' | 'department_code' | 'subject' | 'requested_on' | 'parties'>>(
    'SELECT id, code, department_code, subject, requested_on::text, parties FROM dialogue_tables WHERE id = $1',
    [tableId],
  );
  const t = rows[0];
  if (!t) return null;
  const { rows: sessions } = await tx.query<Pick<Row<'dialogue_sessions'>, 'id' | 'held_on' | 'outcome' | 'agreements' | 'expediente_id'>>(
    'SELECT id, held_on::text, outcome, agreements, expediente_id FROM dialogue_sessions WHERE table_id = $1 ORDER BY held_on, id',
    [tableId],
  );
  const parties = (typeof t.parties === 'string' ? JSON.parse(t.parties) : t.parties) as { role: string; name: string; ruc?: string }[];
  return {
    id: t.id,
    code: t.code,
    departmentCode: t.department_code,
    subject: t.subject,
    requestedOn: t.requested_on,
    parties,
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.held_on,
      outcome: s.outcome,
      agreements: s.agreements,
      expedienteId: s.expediente_id,
    })),
  };
}

/**
 * The expedientes of a department whose IGAFOM was approved by the end of `year`
 * (Peru time) and not yet in an earlier review: the population of the random review.
 * Read from the formalization module's action log; empty when it is not installed.
 */
export async function approvedIgafoms(tx: Queryable, departmentCode: string, year: number): Promise<number[]> {
  const { rows: ok } = await tx.query<{ ok: boolean }>(`SELECT to_regclass('public.expediente_actions') IS NOT NULL AS ok`);
  if (!ok[0]?.ok) return [];
  const { rows } = await tx.query<{ id: number }>(
    `SELECT DISTINCT a.expediente_id AS id FROM expediente_actions a
     WHERE a.department_code = $1 AND a.type = 'approve' AND a.requirement = 'igafom' AND a.at < $2::timestamptz
       AND NOT EXISTS (SELECT 1 FROM igafom_reviews r WHERE r.department_code = $1 AND r.year < $3 AND a.expediente_id = ANY(r.sample))
     ORDER BY 1`,
    [departmentCode, `${year + 1}-01-01T00:00:00-05:00`, year],
  );
  return rows.map((r) => Number(r.id));
}

export async function insertReview(
  tx: Queryable,
  r: { departmentCode: string; year: number; seed: number; method: string; population: number[]; sample: number[] },
  by: string,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO igafom_reviews (department_code, year, seed, method, population, sample, recorded_by)
     VALUES ($1, $2, $3, $4, $5::bigint[], $6::bigint[], $7) RETURNING id`,
    [r.departmentCode, r.year, r.seed, r.method, r.population, r.sample, by],
  );
  return id(rows);
}

export async function findReview(tx: Queryable, reviewId: number) {
  const { rows } = await tx.query<Pick<Row<'igafom_reviews'>, 'id' | 'department_code' | 'year' | 'seed' | 'method' | 'population' | 'sample'>>(
    'SELECT id, department_code, year, seed, method, population, sample FROM igafom_reviews WHERE id = $1',
    [reviewId],
  );
  const r = rows[0];
  if (!r) return null;
  const { rows: f } = await tx.query<Pick<Row<'igafom_review_findings'>, 'expediente_id' | 'compliant' | 'findings' | 'reviewer' | 'reviewed_on'>>(
    'SELECT expediente_id, compliant, findings, reviewer, reviewed_on::text FROM igafom_review_findings WHERE review_id = $1 ORDER BY expediente_id',
    [reviewId],
  );
  return {
    id: r.id,
    departmentCode: r.department_code,
    year: r.year,
    seed: r.seed,
    method: r.method,
    population: r.population.length,
    sample: r.sample.map(Number),
    findings: f.map((x) => ({
      expedienteId: x.expediente_id,
      compliant: x.compliant,
      findings: x.findings,
      reviewer: x.reviewer,
      reviewedOn: x.reviewed_on,
    })),
  };
}

export async function insertFinding(
  tx: Queryable,
  reviewId: number,
  departmentCode: string,
  f: { expedienteId: number; compliant: boolean; findings?: string | undefined; reviewedOn: string },
  reviewer: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO igafom_review_findings (review_id, expediente_id, department_code, compliant, findings, reviewer, reviewed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [reviewId, f.expedienteId, departmentCode, f.compliant, f.findings ?? null, reviewer, f.reviewedOn],
  );
}

/** One-row records: a table name and its columns (fixed here, never from input). */
const SIMPLE = {
  official_certifications: ['department_code', 'year', 'dni', 'name', 'position', 'certified', 'certified_on'],
  regional_capacities: ['department_code', 'capacity', 'attained_on', 'evidence'],
  district_health_access: ['district_code', 'department_code', 'since', 'source'],
  mining_workforce: ['ruc', 'year', 'department_code', 'workers', 'hours_worked'],
  mining_accidents: ['ruc', 'department_code', 'occurred_on', 'severity', 'workers_injured', 'days_lost', 'description'],
  mercury_use: ['ruc', 'year', 'department_code', 'technology', 'mercury_bought_kg', 'mercury_used_kg', 'gold_g'],
  mercury_transitions: ['ruc', 'department_code', 'transition_on', 'from_technology', 'to_technology', 'note'],
} as const;
export type SimpleTable = keyof typeof SIMPLE;

/** Conflict targets of the records that are corrected by recording them again. */
const UPSERT_KEY: Partial<Record<SimpleTable, string>> = {
  official_certifications: '(year, dni)',
  regional_capacities: '(department_code, capacity)',
  district_health_access: '(district_code)',
  mining_workforce: '(ruc, year)',
  mercury_use: '(ruc, year)',
};

/** Inserts (or, for the corrected-in-place records, replaces) one record; values in column order. */
export async function putSimple(tx: Queryable, table: SimpleTable, values: unknown[], by: string): Promise<void> {
  const cols = [...SIMPLE[table], 'recorded_by'];
  const params = cols.map((_, i) => `$${i + 1}`).join(', ');
  const key = UPSERT_KEY[table];
  const update = key ? ` ON CONFLICT ${key} DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}` : '';
  await tx.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${params})${update}`, [...values, by]);
}

/** Hg:Au per organization, region and nation for a year (rows the caller may see). */
export async function mercuryTotals(tx: Queryable, year: number) {
  const { rows } = await tx.query<{ scope: 'organization' | 'region' | 'nation'; key: string; name: string | null; hg: string; au: string }>(
    `WITH u AS (SELECT m.*, (SELECT o.name FROM organizations o WHERE o.ruc = m.ruc) AS name FROM mercury_use m WHERE m.year = $1)
     SELECT 'organization' AS scope, ruc::text AS key, name, mercury_used_kg AS hg, gold_g AS au FROM u
     UNION ALL SELECT 'region', department_code::text, (SELECT d.name FROM departments d WHERE d.code = u.department_code), sum(mercury_used_kg), sum(gold_g)
       FROM u GROUP BY department_code
     UNION ALL SELECT 'nation', 'PE', 'Perú', coalesce(sum(mercury_used_kg), 0), coalesce(sum(gold_g), 0) FROM u
     ORDER BY 1, 2`,
    [year],
  );
  return rows.map((r) => ({ scope: r.scope, key: r.key, name: r.name, mercuryUsedKg: Number(r.hg), goldG: Number(r.au) }));
}

/**
 * Organizations whose latest transition by the end of `year` went to a processing without
 * mercury (gravimetric, cyanidation, mercury-free).
 */
export async function mercuryFree(tx: Queryable, year: number) {
  const { rows } = await tx.query<{ ruc: string; name: string | null; department_code: string; since: string; from_technology: string }>(
    `SELECT t.ruc, (SELECT o.name FROM organizations o WHERE o.ruc = t.ruc) AS name, t.department_code, t.transition_on::text AS since, t.from_technology
     FROM (SELECT DISTINCT ON (ruc) * FROM mercury_transitions WHERE transition_on <= make_date($1, 12, 31) ORDER BY ruc, transition_on DESC) t
     WHERE t.to_technology IN ('mercury_free', 'gravimetric', 'cyanidation')
     ORDER BY t.department_code, t.transition_on`,
    [year],
  );
  return rows.map((r) => ({ ruc: r.ruc, name: r.name, departmentCode: r.department_code, since: r.since, fromTechnology: r.from_technology }));
}

/**
 * How each one-row record is listed: its columns (camelCase aliases; identifiers of
 * persons masked), the date or year its year filter reads, the order, and which columns
 * are numbers (NUMERIC and BIGINT arrive as text).
 */
const LISTED: Record<SimpleTable, { select: string; year: string; order: string; numbers: readonly string[] }> = {
  official_certifications: {
    select: `id, department_code AS "departmentCode", year, '*****' || right(dni, 3) AS "maskedDni", name, position, certified, certified_on::text AS "certifiedOn"`,
    year: 'year',
    order: 'department_code, year DESC, name',
    numbers: ['id'],
  },
  regional_capacities: {
    select: `id, department_code AS "departmentCode", capacity, attained_on::text AS "attainedOn", evidence`,
    year: 'extract(year FROM attained_on)',
    order: 'department_code, capacity',
    numbers: ['id'],
  },
  district_health_access: {
    select: `district_code AS "districtCode", department_code AS "departmentCode", (SELECT d.name FROM districts d WHERE d.code = district_code) AS "districtName", since::text AS since, source`,
    year: 'extract(year FROM since)',
    order: 'district_code',
    numbers: [],
  },
  mining_workforce: {
    select: `ruc, year, department_code AS "departmentCode", workers, hours_worked AS "hoursWorked"`,
    year: 'year',
    order: 'department_code, ruc, year DESC',
    numbers: ['hoursWorked'],
  },
  mining_accidents: {
    select: `id, ruc, department_code AS "departmentCode", occurred_on::text AS "occurredOn", severity, workers_injured AS "workersInjured", days_lost AS "daysLost", description`,
    year: 'extract(year FROM occurred_on)',
    order: 'occurred_on DESC, id DESC',
    numbers: ['id'],
  },
  mercury_use: {
    select: `ruc, (SELECT o.name FROM organizations o WHERE o.ruc = mercury_use.ruc) AS name, year, department_code AS "departmentCode", technology,
             mercury_bought_kg AS "mercuryBoughtKg", mercury_used_kg AS "mercuryUsedKg", gold_g AS "goldG"`,
    year: 'year',
    order: 'department_code, ruc, year DESC',
    numbers: ['mercuryBoughtKg', 'mercuryUsedKg', 'goldG'],
  },
  mercury_transitions: {
    select: `id, ruc, (SELECT o.name FROM organizations o WHERE o.ruc = mercury_transitions.ruc) AS name, department_code AS "departmentCode",
             transition_on::text AS "transitionOn", from_technology AS "fromTechnology", to_technology AS "toTechnology", note`,
    year: 'extract(year FROM transition_on)',
    order: 'transition_on DESC, id DESC',
    numbers: ['id'],
  },
};

/** The one-row records of a kind the caller may see, by department and year, newest first. */
export async function listSimple(
  tx: Queryable,
  table: SimpleTable,
  f: { department?: string | undefined; year?: number | undefined; limit: number },
): Promise<Record<string, unknown>[]> {
  const l = LISTED[table];
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT ${l.select} FROM ${table}
     WHERE ($1::text IS NULL OR department_code = $1) AND ($2::int IS NULL OR ${l.year} = $2)
     ORDER BY ${l.order} LIMIT $3`,
    [f.department ?? null, f.year ?? null, f.limit],
  );
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const k of l.numbers) if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
    return out;
  });
}

/** The dialogue tables the caller may see, with their sessions, by department and year requested. */
export async function listDialogues(tx: Queryable, f: { department?: string | undefined; year?: number | undefined; limit: number }) {
  const { rows } = await tx.query<{ id: number }>(
    `SELECT id FROM dialogue_tables WHERE ($1::text IS NULL OR department_code = $1) AND ($2::int IS NULL OR extract(year FROM requested_on) = $2)
     ORDER BY requested_on DESC, id DESC LIMIT $3`,
    [f.department ?? null, f.year ?? null, f.limit],
  );
  const out = [];
  for (const r of rows) out.push((await findDialogue(tx, Number(r.id)))!);
  return out;
}

/** The random IGAFOM reviews the caller may see (seed, method, sample), by department and year. */
export async function listReviews(tx: Queryable, f: { department?: string | undefined; year?: number | undefined; limit: number }) {
  const { rows } = await tx.query<{ id: number }>(
    `SELECT id FROM igafom_reviews WHERE ($1::text IS NULL OR department_code = $1) AND ($2::int IS NULL OR year = $2)
     ORDER BY year DESC, department_code LIMIT $3`,
    [f.department ?? null, f.year ?? null, f.limit],
  );
  const out = [];
  for (const r of rows) out.push((await findReview(tx, Number(r.id)))!);
  return out;
}
