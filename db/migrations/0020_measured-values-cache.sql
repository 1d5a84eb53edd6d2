-- The national values of a policy's bound indicators measured from the records, kept per
-- version of the data (the audit head they were read at): the follow-up report built from
-- records measures once per change of the data, also across restarts. Aggregates only
-- (value, numerator, denominator), the same numbers the public report prints; no records.
-- A row is replaced when the data has moved on; it is a cache, never a source.

CREATE TABLE monitoring_measured_cache (
  policy_code  text NOT NULL,
  year         smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  -- the bound indicators measured, comma-separated (another matrix measures others)
  indicators   text NOT NULL,
  data_version text NOT NULL,
  measured_at  timestamptz NOT NULL DEFAULT now(),
  -- { "<indicator>": { "value": n|null, "numerator": n, "denominator": n, "availability": …, "note": … } }
  results      jsonb NOT NULL CHECK (jsonb_typeof(results) = 'object'),
  PRIMARY KEY (policy_code, year, indicators)
);

GRANT SELECT, INSERT, UPDATE ON monitoring_measured_cache TO veta_app;
