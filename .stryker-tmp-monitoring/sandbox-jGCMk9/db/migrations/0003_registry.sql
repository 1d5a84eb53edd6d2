-- The registry: persons, organizations, mining rights, REINFO inscriptions, strata rules.
--
-- UBIGEO codes (department_code, district_code, region_code) and import ids carry no
-- foreign key: they are validated on input, the reference tables never change, and a
-- foreign key costs a trigger per row — six per inscription, the bulk of a national
-- REINFO import. Keys to persons, organizations, rights and inscriptions stay.
CREATE TABLE imports (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL,
  file_name   text NOT NULL,
  sha256      text NOT NULL,
  actor       text NOT NULL,
  as_of       date NOT NULL,
  counts      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE persons (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dni          char(8) NOT NULL UNIQUE,
  full_name    text NOT NULL,
  search_key   text NOT NULL,
  sex          char(1) CHECK (sex IN ('F', 'M')),
  birth_date   date,
  phone        text,
  address      text,
  region_code  char(2) NOT NULL,
  merged_into  bigint REFERENCES persons(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_search ON persons USING gin (search_key gin_trgm_ops);

CREATE TABLE organizations (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ruc          char(11) NOT NULL UNIQUE,
  name         text NOT NULL,
  search_key   text NOT NULL,
  type         text NOT NULL CHECK (type IN ('cooperative', 'association', 'company', 'community')),
  region_code  char(2) NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_search ON organizations USING gin (search_key gin_trgm_ops);

CREATE TABLE memberships (
  organization_id bigint NOT NULL REFERENCES organizations(id),
  person_id       bigint NOT NULL REFERENCES persons(id),
  role            text NOT NULL DEFAULT 'member',
  since           date,
  PRIMARY KEY (organization_id, person_id)
);

CREATE TABLE mining_rights (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  search_key      text NOT NULL,
  holder_name     text,
  holder_ruc      char(11),
  hectares        numeric(12, 4),
  substance       text NOT NULL DEFAULT 'metallic' CHECK (substance IN ('metallic', 'non_metallic', 'placer')),
  capacity        numeric(12, 2),
  department_code char(2) NOT NULL,
  district_code   char(6),
  verification    text NOT NULL DEFAULT 'declared_unverified' CHECK (verification IN ('declared_unverified', 'verified')),
  utm_zone        smallint CHECK (utm_zone IN (17, 18, 19)),
  datum           text CHECK (datum IN ('WGS84', 'PSAD56')),
  vertices        jsonb,
  geom            geometry(MultiPolygon, 4326),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mining_rights_search ON mining_rights USING gin (search_key gin_trgm_ops);
CREATE INDEX mining_rights_geom ON mining_rights USING gist (geom);
CREATE INDEX mining_rights_department ON mining_rights (department_code);

CREATE TABLE dac_statuses (
  mining_right_id bigint NOT NULL REFERENCES mining_rights(id),
  year            smallint NOT NULL,
  status          text NOT NULL CHECK (status IN ('presented', 'not_presented')),
  PRIMARY KEY (mining_right_id, year)
);

CREATE TABLE reinfo_inscriptions (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ruc               char(11) NOT NULL,
  declarant_name    text NOT NULL,
  person_id         bigint REFERENCES persons(id),
  organization_id   bigint REFERENCES organizations(id),
  mining_right_id   bigint NOT NULL REFERENCES mining_rights(id),
  mining_right_code text NOT NULL,
  activity          text NOT NULL CHECK (activity IN ('explotacion', 'beneficio')),
  department_code   char(2) NOT NULL,
  district_code     char(6),
  front             geometry(Point, 4326),
  inscription_date  date NOT NULL,
  status            text NOT NULL CHECK (status IN ('vigente', 'suspendido', 'excluido')),
  status_since      date NOT NULL,
  import_id         bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ruc, mining_right_code, activity),
  CHECK ((person_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX reinfo_department_status ON reinfo_inscriptions (department_code, status);
CREATE INDEX reinfo_person ON reinfo_inscriptions (person_id);
CREATE INDEX reinfo_organization ON reinfo_inscriptions (organization_id);
CREATE INDEX reinfo_right ON reinfo_inscriptions (mining_right_id);

-- Dated status history; rows written by an import reference it (per-row traceability
-- of a bulk import that has a single audit entry).
CREATE TABLE inscription_status_history (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inscription_id   bigint NOT NULL REFERENCES reinfo_inscriptions(id),
  department_code  char(2) NOT NULL,
  status           text NOT NULL,
  effective_date   date NOT NULL,
  reason           text,
  import_id        bigint,
  actor            text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inscription_status_history_inscription ON inscription_status_history (inscription_id);

-- Law 27651 strata as dated rules (data, not constants in code).
CREATE TABLE stratum_rules (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stratum       text NOT NULL CHECK (stratum IN ('PMA', 'PPM')),
  substance     text NOT NULL CHECK (substance IN ('metallic', 'non_metallic', 'placer')),
  max_hectares  numeric NOT NULL,
  max_capacity  numeric NOT NULL,
  capacity_unit text NOT NULL CHECK (capacity_unit IN ('t/day', 'm3/day')),
  valid_from    date NOT NULL,
  valid_to      date,
  legal_source  text NOT NULL
);
INSERT INTO stratum_rules (stratum, substance, max_hectares, max_capacity, capacity_unit, valid_from, legal_source) VALUES
  ('PPM', 'metallic',     2000, 350,  't/day',  '2002-01-24', 'Ley 27651, art. 91 TUO de la Ley General de Minería'),
  ('PPM', 'non_metallic', 2000, 1200, 't/day',  '2002-01-24', 'Ley 27651, art. 91 TUO de la Ley General de Minería'),
  ('PPM', 'placer',       2000, 3000, 'm3/day', '2002-01-24', 'Ley 27651, art. 91 TUO de la Ley General de Minería'),
  ('PMA', 'metallic',     1000, 25,   't/day',  '2002-01-24', 'Ley 27651, art. 91 TUO de la Ley General de Minería'),
  ('PMA', 'non_metallic', 1000, 100,  't/day',  '2002-01-24', 'Ley 27651, art. 91 TUO de la Ley General de Minería'),
  ('PMA', 'placer',       1000, 200,  'm3/day', '2002-01-24', 'Ley 27651, art. 91 TUO de la Ley General de Minería');

-- Public view of the registry: no personal data, natural persons' RUC masked
-- (a RUC 10… embeds the DNI). Owned by the migration user, so it reads across regions.
CREATE VIEW public_inscriptions AS
SELECT i.id,
       CASE WHEN left(i.ruc, 2) = '10' THEN '10' || repeat('*', 8) || right(i.ruc, 1) ELSE i.ruc END AS ruc,
       i.declarant_name,
       CASE WHEN i.person_id IS NOT NULL THEN 'person' ELSE 'organization' END AS declarant_type,
       i.mining_right_code, r.name AS mining_right_name, i.activity,
       i.department_code, d.name AS department_name, i.district_code,
       i.inscription_date, i.status, i.status_since,
       btrim(upper(regexp_replace(translate(i.declarant_name || ' ' || r.name, 'ÁÉÍÓÚÜÑáéíóúüñÀÈÌÒÙàèìòù',
             'AEIOUUNaeiouunAEIOUaeiou'), '[^A-Za-z0-9]+', ' ', 'g'))) AS search_key
FROM reinfo_inscriptions i
JOIN mining_rights r ON r.id = i.mining_right_id
JOIN departments d ON d.code = i.department_code;

GRANT SELECT ON stratum_rules, public_inscriptions TO veta_app;
GRANT SELECT ON imports TO veta_app;
GRANT INSERT ON imports TO veta_app;
GRANT SELECT, INSERT, UPDATE ON persons, organizations, memberships, mining_rights, dac_statuses, reinfo_inscriptions TO veta_app;
-- Status history is append-only for the application.
GRANT SELECT, INSERT ON inscription_status_history TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE mining_rights ENABLE ROW LEVEL SECURITY;
ALTER TABLE dac_statuses ENABLE ROW LEVEL SECURITY;
ALTER TABLE reinfo_inscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE inscription_status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;

-- Reads: officials by region; a miner their own records (RUC of the session).
CREATE POLICY persons_read ON persons FOR SELECT TO veta_app USING (
  veta_sees_region(region_code)
  OR (veta_role() = 'miner' AND veta_ruc() = '10' || dni || right(veta_ruc(), 1)));
CREATE POLICY persons_write ON persons FOR INSERT TO veta_app WITH CHECK (veta_writes_region(region_code));
CREATE POLICY persons_update ON persons FOR UPDATE TO veta_app
  USING (veta_writes_region(region_code)) WITH CHECK (veta_writes_region(region_code));

CREATE POLICY organizations_read ON organizations FOR SELECT TO veta_app USING (
  veta_sees_region(region_code) OR (veta_role() = 'miner' AND ruc = veta_ruc()));
CREATE POLICY organizations_write ON organizations FOR INSERT TO veta_app WITH CHECK (veta_writes_region(region_code));
CREATE POLICY organizations_update ON organizations FOR UPDATE TO veta_app
  USING (veta_writes_region(region_code)) WITH CHECK (veta_writes_region(region_code));

CREATE POLICY memberships_read ON memberships FOR SELECT TO veta_app USING (
  EXISTS (SELECT 1 FROM organizations o WHERE o.id = organization_id));
CREATE POLICY memberships_write ON memberships FOR INSERT TO veta_app WITH CHECK (
  EXISTS (SELECT 1 FROM organizations o WHERE o.id = organization_id AND veta_writes_region(o.region_code)));

CREATE POLICY rights_read ON mining_rights FOR SELECT TO veta_app USING (
  veta_sees_region(department_code)
  OR (veta_role() = 'miner' AND (holder_ruc = veta_ruc()
      OR EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.mining_right_id = mining_rights.id AND i.ruc = veta_ruc()))));
CREATE POLICY rights_write ON mining_rights FOR INSERT TO veta_app WITH CHECK (veta_writes_region(department_code));
CREATE POLICY rights_update ON mining_rights FOR UPDATE TO veta_app
  USING (veta_writes_region(department_code)) WITH CHECK (veta_writes_region(department_code));

CREATE POLICY dac_read ON dac_statuses FOR SELECT TO veta_app USING (
  EXISTS (SELECT 1 FROM mining_rights r WHERE r.id = mining_right_id));
CREATE POLICY dac_write ON dac_statuses FOR INSERT TO veta_app WITH CHECK (
  EXISTS (SELECT 1 FROM mining_rights r WHERE r.id = mining_right_id AND veta_writes_region(r.department_code)));

CREATE POLICY inscriptions_read ON reinfo_inscriptions FOR SELECT TO veta_app USING (
  veta_sees_region(department_code) OR (veta_role() = 'miner' AND ruc = veta_ruc()));
CREATE POLICY inscriptions_write ON reinfo_inscriptions FOR INSERT TO veta_app WITH CHECK (veta_writes_region(department_code));
CREATE POLICY inscriptions_update ON reinfo_inscriptions FOR UPDATE TO veta_app
  USING (veta_writes_region(department_code)) WITH CHECK (veta_writes_region(department_code));

CREATE POLICY history_read ON inscription_status_history FOR SELECT TO veta_app USING (
  veta_sees_region(department_code)
  OR (veta_role() = 'miner' AND EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.id = inscription_id)));
CREATE POLICY history_write ON inscription_status_history FOR INSERT TO veta_app WITH CHECK (veta_writes_region(department_code));

CREATE POLICY imports_read ON imports FOR SELECT TO veta_app USING (veta_role() IN ('regional', 'national', 'auditor', 'admin'));
CREATE POLICY imports_write ON imports FOR INSERT TO veta_app WITH CHECK (veta_role() IN ('regional', 'national', 'admin'));

-- Identifier look-ups for imports (joined, not `= ANY(array)`: linear in the keys), whatever region the rows were first registered
-- in: ids and departments only, no personal data.
CREATE FUNCTION veta_lookup_persons(dnis text[]) RETURNS TABLE (dni text, id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT p.dni::text, coalesce(p.merged_into, p.id) FROM (SELECT DISTINCT unnest(dnis) AS k) k JOIN persons p ON p.dni = k.k $$;
CREATE FUNCTION veta_lookup_organizations(rucs text[]) RETURNS TABLE (ruc text, id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT o.ruc::text, o.id FROM (SELECT DISTINCT unnest(rucs) AS k) k JOIN organizations o ON o.ruc = k.k $$;
CREATE FUNCTION veta_lookup_rights(codes text[]) RETURNS TABLE (code text, id bigint, department_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT r.code, r.id, r.department_code::text FROM (SELECT DISTINCT unnest(codes) AS k) k JOIN mining_rights r ON r.code = k.k $$;
GRANT EXECUTE ON FUNCTION veta_lookup_persons(text[]), veta_lookup_organizations(text[]), veta_lookup_rights(text[]) TO veta_app;
