-- Territory: the INGEMMET cadastre on mining rights (legal state as dated history), DAC
-- activity per concession and year, protected and exclusion areas, public map views.

-- The cadastre's attributes, on the rights the REINFO import creates by code.
ALTER TABLE mining_rights
  ADD COLUMN legal_state text,
  ADD COLUMN right_kind text CHECK (right_kind IN ('titled', 'in_process', 'extinguished', 'quarry', 'plant', 'other')),
  ADD COLUMN legend text,
  ADD COLUMN filed_on date,
  ADD COLUMN declared_hectares numeric(14, 4),
  ADD COLUMN declared_departments text,
  ADD COLUMN cadastre_import_id bigint;

-- The legal state of a right in time (the cadastre's D_ESTADO at each import's --as-of).
CREATE TABLE mining_right_states (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mining_right_id  bigint NOT NULL REFERENCES mining_rights(id),
  department_code  char(2) NOT NULL,
  legal_state      text NOT NULL,
  right_kind       text NOT NULL,
  effective_date   date NOT NULL,
  import_id        bigint,
  actor            text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mining_right_states_right ON mining_right_states (mining_right_id, effective_date);

-- What each concession declared it was doing in its DAC (a right with no row has no DAC that year).
ALTER TABLE dac_statuses
  ADD COLUMN situation text CHECK (situation IN ('CONSTRUCCION', 'EXPLORACION', 'EXPLOTACION', 'PARALIZADA', 'SIN_ACTIVIDAD')),
  ADD COLUMN production numeric(16, 4),
  ADD COLUMN workers integer CHECK (workers >= 0),
  ADD COLUMN import_id bigint;
CREATE POLICY dac_update ON dac_statuses FOR UPDATE TO veta_app
  USING (EXISTS (SELECT 1 FROM mining_rights r WHERE r.id = mining_right_id AND veta_writes_region(r.department_code)))
  WITH CHECK (EXISTS (SELECT 1 FROM mining_rights r WHERE r.id = mining_right_id AND veta_writes_region(r.department_code)));

-- Protected (SERNANP), buffer, exclusion areas and indigenous reserves: public data.
CREATE TABLE territory_areas (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('protected', 'buffer', 'exclusion', 'indigenous_reserve')),
  code            text NOT NULL,
  name            text NOT NULL,
  category        text,
  legal_hectares  numeric(16, 4),
  hectares        numeric(16, 4) NOT NULL,
  attributes      jsonb NOT NULL DEFAULT '{}',
  geom            geometry(MultiPolygon, 4326) NOT NULL,
  import_id       bigint,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, code)
);
CREATE INDEX territory_areas_geom ON territory_areas USING gist (geom);

GRANT SELECT, INSERT ON mining_right_states TO veta_app;
GRANT SELECT, INSERT, UPDATE ON territory_areas TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE mining_right_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE territory_areas ENABLE ROW LEVEL SECURITY;
CREATE POLICY right_states_read ON mining_right_states FOR SELECT TO veta_app USING (veta_sees_region(department_code));
CREATE POLICY right_states_write ON mining_right_states FOR INSERT TO veta_app WITH CHECK (veta_writes_region(department_code));
CREATE POLICY areas_read ON territory_areas FOR SELECT TO veta_app USING (true);
CREATE POLICY areas_write ON territory_areas FOR INSERT TO veta_app WITH CHECK (veta_role() IN ('national', 'admin'));
CREATE POLICY areas_update ON territory_areas FOR UPDATE TO veta_app
  USING (veta_role() IN ('national', 'admin')) WITH CHECK (veta_role() IN ('national', 'admin'));

-- Public map and situation layers: where and in what legal state, never who. Owned by the
-- migration user, so they read across regions like public_fronts (columns appended).
CREATE OR REPLACE VIEW public_fronts AS
SELECT i.id, i.status, i.activity, i.department_code::text AS department_code, i.front, i.inscription_date, i.mining_right_id
FROM reinfo_inscriptions i
WHERE i.front IS NOT NULL;

CREATE OR REPLACE VIEW public_rights AS
SELECT r.code, r.name, r.hectares::float8 AS hectares, r.department_code::text AS department_code, r.verification, r.geom,
       r.id, r.right_kind, r.legal_state
FROM mining_rights r
WHERE r.geom IS NOT NULL;

CREATE VIEW public_right_states AS
SELECT s.mining_right_id, s.right_kind, s.legal_state, s.effective_date, s.id FROM mining_right_states s;

CREATE VIEW public_dac AS
SELECT d.mining_right_id, d.year, d.status, d.situation FROM dac_statuses d;

GRANT SELECT ON public_fronts, public_rights, public_right_states, public_dac TO veta_app;
