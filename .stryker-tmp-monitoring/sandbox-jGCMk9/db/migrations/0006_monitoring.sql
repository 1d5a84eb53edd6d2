-- Monitoring: national policies in the database (CEPLAN follow-up). A policy's elements
-- (priority objectives OP, their indicators IOP, guidelines LN, services SS, service
-- indicators ISS) with the parent that follows from the code, the indicators' technical
-- sheet and baseline, yearly targets, yearly values (append-only: a correction is a new
-- row and the latest counts), yearly alerts and measures, and the avance figures a
-- published follow-up report printed (for the audit of published reports).
-- Policy data is public information: everyone reads it, even the public; national
-- officials and administrators write it; every write is audited by the service.

-- The parent of an element from its code (as parentCode in hierarchy.domain.ts):
-- IOP.x.y → OP.x, LN.x.y → OP.x, SS.x.y.z → LN.x.y, ISS.x.y.z.w → SS.x.y.z; OP has none.
CREATE OR REPLACE FUNCTION policy_parent_code(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE split_part(code, '.', 1)
    WHEN 'IOP' THEN 'OP.' || split_part(code, '.', 2)
    WHEN 'LN' THEN 'OP.' || split_part(code, '.', 2)
    WHEN 'SS' THEN 'LN.' || split_part(code, '.', 2) || '.' || split_part(code, '.', 3)
    WHEN 'ISS' THEN 'SS.' || split_part(code, '.', 2) || '.' || split_part(code, '.', 3) || '.' || split_part(code, '.', 4)
  END
$$;

-- Who may write policy data: national officials (MINEM DGFM) and administrators.
CREATE OR REPLACE FUNCTION veta_writes_policy() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT veta_role() IN ('national', 'admin') $$;

CREATE TABLE policies (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9._-]{1,39}$'),
  name          text,
  sector        text,
  lead_entity   text,
  policy_type   text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- An element leaves the matrix by being marked removed (its values' history stays).
CREATE TABLE policy_elements (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  policy_id     bigint NOT NULL REFERENCES policies(id),
  code          text NOT NULL CHECK (code ~ '^(OP\.\d+|(IOP|LN)\.\d+\.\d+|SS\.\d+\.\d+\.\d+|ISS\.\d+\.\d+\.\d+\.\d+)$'),
  level         text NOT NULL GENERATED ALWAYS AS (split_part(code, '.', 1)) STORED,
  parent_code   text GENERATED ALWAYS AS (policy_parent_code(code)) STORED,
  -- Row order of the official table.
  position      integer NOT NULL CHECK (position >= 0),
  name          text NOT NULL CHECK (name <> ''),
  removed_at    timestamptz,
  UNIQUE (policy_id, code),
  UNIQUE (id, level),
  FOREIGN KEY (policy_id, parent_code) REFERENCES policy_elements (policy_id, code) DEFERRABLE INITIALLY DEFERRED
);

-- Ficha técnica and línea base of an indicator (IOP or ISS only).
CREATE TABLE policy_indicators (
  element_id          bigint PRIMARY KEY,
  level               text NOT NULL CHECK (level IN ('IOP', 'ISS')),
  direction           text NOT NULL CHECK (direction IN ('ascendente', 'descendente', 'no_definido')),
  aggregation         text NOT NULL CHECK (aggregation IN ('acumulado', 'no_acumulado', 'minimo_permisible', 'maximo_permisible')),
  responsible         text,
  indicator_type      text,
  justification       text,
  limitations         text,
  calculation_method  text,
  data_source         text,
  unit                text,
  baseline_year       smallint CHECK (baseline_year BETWEEN 1900 AND 2200),
  -- NULL with a year is ND.
  baseline_value      numeric,
  FOREIGN KEY (element_id, level) REFERENCES policy_elements (id, level),
  -- CEPLAN: a permisible aggregation goes with no_definido, and no_definido only with it.
  CHECK ((aggregation IN ('minimo_permisible', 'maximo_permisible')) = (direction = 'no_definido')),
  CHECK (baseline_value IS NULL OR baseline_year IS NOT NULL)
);

-- Logros esperados: one per indicator and year; value NULL is ND, no row is no target.
CREATE TABLE policy_targets (
  indicator_id  bigint NOT NULL REFERENCES policy_indicators(element_id),
  year          smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  value         numeric,
  PRIMARY KEY (indicator_id, year)
);

-- Valores obtenidos, append-only: the latest row of an indicator and year is its value
-- (`measured`, `nd`, or `withdrawn` when a re-imported matrix no longer has it).
CREATE TABLE policy_values (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indicator_id  bigint NOT NULL REFERENCES policy_indicators(element_id),
  year          smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  status        text NOT NULL CHECK (status IN ('measured', 'nd', 'withdrawn')),
  value         numeric,
  -- Where the value comes from (e.g. "Informe DGFM", "Veta records"), when it was
  -- obtained, and who entered it (as the matrix says); who recorded it in Veta and how.
  source        text,
  value_date    date,
  entered_by    text,
  import_id     bigint REFERENCES imports(id),
  recorded_by   text NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((value IS NOT NULL) = (status = 'measured')),
  CHECK (status <> 'withdrawn' OR (source IS NULL AND value_date IS NULL AND entered_by IS NULL))
);
CREATE INDEX policy_values_current ON policy_values (indicator_id, year, id DESC);

CREATE VIEW policy_current_values WITH (security_invoker = true) AS
SELECT DISTINCT ON (indicator_id, year) *
FROM policy_values
ORDER BY indicator_id, year, id DESC;

-- Alerta and medidas adoptadas of an indicator in a year.
CREATE TABLE policy_notes (
  indicator_id  bigint NOT NULL REFERENCES policy_indicators(element_id),
  year          smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  alert         text,
  measures      text,
  PRIMARY KEY (indicator_id, year),
  CHECK (alert IS NOT NULL OR measures IS NOT NULL)
);

-- Avance Tipo 1 / Tipo 2 as a published follow-up report printed them (objectives and
-- indicators); value NULL is a published ND.
CREATE TABLE policy_published (
  element_id    bigint NOT NULL,
  level         text NOT NULL CHECK (level IN ('OP', 'IOP', 'ISS')),
  year          smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  field         text NOT NULL CHECK (field IN ('avance1', 'avance2')),
  value         numeric,
  PRIMARY KEY (element_id, year, field),
  FOREIGN KEY (element_id, level) REFERENCES policy_elements (id, level)
);

GRANT SELECT, INSERT, UPDATE ON policies, policy_elements, policy_indicators TO veta_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON policy_targets, policy_notes, policy_published TO veta_app;
-- Values are history: never updated or deleted by the application.
GRANT SELECT, INSERT ON policy_values TO veta_app;
GRANT SELECT ON policy_current_values TO veta_app;
GRANT EXECUTE ON FUNCTION policy_parent_code(text), veta_writes_policy() TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_elements ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_indicators ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_values ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_published ENABLE ROW LEVEL SECURITY;

CREATE POLICY policies_read ON policies FOR SELECT TO veta_app USING (true);
CREATE POLICY policies_write ON policies FOR ALL TO veta_app USING (veta_writes_policy()) WITH CHECK (veta_writes_policy());
CREATE POLICY policy_elements_read ON policy_elements FOR SELECT TO veta_app USING (true);
CREATE POLICY policy_elements_write ON policy_elements FOR ALL TO veta_app USING (veta_writes_policy()) WITH CHECK (veta_writes_policy());
CREATE POLICY policy_indicators_read ON policy_indicators FOR SELECT TO veta_app USING (true);
CREATE POLICY policy_indicators_write ON policy_indicators FOR ALL TO veta_app USING (veta_writes_policy()) WITH CHECK (veta_writes_policy());
CREATE POLICY policy_targets_read ON policy_targets FOR SELECT TO veta_app USING (true);
CREATE POLICY policy_targets_write ON policy_targets FOR ALL TO veta_app USING (veta_writes_policy()) WITH CHECK (veta_writes_policy());
CREATE POLICY policy_values_read ON policy_values FOR SELECT TO veta_app USING (true);
CREATE POLICY policy_values_append ON policy_values FOR INSERT TO veta_app WITH CHECK (
  veta_writes_policy() AND recorded_by = current_setting('veta.user', true));
CREATE POLICY policy_notes_read ON policy_notes FOR SELECT TO veta_app USING (true);
CREATE POLICY policy_notes_write ON policy_notes FOR ALL TO veta_app USING (veta_writes_policy()) WITH CHECK (veta_writes_policy());
CREATE POLICY policy_published_read ON policy_published FOR SELECT TO veta_app USING (true);
CREATE POLICY policy_published_write ON policy_published FOR ALL TO veta_app USING (veta_writes_policy()) WITH CHECK (veta_writes_policy());
