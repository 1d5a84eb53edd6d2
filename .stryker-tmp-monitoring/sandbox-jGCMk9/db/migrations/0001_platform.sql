-- Platform: extensions, the application role, users, sessions, tokens, audit log, jobs.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The application works through this non-owner role (SET LOCAL ROLE veta_app in every
-- request transaction) so that row-level security applies to it.
DO $$
BEGIN
  CREATE ROLE veta_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  EXECUTE format('GRANT veta_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO veta_app;

-- Request context, set with set_config(…, true) at the start of each transaction.
CREATE OR REPLACE FUNCTION veta_role() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce(nullif(current_setting('veta.role', true), ''), 'public') $$;
CREATE OR REPLACE FUNCTION veta_region() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('veta.region', true), '') $$;
CREATE OR REPLACE FUNCTION veta_ruc() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('veta.ruc', true), '') $$;
-- Who may read rows of a department: national, auditor and admin everything; a
-- regional official only their department.
CREATE OR REPLACE FUNCTION veta_sees_region(code text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT veta_role() IN ('national', 'auditor', 'admin')
       OR (veta_role() = 'regional' AND code = veta_region()) $$;
-- Who may write rows of a department: the auditor reads only.
CREATE OR REPLACE FUNCTION veta_writes_region(code text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT veta_role() IN ('national', 'admin')
       OR (veta_role() = 'regional' AND code = veta_region()) $$;

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('miner', 'regional', 'national', 'auditor', 'admin')),
  region_code   char(2),
  ruc           char(11),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'regional' OR region_code IS NOT NULL),
  CHECK (role <> 'miner' OR ruc IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical JSON of the entry).
CREATE TABLE audit_log (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor        text NOT NULL,
  actor_role   text NOT NULL,
  action       text NOT NULL,
  entity       text NOT NULL,
  entity_id    text,
  region_code  char(2),
  before       jsonb,
  after        jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE jobs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL,
  status      text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  actor       text NOT NULL,
  region_code char(2),
  processed   integer NOT NULL DEFAULT 0,
  total       integer,
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, api_tokens TO veta_app;
GRANT SELECT, INSERT, UPDATE ON jobs TO veta_app;
-- History is never rewritten by the application: no UPDATE or DELETE on the audit log.
GRANT SELECT, INSERT ON audit_log TO veta_app;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit_log FOR SELECT TO veta_app
  USING (veta_role() IN ('national', 'auditor', 'admin') OR (veta_role() = 'regional' AND region_code = veta_region()));
CREATE POLICY audit_append ON audit_log FOR INSERT TO veta_app WITH CHECK (true);

-- The head of the chain, readable whatever rows the caller may see.
CREATE OR REPLACE FUNCTION veta_audit_head() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS
$$ SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)) $$;
GRANT EXECUTE ON FUNCTION veta_audit_head() TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;
