-- Services: what the national MAPE policy's services (SS.*) deliver, and mercury use.
-- Every delivery names the policy service it serves and is scoped by department like the
-- registry (row-level security on department_code). Beneficiaries are matched to the
-- registry by DNI (persons) or RUC (organizations); `beneficiary_ruc` is the RUC the
-- indicators count (a person's RUC 10 + DNI + check digit), set by the service.
-- The rules (passed = "con capacidades", oportuno, accident index, Hg:Au, the IGAFOM
-- sample) are in src/modules/services/services.domain.ts.

-- Trainings, technical assistance and advice (labour formalization, business) events.
CREATE TABLE service_events (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 60),
  service_code     text NOT NULL CHECK (service_code ~ '^SS\.\d+\.\d+\.\d+$'),
  kind             text NOT NULL CHECK (kind IN ('training', 'technical_assistance', 'labour_advice', 'business_advice')),
  topic            text NOT NULL CHECK (topic <> ''),
  event_date       date NOT NULL,
  department_code  char(2) NOT NULL,
  district_code    char(6),
  modality         text NOT NULL DEFAULT 'presencial' CHECK (modality IN ('presencial', 'virtual', 'mixta')),
  hours            numeric(6, 1) CHECK (hours IS NULL OR hours > 0),
  provider         text,
  import_id        bigint,
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_events_service ON service_events (service_code, event_date);
CREATE INDEX service_events_department ON service_events (department_code);

-- Beneficiary columns, the same in every delivery table: who (registry ids when matched),
-- name, sex, age band, and condition at the delivery date (REINFO status of the RUC then).
CREATE TABLE service_participants (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id          bigint NOT NULL REFERENCES service_events(id),
  department_code   char(2) NOT NULL,
  dni               char(8) CHECK (dni ~ '^\d{8}$'),
  ruc               char(11) CHECK (ruc ~ '^\d{11}$'),
  beneficiary_ruc   char(11) NOT NULL,
  person_id         bigint REFERENCES persons(id),
  organization_id   bigint REFERENCES organizations(id),
  name              text NOT NULL CHECK (name <> ''),
  sex               char(1) CHECK (sex IN ('F', 'M')),
  age               smallint CHECK (age IS NULL OR age BETWEEN 5 AND 110),
  condition         text NOT NULL CHECK (condition IN ('reinfo_vigente', 'reinfo_suspendido', 'reinfo_excluido', 'not_in_reinfo')),
  attended          boolean NOT NULL DEFAULT true,
  passed            boolean NOT NULL,
  import_id         bigint,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, beneficiary_ruc),
  CHECK ((dni IS NULL) <> (ruc IS NULL)),
  -- Only who attended can pass.
  CHECK (attended OR NOT passed)
);
CREATE INDEX service_participants_ruc ON service_participants (beneficiary_ruc);

-- Beneficiary-level deliveries: laboratory analyses, Fondo Minero, formal credit.
CREATE TABLE service_deliveries (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('lab_analysis', 'fondo_minero', 'credit')),
  service_code      text NOT NULL CHECK (service_code ~ '^SS\.\d+\.\d+\.\d+$'),
  reference         text NOT NULL CHECK (reference <> ''),
  department_code   char(2) NOT NULL,
  dni               char(8) CHECK (dni ~ '^\d{8}$'),
  ruc               char(11) CHECK (ruc ~ '^\d{11}$'),
  beneficiary_ruc   char(11) NOT NULL,
  person_id         bigint REFERENCES persons(id),
  organization_id   bigint REFERENCES organizations(id),
  name              text NOT NULL CHECK (name <> ''),
  sex               char(1) CHECK (sex IN ('F', 'M')),
  condition         text NOT NULL CHECK (condition IN ('reinfo_vigente', 'reinfo_suspendido', 'reinfo_excluido', 'not_in_reinfo')),
  requested_on      date NOT NULL,
  delivered_on      date,
  provider          text,           -- laboratory, Fondo Minero operator, lender
  item              text,           -- analysis type, goods or services delivered, credit product
  amount_pen        numeric(14, 2) CHECK (amount_pen IS NULL OR amount_pen >= 0),
  standard_days     smallint CHECK (standard_days IS NULL OR standard_days > 0),
  recorded_by       text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, reference),
  CHECK ((dni IS NULL) <> (ruc IS NULL)),
  CHECK (delivered_on IS NULL OR delivered_on >= requested_on),
  CHECK (kind <> 'lab_analysis' OR standard_days IS NOT NULL),
  CHECK (kind <> 'credit' OR (delivered_on IS NOT NULL AND amount_pen IS NOT NULL AND provider IS NOT NULL))
);
CREATE INDEX service_deliveries_ruc ON service_deliveries (beneficiary_ruc);

