-- Hardening (issue 19). API tokens expire, are listed and revoked by id, and die with the
-- browser session that minted them; failed logins are counted per account and per client
-- address (growing delay); the audit chain's head (seq, hash, time) is public so that it
-- can be kept outside the database.
ALTER TABLE api_tokens ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_id_key UNIQUE (id);
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = created_at + interval '90 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
-- sessions.token_hash of the session that minted the token (its logout revokes it); no
-- foreign key: the session row is deleted at logout, the token's record is kept.
ALTER TABLE api_tokens ADD COLUMN session_hash text;
ALTER TABLE api_tokens ADD COLUMN revoked_reason text;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE INDEX api_tokens_session ON api_tokens (session_hash) WHERE session_hash IS NOT NULL;

-- One row per throttled key: 'user:NAME' (an account) or 'addr:IP' (a client address).
CREATE TABLE login_failures (
  key          text PRIMARY KEY,
  failures     integer NOT NULL,
  first_at     timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  locked_until timestamptz
);
GRANT SELECT, INSERT, UPDATE, DELETE ON login_failures TO veta_app;

-- The newest audit entry, readable whatever rows the caller may see (the public head).
CREATE OR REPLACE FUNCTION veta_audit_head_entry() RETURNS TABLE (seq bigint, hash text, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT a.seq, a.hash, a.at FROM audit_log a ORDER BY a.seq DESC LIMIT 1 $$;
GRANT EXECUTE ON FUNCTION veta_audit_head_entry() TO veta_app;
