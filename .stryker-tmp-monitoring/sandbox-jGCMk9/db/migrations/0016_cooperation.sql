-- International cooperation (issue 16, seed 000): agencies, projects with their partners,
-- regions and money flows, a version history per project, the yearly USD rate table and
-- the DAC's reported net ODA. Projects are public information (IATI is open data): anyone
-- reads them; the cooperation unit and agencies' focal points (`cooperation`), national
-- officials and administrators write them.

CREATE OR REPLACE FUNCTION veta_writes_cooperation() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT veta_role() IN ('cooperation', 'national', 'admin') $$;

-- Seed 000's list of agencies; `iati_org_id` is the IATI organisation identifier where the agency has one.
CREATE TABLE coop_agencies (
  code           text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  acronym        text NOT NULL,
  name_es        text NOT NULL,
  name_en        text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('multilateral', 'regional', 'bilateral', 'latin_american', 'un', 'ngo', 'other')),
  donor_country  char(2),
  iati_org_id    text UNIQUE
);

-- USD per unit of a currency, yearly average; the conversion uses the project's year.
CREATE TABLE coop_usd_rates (
  currency      char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  year          smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  usd_per_unit  numeric NOT NULL CHECK (usd_per_unit > 0),
  source        text NOT NULL,
  PRIMARY KEY (currency, year)
);

CREATE TABLE coop_projects (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  identifier          text NOT NULL UNIQUE CHECK (length(identifier) BETWEEN 3 AND 200),
  source              text NOT NULL CHECK (source IN ('veta', 'iati')),
  agency_code         text REFERENCES coop_agencies(code),
  reporting_org_ref   text,
  reporting_org_name  text,
  title_es            text,
  title_en            text,
  description_es      text,
  description_en      text,
  status              text NOT NULL CHECK (status IN ('pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended')),
  start_date          date,
  end_date            date,
  default_currency    char(3),
  countries           text[] NOT NULL DEFAULT '{}',
  sectors             text[] NOT NULL DEFAULT '{}',
  -- where the sectors were given: the activity, or (as IATI allows instead) its transactions
  sector_level        text CHECK (sector_level IN ('activity', 'transaction')),
  strata              text[] NOT NULL DEFAULT '{}'
                      CHECK (strata <@ ARRAY['pma', 'ppm', 'informal', 'pallaqueras', 'non_metallic', 'polymetallic']),
  aspects             text[] NOT NULL DEFAULT '{}'
                      CHECK (aspects <@ ARRAY['technical', 'productivity', 'social_cultural', 'gender_child_labour', 'community',
                                              'organizational', 'environmental', 'health_safety', 'legal', 'formalization', 'labour',
                                              'economic', 'financing', 'business_management']),
  policy_codes        text[] NOT NULL DEFAULT '{}',
  version             integer NOT NULL CHECK (version > 0),
  content_hash        text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  updated_by          text NOT NULL,
  CHECK (title_es IS NOT NULL OR title_en IS NOT NULL),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX coop_projects_agency ON coop_projects (agency_code);

CREATE TABLE coop_project_regions (
  project_id       bigint NOT NULL REFERENCES coop_projects(id) ON DELETE CASCADE,
  ubigeo           text NOT NULL CHECK (ubigeo ~ '^\d{2}(\d{2}(\d{2})?)?$'),
  department_code  char(2) NOT NULL REFERENCES departments(code),
  PRIMARY KEY (project_id, ubigeo),
  CHECK (left(ubigeo, 2) = department_code)
);
CREATE INDEX coop_project_regions_department ON coop_project_regions (department_code);

CREATE TABLE coop_project_partners (
  project_id  bigint NOT NULL REFERENCES coop_projects(id) ON DELETE CASCADE,
  position    smallint NOT NULL CHECK (position >= 0),
  role        text NOT NULL CHECK (role IN ('funding', 'accountable', 'extending', 'implementing')),
  name        text NOT NULL CHECK (name <> ''),
  ref         text,
  PRIMARY KEY (project_id, position)
);

-- Budgets (by period start year), commitments, disbursements and expenditures in their
-- currency; country and sector when the transaction gives them.
CREATE TABLE coop_project_flows (
  project_id  bigint NOT NULL REFERENCES coop_projects(id) ON DELETE CASCADE,
  position    integer NOT NULL CHECK (position >= 0),
  kind        text NOT NULL CHECK (kind IN ('budget', 'commitment', 'disbursement', 'expenditure')),
  year        smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  value_date  date,
  currency    char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount      numeric NOT NULL,
  country     text,
  sector      text,
  PRIMARY KEY (project_id, position)
);

-- Every stored state of a project, append-only: version 1 is its creation.
CREATE TABLE coop_project_versions (
  project_id   bigint NOT NULL REFERENCES coop_projects(id),
  version      integer NOT NULL CHECK (version > 0),
  source       text NOT NULL CHECK (source IN ('api', 'iati_import', 'demo')),
  snapshot     jsonb NOT NULL,
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, version)
);

