/**
 * The formalization report's read model (see prepareReportModel) and where the report's
 * queries read their expedientes, requirements, finished steps and milestones from: this
 * transaction's derivation, the rows the database keeps (migration 0027), or the analysis
 * functions of migration 0004.
 */
import type { Queryable } from '../../platform/db.ts';

export interface ReportWindow {
  /** Cut-off instant: only actions up to it count; waiting times are measured to it. */
  at: string;
  region: string | null;
  /** First and last month ('YYYY-MM') of the funnel; first and last day of the steps' ends. */
  from: string | null;
  to: string | null;
}

/**
 * The report's read model: the expedientes' milestones and the requirements' positions at
 * the cut-off, derived once per transaction into temporary tables that the report's
 * queries read, instead of each re-deriving them from every action through
 * formalization_expedientes() (six times) and formalization_requirements() (four).
 * The actions are read once: one windowed pass over the requirement actions
 * (fr_actions: each action with the time of the next one on its track and its place on
 * it) gives the approvals, the last action per requirement and the finished steps; the
 * few expediente-level actions (open, suspend, exclude, reinstate, amend) give the
 * rest. Same rows as formalization_expedientes/_requirements/_steps of migration 0004
 * (formalization-report-model.test.ts).
 * Filled as the caller (row-level security applies to the derivation); dropped at commit.
 * Only for a transaction: the queries fall back to the functions for any other window or
 * connection. When the cut-off is at or after the last action the caller sees, the same
 * rows are those the database keeps as actions are recorded (migration 0027), and the
 * queries read those instead (formalization-report-kept.test.ts).
 */
interface Model {
  at: string;
  region: string | null;
  /** The tables the database keeps (migration 0027) instead of this transaction's. */
  kept: boolean;
}
const models = new WeakMap<Queryable, Model>();

/** Action type → the requirement status it leaves (formalization_requirements). */
const STATUS_OF = `CASE l.type WHEN 'file' THEN 'filed' WHEN 'start_review' THEN 'under_review' WHEN 'observe' THEN 'observed'
                        WHEN 'correct' THEN 'corrected' WHEN 'approve' THEN 'approved' WHEN 'reject' THEN 'rejected'
                        ELSE 'not_started' END`;
const approvedAt = (code: string): string => `max(f.at) FILTER (WHERE f.type = 'approve' AND f.requirement = '${code}')`;

export interface PrepareOptions {
  /** Derive the read model in this transaction even when the kept one would serve (tests). */
  derive?: boolean;
}

/**
 * The read model of the report for the window: the one the database keeps as actions are
 * recorded (migration 0027) when the cut-off is at or after the last action the caller
 * sees (then every action counts, as in the kept rows), else derived in this transaction.
 */
export async function prepareReportModel(tx: Queryable, w: ReportWindow, o: PrepareOptions = {}): Promise<void> {
  // Sorts and hashes of a few hundred thousand rows stay in memory (the default 4 MB spills
  // them to disk); float8 text is exact (shortest round trip) for the step durations read below.
  await tx.exec(`SET LOCAL work_mem = '128MB'; SET LOCAL extra_float_digits = 1; SET LOCAL jit = off`);
  if (!o.derive) {
    const { rows } = await tx.query<{ kept: boolean }>(
      `SELECT coalesce(max(last_action_at) <= $1::timestamptz, true) AS kept
       FROM formalization_kept_expedientes WHERE $2::text IS NULL OR department_code = $2`,
      [w.at, w.region],
    );
    if (rows[0]?.kept) {
      // Row-level security makes the planner expect a row or two of each kept table: nested
      // loops over tens of thousands (the typology's joins).
      await tx.exec('SET LOCAL enable_nestloop = off');
      models.set(tx, { at: w.at, region: w.region, kept: true });
      return;
    }
  }
  await deriveReportModel(tx, w);
  models.set(tx, { at: w.at, region: w.region, kept: false });
}

