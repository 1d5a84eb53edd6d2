-- Every write appends to the audit log in its transaction, so a notification on each
-- append tells every listening server that the data changed — public answers cached in
-- memory are then re-checked without a query per request. NOTIFY is delivered at commit,
-- only for committed transactions, and once per transaction however many rows it appends.
CREATE OR REPLACE FUNCTION veta_audit_notify() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN
  PERFORM pg_notify('veta_audit', '');
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER audit_log_notify AFTER INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION veta_audit_notify();