-- Dialogue tables (mesas de diálogo) between informal miners and concession or
-- surface-land holders; sessions and agreements are appended.
CREATE TABLE dialogue_tables (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  service_code     text NOT NULL DEFAULT 'SS.03.02.01' CHECK (service_code ~ '^SS\.\d+\.\d+\.\d+$'),
  department_code  char(2) NOT NULL,
  subject          text NOT NULL CHECK (subject IN ('concession', 'surface_land')),
  requested_on     date NOT NULL,
  -- [{ "role": "informal_miner" | "concession_holder" | "surface_holder" | "state", "name": …, "ruc": … }]
  parties          jsonb NOT NULL CHECK (jsonb_typeof(parties) = 'array'),
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE dialogue_sessions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_id         bigint NOT NULL REFERENCES dialogue_tables(id),
  department_code  char(2) NOT NULL,
  held_on          date NOT NULL,
  -- none: no agreement yet; agreement: minutes signed; contract: an exploitation or cession
  -- contract signed (it may be linked to the expediente whose title requirement it serves).
  outcome          text NOT NULL CHECK (outcome IN ('none', 'agreement', 'contract', 'no_agreement')),
  agreements       text,
  expediente_id    bigint,
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dialogue_sessions_table ON dialogue_sessions (table_id, held_on);

-- Random review of approved IGAFOMs: the sample (seeded, reproducible) and findings.
CREATE TABLE igafom_reviews (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_code  char(2) NOT NULL,
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  seed             bigint NOT NULL,
  method           text NOT NULL,
  population       bigint[] NOT NULL,
  sample           bigint[] NOT NULL,
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department_code, year)
);
CREATE TABLE igafom_review_findings (
  review_id        bigint NOT NULL REFERENCES igafom_reviews(id),
  expediente_id    bigint NOT NULL,
  department_code  char(2) NOT NULL,
  compliant        boolean NOT NULL,
  findings         text,
  reviewer         text NOT NULL,
  reviewed_on      date NOT NULL,
  PRIMARY KEY (review_id, expediente_id)
);

-- Officials of the DREM/GREM in a year's certification process, certified or not.
CREATE TABLE official_certifications (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_code  char(2) NOT NULL,
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  dni              char(8) NOT NULL CHECK (dni ~ '^\d{8}$'),
  name             text NOT NULL,
  position         text,
  certified        boolean NOT NULL,
  certified_on     date,
  recorded_by      text NOT NULL,
  UNIQUE (year, dni),
  CHECK (certified = (certified_on IS NOT NULL))
);

-- Regional government capacities (ZEE / land-use planning, ISS.03.01.01.01), dated.
CREATE TABLE regional_capacities (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_code  char(2) NOT NULL,
  capacity         text NOT NULL CHECK (capacity IN ('zee', 'pot')),
  attained_on      date NOT NULL,
  evidence         text NOT NULL,
  recorded_by      text NOT NULL,
  UNIQUE (department_code, capacity)
);

-- Districts with MAPE population that have access to health services (ISS.01.02.01.01).
CREATE TABLE district_health_access (
  district_code    char(6) PRIMARY KEY,
  department_code  char(2) NOT NULL,
  since            date NOT NULL,
  source           text NOT NULL,
  recorded_by      text NOT NULL
);

-- Mining accidents and the hours worked behind the accident index (IOP.01.02).
CREATE TABLE mining_workforce (
  ruc              char(11) NOT NULL CHECK (ruc ~ '^\d{11}$'),
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  department_code  char(2) NOT NULL,
  workers          integer NOT NULL CHECK (workers >= 0),
  hours_worked     bigint NOT NULL CHECK (hours_worked >= 0),
  recorded_by      text NOT NULL,
  PRIMARY KEY (ruc, year)
);
CREATE TABLE mining_accidents (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ruc              char(11) NOT NULL CHECK (ruc ~ '^\d{11}$'),
  department_code  char(2) NOT NULL,
  occurred_on      date NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('incapacitating', 'fatal')),
  workers_injured  smallint NOT NULL DEFAULT 1 CHECK (workers_injured > 0),
  days_lost        integer NOT NULL CHECK (days_lost >= 0),
  description      text,
  recorded_by      text NOT NULL
);
CREATE INDEX mining_accidents_ruc ON mining_accidents (ruc, occurred_on);