async function deriveReportModel(tx: Queryable, w: ReportWindow): Promise<void> {
  await tx.exec(`DROP TABLE IF EXISTS pg_temp.fr_actions, pg_temp.fr_expedientes, pg_temp.fr_requirements;
    CREATE TEMP TABLE fr_actions (expediente_id bigint, department_code text, requirement text, type text, at timestamptz,
                                  next_at timestamptz, n integer, reviewer text) ON COMMIT DROP;
    CREATE TEMP TABLE fr_expedientes ON COMMIT DROP AS SELECT * FROM formalization_expedientes(now(), NULL) WITH NO DATA;
    CREATE TEMP TABLE fr_requirements ON COMMIT DROP AS SELECT * FROM formalization_requirements(now(), NULL) WITH NO DATA`);
  // The requirement actions, in the index's order (expediente, requirement, seq): no sort.
  await tx.query(
    `INSERT INTO fr_actions
     SELECT a.expediente_id, a.department_code::text, a.requirement, a.type, a.at, lead(a.at) OVER w, (row_number() OVER w)::int,
            CASE WHEN a.type = 'start_review' THEN a.actor_username END
     FROM expediente_actions a
     WHERE a.at <= $1 AND a.requirement IS NOT NULL AND ($2::text IS NULL OR a.department_code = $2)
     WINDOW w AS (PARTITION BY a.expediente_id, a.requirement ORDER BY a.seq)`,
    [w.at, w.region],
  );
  // formalization_expedientes (migration 0004): the same columns and rules
  await tx.query(
    `INSERT INTO fr_expedientes
     WITH q AS (
       SELECT a.id, a.expediente_id, a.seq, a.type, a.at, a.payload
       FROM expediente_actions a
       WHERE a.at <= $1 AND a.requirement IS NULL AND ($2::text IS NULL OR a.department_code = $2)),
     g AS (
       SELECT q.expediente_id, min(q.at) FILTER (WHERE q.type = 'open') AS opened_at,
              (array_agg(q.type ORDER BY q.seq DESC) FILTER (WHERE q.type IN ('suspend', 'exclude', 'reinstate')))[1] AS last_event,
              max(q.at) AS last_action_at
       FROM q GROUP BY q.expediente_id),
     r AS (
       SELECT f.expediente_id, ${approvedAt('igafom')} AS igafom, ${approvedAt('mining_right_access')} AS access,
              ${approvedAt('surface_land')} AS land, ${approvedAt('technical_file')} AS technical,
              ${approvedAt('start_authorization')} AS start, max(f.at) AS last_action_at
       FROM fr_actions f GROUP BY f.expediente_id),
     -- The inscription date of the \`open\` action, as its latest amendment left it.
     o AS (
       SELECT DISTINCT ON (op.expediente_id) op.expediente_id,
              coalesce(m.payload #>> '{replacement,payload,inscribedOn}', op.payload ->> 'inscribedOn')::date AS inscribed_on
       FROM q op
       LEFT JOIN q m ON m.expediente_id = op.expediente_id AND m.type = 'amend' AND m.payload ->> 'amendsActionId' = op.id::text
       WHERE op.type = 'open'
       ORDER BY op.expediente_id, op.at, op.seq, m.seq DESC NULLS LAST) -- the first open: the one opened_at names
     SELECT e.id, e.inscription_id, e.department_code::text, g.opened_at, o.inscribed_on,
            r.igafom, r.access, r.land, r.technical, r.start, greatest(g.last_action_at, r.last_action_at),
            CASE WHEN g.last_event = 'exclude' THEN 'excluded'
                 WHEN g.last_event = 'suspend' THEN 'suspended'
                 WHEN r.start IS NOT NULL THEN 'formalized'
                 WHEN r.technical IS NOT NULL THEN 'start_authorization'
                 WHEN r.igafom IS NOT NULL AND r.access IS NOT NULL AND r.land IS NOT NULL THEN 'technical_file'
                 ELSE 'in_progress' END
     FROM expedientes e
     JOIN g ON g.expediente_id = e.id AND g.opened_at IS NOT NULL
     JOIN o ON o.expediente_id = e.id
     LEFT JOIN r ON r.expediente_id = e.id`,
    [w.at, w.region],
  );
  // formalization_requirements (migration 0004): the last action of a track has no next one
  await tx.exec(
    `INSERT INTO fr_requirements
     SELECT x.expediente_id, x.inscription_id, x.department_code, x.stage, r.code, r.ord, ${STATUS_OF}, l.at,
            CASE r.code
              WHEN 'technical_file' THEN
                CASE WHEN x.igafom_approved_at IS NOT NULL AND x.mining_right_access_approved_at IS NOT NULL
                          AND x.surface_land_approved_at IS NOT NULL
                     THEN greatest(x.igafom_approved_at, x.mining_right_access_approved_at, x.surface_land_approved_at) END
              WHEN 'start_authorization' THEN x.technical_file_approved_at
              ELSE x.opened_at END,
            l.reviewer
     FROM fr_expedientes x
     CROSS JOIN (VALUES ('igafom', 1), ('mining_right_access', 2), ('surface_land', 3), ('technical_file', 4),
                        ('start_authorization', 5)) r(code, ord)
     LEFT JOIN fr_actions l ON l.expediente_id = x.expediente_id AND l.requirement = r.code AND l.next_at IS NULL`,
  );
  await tx.exec('ANALYZE fr_expedientes, fr_requirements');
}