-- Net ODA to Peru as the DAC reported it, by donor country and year (USD million); `DAC` is the DAC total.
CREATE TABLE coop_oda_reported (
  donor        text NOT NULL CHECK (donor ~ '^([A-Z]{2}|DAC)$'),
  donor_es     text NOT NULL,
  donor_en     text NOT NULL,
  year         smallint NOT NULL CHECK (year BETWEEN 1960 AND 2100),
  usd_million  numeric NOT NULL,
  source       text NOT NULL,
  PRIMARY KEY (donor, year)
);

GRANT SELECT ON coop_agencies, coop_usd_rates, coop_oda_reported TO veta_app;
GRANT SELECT, INSERT, UPDATE ON coop_projects TO veta_app;
GRANT SELECT, INSERT, DELETE ON coop_project_regions, coop_project_partners, coop_project_flows TO veta_app;
GRANT SELECT, INSERT ON coop_project_versions TO veta_app;
GRANT EXECUTE ON FUNCTION veta_writes_cooperation() TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE coop_agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_usd_rates ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_oda_reported ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_project_regions ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_project_partners ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_project_flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE coop_project_versions ENABLE ROW LEVEL SECURITY;

CREATE POLICY coop_agencies_read ON coop_agencies FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_usd_rates_read ON coop_usd_rates FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_oda_reported_read ON coop_oda_reported FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_projects_read ON coop_projects FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_projects_insert ON coop_projects FOR INSERT TO veta_app WITH CHECK (
  veta_writes_cooperation() AND updated_by = current_setting('veta.user', true));
CREATE POLICY coop_projects_update ON coop_projects FOR UPDATE TO veta_app USING (veta_writes_cooperation()) WITH CHECK (
  veta_writes_cooperation() AND updated_by = current_setting('veta.user', true));
CREATE POLICY coop_project_regions_read ON coop_project_regions FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_project_regions_write ON coop_project_regions FOR ALL TO veta_app USING (veta_writes_cooperation()) WITH CHECK (veta_writes_cooperation());
CREATE POLICY coop_project_partners_read ON coop_project_partners FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_project_partners_write ON coop_project_partners FOR ALL TO veta_app USING (veta_writes_cooperation()) WITH CHECK (veta_writes_cooperation());
CREATE POLICY coop_project_flows_read ON coop_project_flows FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_project_flows_write ON coop_project_flows FOR ALL TO veta_app USING (veta_writes_cooperation()) WITH CHECK (veta_writes_cooperation());
CREATE POLICY coop_project_versions_read ON coop_project_versions FOR SELECT TO veta_app USING (true);
CREATE POLICY coop_project_versions_append ON coop_project_versions FOR INSERT TO veta_app WITH CHECK (
  veta_writes_cooperation() AND recorded_by = current_setting('veta.user', true));

