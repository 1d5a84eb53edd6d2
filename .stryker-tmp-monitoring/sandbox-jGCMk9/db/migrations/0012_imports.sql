-- Imports (issue 11/19): jobs know the process running them and can end 'interrupted';
-- an import row names its job, so a job whose process died can say whether it committed.

ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted'));
-- host:pid:start of the process running the job (NULL for jobs older than this migration)
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS runner text;
-- the file name and its SHA-256, for the import history (the file itself is not kept)
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS file_name text;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS sha256 text;
CREATE INDEX IF NOT EXISTS jobs_running ON jobs (id) WHERE status = 'running';
CREATE INDEX IF NOT EXISTS jobs_kind_created ON jobs (kind, created_at DESC);

ALTER TABLE imports ADD COLUMN IF NOT EXISTS job_id bigint;
CREATE INDEX IF NOT EXISTS imports_job ON imports (job_id) WHERE job_id IS NOT NULL;

-- An import's row is written when it first needs its id (tables such as recpo_registrations
-- reference it), and its counts and SHA-256 (a streamed file's is known at the end) are
-- completed before its transaction commits: by the importer that wrote it, nothing else.
GRANT UPDATE (counts, sha256) ON imports TO veta_app;
CREATE POLICY imports_complete ON imports FOR UPDATE TO veta_app
  USING (veta_role() IN ('regional', 'national', 'admin') AND actor = current_setting('veta.user', true))
  WITH CHECK (veta_role() IN ('regional', 'national', 'admin') AND actor = current_setting('veta.user', true));