-- Mercury (Minamata Convention, LN.01.03): per organization and year, and transitions.
CREATE TABLE mercury_use (
  ruc              char(11) NOT NULL CHECK (ruc ~ '^\d{11}$'),
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  department_code  char(2) NOT NULL,
  technology       text NOT NULL CHECK (technology IN ('whole_ore_amalgamation', 'concentrate_amalgamation', 'amalgamation_with_retort',
                                                      'gravimetric', 'cyanidation', 'mercury_free')),
  mercury_bought_kg numeric(12, 3) NOT NULL DEFAULT 0 CHECK (mercury_bought_kg >= 0),
  mercury_used_kg  numeric(12, 3) NOT NULL CHECK (mercury_used_kg >= 0),
  gold_g           numeric(14, 3) NOT NULL CHECK (gold_g >= 0),
  recorded_by      text NOT NULL,
  PRIMARY KEY (ruc, year),
  CHECK (technology <> 'mercury_free' OR mercury_used_kg = 0)
);
CREATE TABLE mercury_transitions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ruc              char(11) NOT NULL CHECK (ruc ~ '^\d{11}$'),
  department_code  char(2) NOT NULL,
  transition_on    date NOT NULL,
  from_technology  text NOT NULL,
  to_technology    text NOT NULL,
  note             text,
  recorded_by      text NOT NULL,
  UNIQUE (ruc, transition_on)
);

-- Deliveries are corrected (a participant's result, a delivery date) by the service,
-- audited; the review's sample, findings and sessions are history: SELECT and INSERT.
GRANT SELECT, INSERT, UPDATE ON service_events, service_participants, service_deliveries, dialogue_tables,
  official_certifications, regional_capacities, district_health_access, mining_workforce, mercury_use TO veta_app;
GRANT SELECT, INSERT ON dialogue_sessions, igafom_reviews, igafom_review_findings, mining_accidents, mercury_transitions TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_events', 'service_participants', 'service_deliveries', 'dialogue_tables', 'dialogue_sessions',
                           'igafom_reviews', 'igafom_review_findings', 'official_certifications', 'regional_capacities',
                           'district_health_access', 'mining_workforce', 'mining_accidents', 'mercury_use', 'mercury_transitions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO veta_app WITH CHECK (veta_writes_region(department_code))', t || '_write', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['service_events', 'service_participants', 'service_deliveries', 'dialogue_tables', 'official_certifications',
                           'regional_capacities', 'district_health_access', 'mining_workforce', 'mercury_use'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE TO veta_app USING (veta_writes_region(department_code)) '
                   'WITH CHECK (veta_writes_region(department_code))', t || '_update', t);
  END LOOP;
END $$;

-- Reads: officials by region (national, auditor, admin: all); a miner the deliveries
-- they received (their RUC, or the DNI inside it).
CREATE POLICY service_events_read ON service_events FOR SELECT TO veta_app USING (
  veta_sees_region(department_code)
  OR (veta_role() = 'miner' AND EXISTS (SELECT 1 FROM service_participants p WHERE p.event_id = service_events.id)));
CREATE POLICY service_participants_read ON service_participants FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND beneficiary_ruc = veta_ruc()));
CREATE POLICY service_deliveries_read ON service_deliveries FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND beneficiary_ruc = veta_ruc()));
CREATE POLICY dialogue_tables_read ON dialogue_tables FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY dialogue_sessions_read ON dialogue_sessions FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY igafom_reviews_read ON igafom_reviews FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY igafom_review_findings_read ON igafom_review_findings FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY official_certifications_read ON official_certifications FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY regional_capacities_read ON regional_capacities FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY district_health_access_read ON district_health_access FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY mining_workforce_read ON mining_workforce FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND ruc = veta_ruc()));
CREATE POLICY mining_accidents_read ON mining_accidents FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND ruc = veta_ruc()));
CREATE POLICY mercury_use_read ON mercury_use FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND ruc = veta_ruc()));
CREATE POLICY mercury_transitions_read ON mercury_transitions FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND ruc = veta_ruc()));

-- The REINFO condition of beneficiaries on a date, whatever region they were inscribed in
-- (a training in one region may have participants inscribed in another): per RUC, the
-- best status of its inscriptions on that day by the dated status history (vigente, then
-- suspendido, then excluido). No personal data: RUCs in, statuses out.
CREATE FUNCTION veta_reinfo_condition(rucs text[], on_day date) RETURNS TABLE (ruc text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT i.ruc::text,
         (array_agg(h.status ORDER BY CASE h.status WHEN 'vigente' THEN 0 WHEN 'suspendido' THEN 1 ELSE 2 END))[1]
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  JOIN reinfo_inscriptions i ON i.ruc = k.k AND i.inscription_date <= on_day
  CROSS JOIN LATERAL (SELECT s.status FROM inscription_status_history s
                      WHERE s.inscription_id = i.id AND s.effective_date <= on_day
                      ORDER BY s.effective_date DESC, s.id DESC LIMIT 1) h
  GROUP BY i.ruc
$$;
GRANT EXECUTE ON FUNCTION veta_reinfo_condition(text[], date) TO veta_app;