-- Seed 000's agencies (Secti's list, plus UN agencies and NGOs). IATI organisation
-- identifiers from the IATI Organisation Identifier registry (XM-DAC = DAC channel/donor codes).
INSERT INTO coop_agencies (code, acronym, name_es, name_en, kind, donor_country, iati_org_id) VALUES
  ('world-bank', 'BM', 'Banco Mundial', 'World Bank', 'multilateral', NULL, '44000'),
  ('idb', 'BID', 'Banco Interamericano de Desarrollo', 'Inter-American Development Bank', 'regional', NULL, 'XI-IATI-IADB'),
  ('eu', 'UE', 'Unión Europea', 'European Union', 'multilateral', NULL, 'XI-IATI-EC_INTPA'),
  ('oecd', 'OCDE', 'Organización para la Cooperación y el Desarrollo Económicos', 'Organisation for Economic Co-operation and Development', 'multilateral', NULL, NULL),
  ('cepal', 'CEPAL', 'Comisión Económica para América Latina y el Caribe', 'Economic Commission for Latin America and the Caribbean', 'regional', NULL, NULL),
  ('sela', 'SELA', 'Sistema Económico Latinoamericano y del Caribe', 'Latin American and Caribbean Economic System', 'regional', NULL, NULL),
  ('usaid', 'USAID', 'Agencia de los Estados Unidos para el Desarrollo Internacional', 'US Agency for International Development', 'bilateral', 'US', 'US-GOV-1'),
  ('giz', 'GIZ (GTZ)', 'Cooperación Alemana al Desarrollo (GIZ, antes GTZ)', 'Deutsche Gesellschaft für Internationale Zusammenarbeit (formerly GTZ)', 'bilateral', 'DE', 'DE-1'),
  ('aecid', 'AECID (AECI)', 'Agencia Española de Cooperación Internacional para el Desarrollo', 'Spanish Agency for International Development Cooperation', 'bilateral', 'ES', 'ES-DIR3-E04585801'),
  ('cosude', 'COSUDE', 'Agencia Suiza para el Desarrollo y la Cooperación', 'Swiss Agency for Development and Cooperation (SDC)', 'bilateral', 'CH', 'CH-4'),
  ('gac', 'GAC (ACDI)', 'Asuntos Globales Canadá (antes ACDI)', 'Global Affairs Canada (formerly CIDA)', 'bilateral', 'CA', 'CA-3'),
  ('fcdo', 'FCDO (DFID)', 'Ministerio de Asuntos Exteriores, Commonwealth y Desarrollo del Reino Unido (antes DFID)', 'Foreign, Commonwealth & Development Office (formerly DFID)', 'bilateral', 'GB', 'GB-GOV-1'),
  ('sida', 'Asdi (Sida)', 'Agencia Sueca de Cooperación Internacional para el Desarrollo', 'Swedish International Development Cooperation Agency', 'bilateral', 'SE', 'SE-0'),
  ('koica', 'KOICA', 'Agencia de Cooperación Internacional de Corea', 'Korea International Cooperation Agency', 'bilateral', 'KR', 'KR-GOV-010'),
  ('jica', 'JICA', 'Agencia de Cooperación Internacional del Japón', 'Japan International Cooperation Agency', 'bilateral', 'JP', 'XM-DAC-701-8'),
  ('agci', 'AGCID (AGCI)', 'Agencia de Cooperación Internacional de Chile', 'Chilean International Cooperation Agency', 'latin_american', 'CL', NULL),
  ('abc', 'ABC', 'Agencia Brasileña de Cooperación', 'Brazilian Cooperation Agency', 'latin_american', 'BR', NULL),
  ('amexcid', 'AMEXCID (IMEXCI)', 'Agencia Mexicana de Cooperación Internacional para el Desarrollo', 'Mexican Agency for International Development Cooperation', 'latin_american', 'MX', NULL),
  ('undp', 'PNUD', 'Programa de las Naciones Unidas para el Desarrollo', 'United Nations Development Programme', 'un', NULL, 'XM-DAC-41114'),
  ('unep', 'PNUMA', 'Programa de las Naciones Unidas para el Medio Ambiente', 'United Nations Environment Programme', 'un', NULL, 'XM-DAC-41116'),
  ('ilo', 'OIT', 'Organización Internacional del Trabajo', 'International Labour Organization', 'un', NULL, 'XM-DAC-41302'),
  ('unido', 'ONUDI', 'Organización de las Naciones Unidas para el Desarrollo Industrial', 'United Nations Industrial Development Organization', 'un', NULL, 'XM-DAC-41123'),
  ('ngo', 'ONG', 'Organismos no gubernamentales', 'Non-governmental organisations', 'ngo', NULL, NULL);

