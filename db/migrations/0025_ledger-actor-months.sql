-- Live gold moved per actor and month, and per actor and year: the same sums as
-- ledger_actor_days (reversals subtract), rolled up. A mass balance over [from, to]
-- read every actor-day up to `to` (its opening needs the whole past, its period every
-- day of the period), so a yearly balance of every actor grew with the ledger: 1.4 s at
-- 1M events, 9 s at 10M. It now reads whole years and whole months from these tables
-- and only the days of partial months from ledger_actor_days: about one row per actor
-- and year, whatever the number of events.
--
-- One row per actor, month (or year) and department of the days it sums, so that the
-- same row-level security as ledger_actor_days gives a regional official exactly the
-- national sums restricted to the days they see. `days` counts the day rows summed (a
-- row with none left, after a DELETE or a change of department, is skipped by readers).
-- Kept by statement-level triggers on ledger_actor_days (the import writes its days as
-- one INSERT … ON CONFLICT DO UPDATE per batch: one rollup per batch, not per row).
CREATE TABLE ledger_actor_months (
  month        date NOT NULL,      -- the month's first day
  actor_ruc    text NOT NULL,
  region_code  char(2),
  produced_mg  bigint NOT NULL DEFAULT 0,
  bought_mg    bigint NOT NULL DEFAULT 0,
  sold_mg      bigint NOT NULL DEFAULT 0,
  loss_mg      bigint NOT NULL DEFAULT 0,
  live_events  integer NOT NULL DEFAULT 0,
  days         integer NOT NULL DEFAULT 0,
  CONSTRAINT ledger_actor_months_key UNIQUE NULLS NOT DISTINCT (month, actor_ruc, region_code)
);
CREATE INDEX ledger_actor_months_actor ON ledger_actor_months (actor_ruc, month);

CREATE TABLE ledger_actor_years (
  year         date NOT NULL,      -- the year's first day
  actor_ruc    text NOT NULL,
  region_code  char(2),
  produced_mg  bigint NOT NULL DEFAULT 0,
  bought_mg    bigint NOT NULL DEFAULT 0,
  sold_mg      bigint NOT NULL DEFAULT 0,
  loss_mg      bigint NOT NULL DEFAULT 0,
  live_events  integer NOT NULL DEFAULT 0,
  days         integer NOT NULL DEFAULT 0,
  CONSTRAINT ledger_actor_years_key UNIQUE NULLS NOT DISTINCT (year, actor_ruc, region_code)
);
CREATE INDEX ledger_actor_years_actor ON ledger_actor_years (actor_ruc, year);

-- The change of one statement on ledger_actor_days, from its transition tables: new rows
-- add, old rows subtract (an UPDATE is both), summed per unit and key into each rollup.
-- As the owner: the application reads the rollups and changes them only through the days.
CREATE FUNCTION veta_ledger_actor_rollups() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  cols constant text := 'actor_ruc, date, region_code, %1$s produced_mg AS produced_mg, %1$s bought_mg AS bought_mg, '
                        '%1$s sold_mg AS sold_mg, %1$s loss_mg AS loss_mg, %1$s live_events AS live_events, %1$s 1 AS days';
  added constant text := 'SELECT ' || format(cols, '') || ' FROM new_days';
  removed constant text := 'SELECT ' || format(cols, '-') || ' FROM old_days';
  delta text := CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed ELSE added || ' UNION ALL ' || removed END;
  rollup record;
BEGIN
  FOR rollup IN SELECT * FROM (VALUES ('ledger_actor_months', 'month'), ('ledger_actor_years', 'year')) t(target, unit) LOOP
    EXECUTE format(
      $q$INSERT INTO %1$I AS r (%2$I, actor_ruc, region_code, produced_mg, bought_mg, sold_mg, loss_mg, live_events, days)
         SELECT date_trunc(%2$L, d.date)::date, d.actor_ruc, d.region_code, sum(d.produced_mg), sum(d.bought_mg), sum(d.sold_mg),
                sum(d.loss_mg), sum(d.live_events), sum(d.days)
         FROM (%3$s) d GROUP BY 1, 2, 3
         ON CONFLICT ON CONSTRAINT %4$I DO UPDATE SET produced_mg = r.produced_mg + EXCLUDED.produced_mg,
           bought_mg = r.bought_mg + EXCLUDED.bought_mg, sold_mg = r.sold_mg + EXCLUDED.sold_mg, loss_mg = r.loss_mg + EXCLUDED.loss_mg,
           live_events = r.live_events + EXCLUDED.live_events, days = r.days + EXCLUDED.days$q$,
      rollup.target, rollup.unit, delta, rollup.target || '_key');
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER ledger_actor_days_rollup_insert AFTER INSERT ON ledger_actor_days
  REFERENCING NEW TABLE AS new_days FOR EACH STATEMENT EXECUTE FUNCTION veta_ledger_actor_rollups();
CREATE TRIGGER ledger_actor_days_rollup_update AFTER UPDATE ON ledger_actor_days
  REFERENCING OLD TABLE AS old_days NEW TABLE AS new_days FOR EACH STATEMENT EXECUTE FUNCTION veta_ledger_actor_rollups();
CREATE TRIGGER ledger_actor_days_rollup_delete AFTER DELETE ON ledger_actor_days
  REFERENCING OLD TABLE AS old_days FOR EACH STATEMENT EXECUTE FUNCTION veta_ledger_actor_rollups();
CREATE FUNCTION veta_ledger_actor_rollups_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  TRUNCATE ledger_actor_months, ledger_actor_years;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_actor_days_rollup_truncate AFTER TRUNCATE ON ledger_actor_days
  FOR EACH STATEMENT EXECUTE FUNCTION veta_ledger_actor_rollups_truncate();

-- The days already stored.
INSERT INTO ledger_actor_months (month, actor_ruc, region_code, produced_mg, bought_mg, sold_mg, loss_mg, live_events, days)
SELECT date_trunc('month', date)::date, actor_ruc, region_code, sum(produced_mg), sum(bought_mg), sum(sold_mg), sum(loss_mg), sum(live_events), count(*)
FROM ledger_actor_days GROUP BY 1, 2, 3;
INSERT INTO ledger_actor_years (year, actor_ruc, region_code, produced_mg, bought_mg, sold_mg, loss_mg, live_events, days)
SELECT date_trunc('year', month)::date, actor_ruc, region_code, sum(produced_mg), sum(bought_mg), sum(sold_mg), sum(loss_mg), sum(live_events), sum(days)
FROM ledger_actor_months GROUP BY 1, 2, 3;

-- Who reads them: as ledger_actor_days (read policy as in 0009); nobody writes them but
-- the triggers above.
GRANT SELECT ON ledger_actor_months, ledger_actor_years TO veta_app;
ALTER TABLE ledger_actor_months ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_actor_years ENABLE ROW LEVEL SECURITY;
CREATE POLICY ledger_actor_months_read ON ledger_actor_months FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND region_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND actor_ruc = (SELECT veta_ruc())));
CREATE POLICY ledger_actor_years_read ON ledger_actor_years FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND region_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND actor_ruc = (SELECT veta_ruc())));