export interface Sources {
  /** expedientes (formalization_expedientes) */
  x: string;
  /** requirements (formalization_requirements) */
  r: string;
  /** finished steps (formalization_steps): department_code, requirement, step, ended_on (Peru), days */
  s: string;
  /** the milestones each expediente reached: department_code, milestone, month ('YYYY-MM', Peru) */
  m: string;
}

/**
 * Where the queries read the read model from, when this transaction prepared one for the
 * same cut-off and region (else null: the functions). `at` and `region` (the cut-off and
 * region parameters, $1 and $2 unless told) stay referenced and typed: an unused, untyped
 * parameter is an error.
 */
export function model(tx: Queryable, w: ReportWindow, at = '$1', region = '$2'): Sources | null {
  const m = models.get(tx);
  if (!m || m.at !== w.at || m.region !== w.region) return null;
  if (m.kept) {
    const mine = `(${region}::text IS NULL OR department_code = ${region}) AND ${at}::timestamptz IS NOT NULL`;
    return {
      x: `(SELECT * FROM formalization_kept_expedientes WHERE opened_at IS NOT NULL AND ${mine})`,
      r: `(SELECT * FROM formalization_kept_requirements WHERE ${mine})`,
      s: `(SELECT department_code, requirement, step, ended_on, days FROM formalization_kept_steps WHERE ${mine})`,
      m: `(SELECT department_code, milestone, month FROM formalization_kept_milestones WHERE ${mine})`,
    };
  }
  const always = `${at}::timestamptz IS NOT NULL OR ${region}::text IS NULL OR true`;
  const typed = `WHERE ${always}`;
  return {
    m: milestones(`(SELECT * FROM fr_expedientes ${typed})`),
    x: `(SELECT * FROM fr_expedientes ${typed})`,
    r: `(SELECT * FROM fr_requirements ${typed})`,
    // the finished steps of formalization_steps, from the actions read once
    s: `(SELECT f.department_code, f.requirement,
                CASE f.type WHEN 'file' THEN 'filed' WHEN 'start_review' THEN 'under_review' WHEN 'observe' THEN 'observed'
                            WHEN 'correct' THEN 'corrected' ELSE 'rejected' END AS step,
                veta_peru_date(f.next_at) AS ended_on, extract(epoch FROM f.next_at - f.at)::float8 / 86400 AS days
         FROM fr_actions f WHERE f.next_at IS NOT NULL AND f.type <> 'approve' AND (${always})
         UNION ALL
         SELECT r.department_code, r.requirement, 'awaiting_filing', veta_peru_date(f.at), extract(epoch FROM f.at - r.available_since)::float8 / 86400
         FROM fr_requirements r
         JOIN fr_actions f ON f.expediente_id = r.expediente_id AND f.requirement = r.requirement AND f.n = 1
         WHERE r.available_since IS NOT NULL)`,
  };
}

/** The milestones the expedientes `x` reached, per month (as formalization_kept_milestones keeps them). */
const milestones = (x: string): string => `(
  SELECT x.department_code, v.milestone, to_char(v.d, 'YYYY-MM') AS month
  FROM ${x} x
  CROSS JOIN LATERAL (VALUES
    ('inscribed', x.inscribed_on),
    ('igafom_approved', veta_peru_date(x.igafom_approved_at)),
    ('mining_right_access_approved', veta_peru_date(x.mining_right_access_approved_at)),
    ('surface_land_approved', veta_peru_date(x.surface_land_approved_at)),
    ('technical_file_approved', veta_peru_date(x.technical_file_approved_at)),
    ('start_authorization_approved', veta_peru_date(x.start_authorization_approved_at)),
    ('formalized', veta_peru_date(x.start_authorization_approved_at))) v(milestone, d)
  WHERE v.d IS NOT NULL)`;

export function sources(tx: Queryable, w: ReportWindow): Omit<Sources, 's'> {
  const x = 'formalization_expedientes($1, $2)';
  return model(tx, w) ?? { x, r: 'formalization_requirements($1, $2)', m: milestones(x) };
}