-- Yearly average USD per unit (rounded; from the central banks' and IMF's published annual
-- averages). A year without its own rate uses the nearest earlier year, else the nearest later.
INSERT INTO coop_usd_rates (currency, year, usd_per_unit, source) VALUES
  ('USD', 2000, 1, 'identity'),
  ('EUR', 2000, 0.924, 'annual average'), ('EUR', 2018, 1.181, 'annual average'), ('EUR', 2019, 1.120, 'annual average'),
  ('EUR', 2020, 1.142, 'annual average'), ('EUR', 2021, 1.183, 'annual average'), ('EUR', 2022, 1.053, 'annual average'),
  ('EUR', 2023, 1.081, 'annual average'), ('EUR', 2024, 1.082, 'annual average'), ('EUR', 2025, 1.130, 'annual average'),
  ('GBP', 2000, 1.516, 'annual average'), ('GBP', 2020, 1.284, 'annual average'), ('GBP', 2021, 1.376, 'annual average'),
  ('GBP', 2022, 1.237, 'annual average'), ('GBP', 2023, 1.244, 'annual average'), ('GBP', 2024, 1.278, 'annual average'),
  ('CAD', 2000, 0.673, 'annual average'), ('CAD', 2020, 0.746, 'annual average'), ('CAD', 2021, 0.798, 'annual average'),
  ('CAD', 2022, 0.769, 'annual average'), ('CAD', 2023, 0.741, 'annual average'), ('CAD', 2024, 0.730, 'annual average'),
  ('CHF', 2000, 0.593, 'annual average'), ('CHF', 2020, 1.067, 'annual average'), ('CHF', 2021, 1.094, 'annual average'),
  ('CHF', 2022, 1.047, 'annual average'), ('CHF', 2023, 1.113, 'annual average'), ('CHF', 2024, 1.136, 'annual average'),
  ('SEK', 2000, 0.109, 'annual average'), ('SEK', 2020, 0.109, 'annual average'), ('SEK', 2022, 0.099, 'annual average'),
  ('SEK', 2023, 0.094, 'annual average'), ('SEK', 2024, 0.095, 'annual average'),
  ('JPY', 2000, 0.00928, 'annual average'), ('JPY', 2020, 0.00937, 'annual average'), ('JPY', 2022, 0.00762, 'annual average'),
  ('JPY', 2023, 0.00712, 'annual average'), ('JPY', 2024, 0.00661, 'annual average'),
  ('KRW', 2000, 0.000884, 'annual average'), ('KRW', 2020, 0.000849, 'annual average'), ('KRW', 2022, 0.000774, 'annual average'),
  ('KRW', 2023, 0.000766, 'annual average'), ('KRW', 2024, 0.000733, 'annual average'),
  ('PEN', 2000, 0.285, 'annual average (BCRP)'), ('PEN', 2020, 0.290, 'annual average (BCRP)'), ('PEN', 2021, 0.258, 'annual average (BCRP)'),
  ('PEN', 2022, 0.260, 'annual average (BCRP)'), ('PEN', 2023, 0.267, 'annual average (BCRP)'), ('PEN', 2024, 0.266, 'annual average (BCRP)');
