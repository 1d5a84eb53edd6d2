-- The formalization report's read model, kept by the database as actions are recorded:
-- the rows that prepareReportModel (formalization-report.queries.ts) derives per report
-- from every action, here for a cut-off after the last action. At national size deriving
-- them took 4 of the report's 9 seconds of SQL; the report reads these tables whenever
-- its cut-off is at or after the last action it sees, and derives them otherwise.
--
--   formalization_kept_actions       each requirement action with the time of the next one
--                                    on its track (expediente × requirement) and its place
--   formalization_kept_expedientes   per expediente with actions: milestones, stage, last action
--   formalization_kept_requirements  per opened expediente × requirement: where it stands
--   formalization_kept_steps         the finished steps (time in step), as formalization_steps
--   formalization_kept_milestones    per opened expediente, each milestone reached and its month (funnel)
--
-- Same columns and rules as prepareReportModel's fr_actions, fr_expedientes and
-- fr_requirements (formalization-report-kept.test.ts compares them after random appends).
-- Kept by statement-level triggers on expediente_actions and expedientes: the rows of every
-- expediente a statement touches are derived again from all its actions (a few dozen), so
-- that an insert anywhere in a track, a DELETE or an UPDATE leave the same rows as a
-- derivation from scratch. Row-level security: the policies of the tables they come from,
-- so that a regional official reads exactly the national rows of their department.

CREATE TABLE formalization_kept_actions (
  expediente_id    bigint NOT NULL,
  department_code  text NOT NULL,
  ruc              char(11) NOT NULL,
  requirement      text NOT NULL,
  seq              integer NOT NULL,
  type             text NOT NULL,
  at               timestamptz NOT NULL,
  next_at          timestamptz,
  n                integer NOT NULL,
  reviewer         text,
  PRIMARY KEY (expediente_id, requirement, seq)
);

CREATE TABLE formalization_kept_expedientes (
  expediente_id                    bigint PRIMARY KEY,
  inscription_id                   bigint NOT NULL,
  department_code                  text NOT NULL,
  ruc                              char(11) NOT NULL,
  -- NULL when the expediente has no `open` action yet (the report leaves it out)
  opened_at                        timestamptz,
  inscribed_on                     date,
  igafom_approved_at               timestamptz,
  mining_right_access_approved_at  timestamptz,
  surface_land_approved_at         timestamptz,
  technical_file_approved_at       timestamptz,
  start_authorization_approved_at  timestamptz,
  last_action_at                   timestamptz NOT NULL,
  stage                            text NOT NULL
);
CREATE INDEX formalization_kept_expedientes_department ON formalization_kept_expedientes (department_code, last_action_at);

CREATE TABLE formalization_kept_requirements (
  expediente_id    bigint NOT NULL,
  inscription_id   bigint NOT NULL,
  department_code  text NOT NULL,
  ruc              char(11) NOT NULL,
  stage            text NOT NULL,
  requirement      text NOT NULL,
  ord              integer NOT NULL,
  status           text NOT NULL,
  since            timestamptz,
  available_since  timestamptz,
  reviewer         text,
  PRIMARY KEY (expediente_id, requirement)
);

-- Each finished step ending on `ended_on` (Peru), `days` long (formalization_steps).
CREATE TABLE formalization_kept_steps (
  expediente_id    bigint NOT NULL,
  department_code  text NOT NULL,
  ruc              char(11) NOT NULL,
  requirement      text NOT NULL,
  step             text NOT NULL,
  ended_on         date NOT NULL,
  days             double precision NOT NULL
);
CREATE INDEX formalization_kept_steps_expediente ON formalization_kept_steps (expediente_id);

-- Each milestone an opened expediente reached, and the month (Peru, 'YYYY-MM') it did.
CREATE TABLE formalization_kept_milestones (
  expediente_id    bigint NOT NULL,
  department_code  text NOT NULL,
  ruc              char(11) NOT NULL,
  milestone        text NOT NULL,
  month            text NOT NULL
);
CREATE INDEX formalization_kept_milestones_expediente ON formalization_kept_milestones (expediente_id);

