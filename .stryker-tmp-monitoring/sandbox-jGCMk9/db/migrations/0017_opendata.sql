-- Open data: dated snapshots of the public datasets, kept on every publication so that a
-- figure cited last year can be downloaded as it was. A snapshot is the dataset's rows as
-- gzipped JSON lines (values and geometry), re-rendered into any format on download.
-- Snapshots are public information (the datasets carry no personal data): everyone reads
-- them; national officials and administrators publish; rows are never updated nor deleted.

CREATE TABLE opendata_publications (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  published_at  timestamptz NOT NULL DEFAULT now(),
  -- The calendar day in Peru the publication is filed under (downloads by date).
  snapshot_date date NOT NULL,
  actor         text NOT NULL,
  -- The audit head the data was read at: the data version of the publication.
  data_version  text NOT NULL
);

CREATE TABLE opendata_snapshots (
  publication_id bigint NOT NULL REFERENCES opendata_publications(id),
  dataset_id     text NOT NULL CHECK (dataset_id ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  snapshot_date  date NOT NULL,
  row_count      integer NOT NULL CHECK (row_count >= 0),
  -- sha256 of the uncompressed JSON lines: an unchanged dataset is recognised.
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- The dictionary (field names and types) the rows were written with.
  fields         jsonb NOT NULL,
  -- Coverage found in the rows: first and last date, UBIGEO departments.
  temporal_start date,
  temporal_end   date,
  regions        text[] NOT NULL DEFAULT '{}',
  -- The gzipped JSON lines; NULL when unchanged since an earlier publication, which holds
  -- them (content_publication): a daily publication of an unchanged list costs a row.
  content        bytea,
  content_publication bigint NOT NULL,
  PRIMARY KEY (dataset_id, publication_id),
  CHECK ((content IS NULL) = (content_publication <> publication_id))
);
CREATE INDEX opendata_snapshots_date ON opendata_snapshots (dataset_id, snapshot_date DESC, publication_id DESC);

GRANT SELECT, INSERT ON opendata_publications, opendata_snapshots TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE opendata_publications ENABLE ROW LEVEL SECURITY;
ALTER TABLE opendata_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY opendata_publications_read ON opendata_publications FOR SELECT TO veta_app USING (true);
CREATE POLICY opendata_publications_write ON opendata_publications FOR INSERT TO veta_app WITH CHECK (veta_role() IN ('national', 'admin'));
CREATE POLICY opendata_snapshots_read ON opendata_snapshots FOR SELECT TO veta_app USING (true);
CREATE POLICY opendata_snapshots_write ON opendata_snapshots FOR INSERT TO veta_app WITH CHECK (veta_role() IN ('national', 'admin'));

-- The data version of the whole database (the audit head: every write appends to the
-- audit log) and when it last moved: the catalog's "modified", readable by anyone.
CREATE FUNCTION veta_data_version() RETURNS TABLE (head text, modified timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)),
          (SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1) $$;
GRANT EXECUTE ON FUNCTION veta_data_version() TO veta_app;
