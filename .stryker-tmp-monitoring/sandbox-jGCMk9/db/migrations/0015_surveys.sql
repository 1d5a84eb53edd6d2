-- Surveys: XLSForm forms (versioned, one row per form_id × version) and their
-- submissions, each stored once under the instanceID its device made (ODK's
-- meta/instanceID), in the department it was collected in. Append-only: a form version
-- is never edited (a new version is imported), a submission never rewritten.

CREATE TABLE survey_forms (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  form_id         text NOT NULL CHECK (form_id ~ '^[A-Za-z_][A-Za-z0-9_.-]*$'),
  version         text NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
  title           text NOT NULL,
  -- The parsed form (src/modules/surveys/xlsform.model.ts FormDefinition).
  definition      jsonb NOT NULL,
  -- The workbook as imported, and its SHA-256: what a team downloads to edit the next version.
  source_name     text NOT NULL,
  source          bytea NOT NULL,
  source_sha256   text NOT NULL CHECK (source_sha256 = encode(sha256(source), 'hex')),
  imported_at     timestamptz NOT NULL DEFAULT now(),
  imported_by     text NOT NULL,
  UNIQUE (form_id, version)
);

CREATE TABLE survey_submissions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  form_pk          bigint NOT NULL REFERENCES survey_forms(id),
  instance_id      uuid NOT NULL UNIQUE,
  department_code  char(2) NOT NULL REFERENCES departments(code),
  -- Answers by field name, repeats as arrays (xlsform.model.ts Answers), after the form's
  -- rules: non-relevant values dropped, calculations filled.
  answers          jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  -- When the device finished it (its clock), and when and from whom the server got it.
  completed_at     timestamptz,
  received_at      timestamptz NOT NULL DEFAULT now(),
  received_by      text NOT NULL,
  source           text NOT NULL CHECK (source IN ('web', 'odk_csv', 'demo', 'api'))
);
CREATE INDEX survey_submissions_form ON survey_submissions (form_pk, department_code);
CREATE INDEX survey_submissions_department ON survey_submissions (department_code);

GRANT SELECT, INSERT ON survey_forms, survey_submissions TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE survey_forms ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_submissions ENABLE ROW LEVEL SECURITY;

-- A form holds no personal data: anyone may read it (the field teams download it to
-- their devices). National officials and administrators publish forms.
CREATE POLICY survey_forms_read ON survey_forms FOR SELECT TO veta_app USING (true);
CREATE POLICY survey_forms_publish ON survey_forms FOR INSERT TO veta_app WITH CHECK (
  veta_role() IN ('national', 'admin') AND imported_by = current_setting('veta.user', true));

-- Submissions by region, like the registry: national, auditor and admin everything; a
-- regional official and a surveyor their department. Surveyors and regional officials
-- submit in their department, national officials and administrators anywhere.
CREATE POLICY survey_submissions_read ON survey_submissions FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'surveyor' AND department_code = veta_region()));
CREATE POLICY survey_submissions_append ON survey_submissions FOR INSERT TO veta_app WITH CHECK (
  received_by = current_setting('veta.user', true)
  AND (veta_writes_region(department_code) OR (veta_role() = 'surveyor' AND department_code = veta_region())));

-- The answers the public figures are computed from, whoever asks: only the fields the
-- aggregates read (never an identifier or free text) — the service returns counts of
-- five or more respondents only (surveys-aggregates.domain.ts).
CREATE FUNCTION survey_public_facts(p_form_id text, p_fields text[])
RETURNS TABLE (department_code text, facts jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.department_code::text,
         (SELECT coalesce(jsonb_object_agg(k, s.answers -> k), '{}'::jsonb) FROM unnest(p_fields) AS k WHERE s.answers ? k)
  FROM survey_submissions s JOIN survey_forms f ON f.id = s.form_pk
  WHERE f.form_id = p_form_id
$$;
REVOKE ALL ON FUNCTION survey_public_facts(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION survey_public_facts(text, text[]) TO veta_app;