GRANT SELECT ON formalization_kept_actions, formalization_kept_expedientes, formalization_kept_requirements,
                formalization_kept_steps, formalization_kept_milestones TO veta_app;
ALTER TABLE formalization_kept_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE formalization_kept_expedientes ENABLE ROW LEVEL SECURITY;
ALTER TABLE formalization_kept_requirements ENABLE ROW LEVEL SECURITY;
ALTER TABLE formalization_kept_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE formalization_kept_milestones ENABLE ROW LEVEL SECURITY;
-- The rules of expedientes_read and expediente_actions_read (migration 0004): officials by
-- region, a miner the rows of expedientes under the session's RUC (an action is visible
-- to a miner exactly when its expediente is, and the expediente's RUC is copied here).
-- The caller's role, region and RUC read once per query, as in migration 0009.
CREATE POLICY formalization_kept_actions_read ON formalization_kept_actions FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND department_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND ruc = (SELECT veta_ruc())));
CREATE POLICY formalization_kept_expedientes_read ON formalization_kept_expedientes FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND department_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND ruc = (SELECT veta_ruc())));
CREATE POLICY formalization_kept_requirements_read ON formalization_kept_requirements FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND department_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND ruc = (SELECT veta_ruc())));
CREATE POLICY formalization_kept_steps_read ON formalization_kept_steps FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND department_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND ruc = (SELECT veta_ruc())));
CREATE POLICY formalization_kept_milestones_read ON formalization_kept_milestones FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND department_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND ruc = (SELECT veta_ruc())));

-- The kept rows of the expedientes `ids`, derived again from all their actions. As the
-- owner: the application reads these tables and changes them only through the actions.
CREATE FUNCTION veta_formalization_keep(ids bigint[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public SET jit = off AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  DELETE FROM formalization_kept_steps WHERE expediente_id = ANY (ids);
  DELETE FROM formalization_kept_milestones WHERE expediente_id = ANY (ids);
  DELETE FROM formalization_kept_requirements WHERE expediente_id = ANY (ids);
  DELETE FROM formalization_kept_expedientes WHERE expediente_id = ANY (ids);
  DELETE FROM formalization_kept_actions WHERE expediente_id = ANY (ids);
  INSERT INTO formalization_kept_actions (expediente_id, department_code, ruc, requirement, seq, type, at, next_at, n, reviewer)
  SELECT a.expediente_id, a.department_code::text, e.ruc, a.requirement, a.seq, a.type, a.at, lead(a.at) OVER w, (row_number() OVER w)::int,
         CASE WHEN a.type = 'start_review' THEN a.actor_username END
  FROM expediente_actions a JOIN expedientes e ON e.id = a.expediente_id
  WHERE a.expediente_id = ANY (ids) AND a.requirement IS NOT NULL
  WINDOW w AS (PARTITION BY a.expediente_id, a.requirement ORDER BY a.seq);
  INSERT INTO formalization_kept_expedientes
  WITH q AS (
    SELECT a.id, a.expediente_id, a.seq, a.type, a.at, a.payload
    FROM expediente_actions a
    WHERE a.expediente_id = ANY (ids) AND a.requirement IS NULL),
  g AS (
    SELECT q.expediente_id, min(q.at) FILTER (WHERE q.type = 'open') AS opened_at,
           (array_agg(q.type ORDER BY q.seq DESC) FILTER (WHERE q.type IN ('suspend', 'exclude', 'reinstate')))[1] AS last_event,
           max(q.at) AS last_action_at
    FROM q GROUP BY q.expediente_id),
  r AS (
    SELECT f.expediente_id,
           max(f.at) FILTER (WHERE f.type = 'approve' AND f.requirement = 'igafom') AS igafom,
           max(f.at) FILTER (WHERE f.type = 'approve' AND f.requirement = 'mining_right_access') AS access,
           max(f.at) FILTER (WHERE f.type = 'approve' AND f.requirement = 'surface_land') AS land,
           max(f.at) FILTER (WHERE f.type = 'approve' AND f.requirement = 'technical_file') AS technical,
           max(f.at) FILTER (WHERE f.type = 'approve' AND f.requirement = 'start_authorization') AS start,
           max(f.at) AS last_action_at
    FROM formalization_kept_actions f WHERE f.expediente_id = ANY (ids) GROUP BY f.expediente_id),
  -- The inscription date of the `open` action, as its latest amendment left it.
  o AS (
    SELECT DISTINCT ON (op.expediente_id) op.expediente_id,
           coalesce(m.payload #>> '{replacement,payload,inscribedOn}', op.payload ->> 'inscribedOn')::date AS inscribed_on
    FROM q op
    LEFT JOIN q m ON m.expediente_id = op.expediente_id AND m.type = 'amend' AND m.payload ->> 'amendsActionId' = op.id::text
    WHERE op.type = 'open'
    ORDER BY op.expediente_id, m.seq DESC NULLS LAST)
  SELECT e.id, e.inscription_id, e.department_code::text, e.ruc, g.opened_at, o.inscribed_on,
         r.igafom, r.access, r.land, r.technical, r.start, greatest(g.last_action_at, r.last_action_at),
         CASE WHEN g.last_event = 'exclude' THEN 'excluded'
              WHEN g.last_event = 'suspend' THEN 'suspended'
              WHEN r.start IS NOT NULL THEN 'formalized'
              WHEN r.technical IS NOT NULL THEN 'start_authorization'
              WHEN r.igafom IS NOT NULL AND r.access IS NOT NULL AND r.land IS NOT NULL THEN 'technical_file'
              ELSE 'in_progress' END
  FROM expedientes e
  LEFT JOIN g ON g.expediente_id = e.id
  LEFT JOIN o ON o.expediente_id = e.id
  LEFT JOIN r ON r.expediente_id = e.id
  WHERE e.id = ANY (ids) AND (g.expediente_id IS NOT NULL OR r.expediente_id IS NOT NULL);
  INSERT INTO formalization_kept_requirements
  SELECT x.expediente_id, x.inscription_id, x.department_code, x.ruc, x.stage, c.code, c.ord,
         CASE l.type WHEN 'file' THEN 'filed' WHEN 'start_review' THEN 'under_review' WHEN 'observe' THEN 'observed'
                     WHEN 'correct' THEN 'corrected' WHEN 'approve' THEN 'approved' WHEN 'reject' THEN 'rejected'
                     ELSE 'not_started' END,
         l.at,
         CASE c.code
           WHEN 'technical_file' THEN
             CASE WHEN x.igafom_approved_at IS NOT NULL AND x.mining_right_access_approved_at IS NOT NULL
                       AND x.surface_land_approved_at IS NOT NULL
                  THEN greatest(x.igafom_approved_at, x.mining_right_access_approved_at, x.surface_land_approved_at) END
           WHEN 'start_authorization' THEN x.technical_file_approved_at
           ELSE x.opened_at END,
         l.reviewer
  FROM formalization_kept_expedientes x
  CROSS JOIN (VALUES ('igafom', 1), ('mining_right_access', 2), ('surface_land', 3), ('technical_file', 4),
                     ('start_authorization', 5)) c(code, ord)
  LEFT JOIN formalization_kept_actions l ON l.expediente_id = x.expediente_id AND l.requirement = c.code AND l.next_at IS NULL
  WHERE x.expediente_id = ANY (ids) AND x.opened_at IS NOT NULL;
  -- formalization_steps: each status up to the next action (approval ends the track), and
  -- the wait from availability to the first filing
  INSERT INTO formalization_kept_steps
  SELECT f.expediente_id, f.department_code, f.ruc, f.requirement,
         CASE f.type WHEN 'file' THEN 'filed' WHEN 'start_review' THEN 'under_review' WHEN 'observe' THEN 'observed'
                     WHEN 'correct' THEN 'corrected' ELSE 'rejected' END,
         veta_peru_date(f.next_at), extract(epoch FROM f.next_at - f.at)::float8 / 86400
  FROM formalization_kept_actions f
  WHERE f.expediente_id = ANY (ids) AND f.next_at IS NOT NULL AND f.type <> 'approve'
  UNION ALL
  SELECT r.expediente_id, r.department_code, r.ruc, r.requirement, 'awaiting_filing', veta_peru_date(f.at),
         extract(epoch FROM f.at - r.available_since)::float8 / 86400
  FROM formalization_kept_requirements r
  JOIN formalization_kept_actions f ON f.expediente_id = r.expediente_id AND f.requirement = r.requirement AND f.n = 1
  WHERE r.expediente_id = ANY (ids) AND r.available_since IS NOT NULL;
  -- the funnel's milestones (formalization-report.queries.ts, funnelRows)
  INSERT INTO formalization_kept_milestones
  SELECT x.expediente_id, x.department_code, x.ruc, v.milestone, to_char(v.d, 'YYYY-MM')
  FROM formalization_kept_expedientes x
  CROSS JOIN LATERAL (VALUES
    ('inscribed', x.inscribed_on),
    ('igafom_approved', veta_peru_date(x.igafom_approved_at)),
    ('mining_right_access_approved', veta_peru_date(x.mining_right_access_approved_at)),
    ('surface_land_approved', veta_peru_date(x.surface_land_approved_at)),
    ('technical_file_approved', veta_peru_date(x.technical_file_approved_at)),
    ('start_authorization_approved', veta_peru_date(x.start_authorization_approved_at)),
    ('formalized', veta_peru_date(x.start_authorization_approved_at))) v(milestone, d)
  WHERE x.expediente_id = ANY (ids) AND x.opened_at IS NOT NULL AND v.d IS NOT NULL;
END $$;

-- The expedientes a statement touched, from its transition tables.
CREATE FUNCTION veta_formalization_keep_actions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM veta_formalization_keep(ARRAY(SELECT DISTINCT expediente_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM veta_formalization_keep(ARRAY(SELECT DISTINCT expediente_id FROM old_rows));
  ELSE
    PERFORM veta_formalization_keep(ARRAY(SELECT expediente_id FROM new_rows UNION SELECT expediente_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER expediente_actions_keep_insert AFTER INSERT ON expediente_actions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION veta_formalization_keep_actions();
CREATE TRIGGER expediente_actions_keep_update AFTER UPDATE ON expediente_actions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION veta_formalization_keep_actions();
CREATE TRIGGER expediente_actions_keep_delete AFTER DELETE ON expediente_actions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION veta_formalization_keep_actions();

-- An expediente's inscription, department and RUC are copied into its kept rows.
CREATE FUNCTION veta_formalization_keep_expedientes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM veta_formalization_keep(ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER expedientes_keep_update AFTER UPDATE ON expedientes
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION veta_formalization_keep_expedientes();

CREATE FUNCTION veta_formalization_keep_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  TRUNCATE formalization_kept_actions, formalization_kept_expedientes, formalization_kept_requirements, formalization_kept_steps,
           formalization_kept_milestones;
  RETURN NULL;
END $$;
CREATE TRIGGER expediente_actions_keep_truncate AFTER TRUNCATE ON expediente_actions
  FOR EACH STATEMENT EXECUTE FUNCTION veta_formalization_keep_truncate();
-- Only the triggers rebuild kept rows (the function runs as the owner).
REVOKE ALL ON FUNCTION veta_formalization_keep(bigint[]) FROM PUBLIC;

-- Backfill, in one pass over the actions.
SELECT veta_formalization_keep(ARRAY(SELECT DISTINCT expediente_id FROM expediente_actions));
ANALYZE formalization_kept_actions, formalization_kept_expedientes, formalization_kept_requirements, formalization_kept_steps,
           formalization_kept_milestones;
