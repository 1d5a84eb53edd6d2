-- The ledger import writes its day totals as one upsert per batch of 20,000 events, and
-- the statement-level triggers of 0025 rolled every batch up into ledger_actor_months and
-- ledger_actor_years: about 9,000 rows of each per batch, most of them the same month and
-- year rows rewritten batch after batch (7.5 s of a 51.8 s import of 200k events).
--
-- Inside an import's transaction the triggers now stand aside: the import sets
-- veta.rollups_deferred to 'on' (transaction-local), and before it commits it rebuilds,
-- once, the months and years of the actor-months whose days it wrote, from
-- ledger_actor_days (veta_ledger_rollups_rebuild below): two set-based statements per
-- table for the whole file. Every other writer of the days is still rolled up statement
-- by statement; TRUNCATE still empties the rollups.

-- 0025's function, returning at once while the rollups are deferred.
CREATE OR REPLACE FUNCTION veta_ledger_actor_rollups() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  cols constant text := 'actor_ruc, date, region_code, %1$s produced_mg AS produced_mg, %1$s bought_mg AS bought_mg, '
                        '%1$s sold_mg AS sold_mg, %1$s loss_mg AS loss_mg, %1$s live_events AS live_events, %1$s 1 AS days';
  added constant text := 'SELECT ' || format(cols, '') || ' FROM new_days';
  removed constant text := 'SELECT ' || format(cols, '-') || ' FROM old_days';
  delta text := CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed ELSE added || ' UNION ALL ' || removed END;
  rollup record;
BEGIN
  IF current_setting('veta.rollups_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
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

-- The rollups of the given actor-months (pairs: actors[i], a day of months[i]) and of
-- their years, rebuilt from the days: every department's row of each such month is
-- deleted and summed again from ledger_actor_days (the same sums and `days` counts as
-- 0025's initial fill), then each such year from its months. Only the months given
-- change, so a month outside them must already be right: the caller names every month
-- it wrote days in while the rollups were deferred. As the owner (the application
-- cannot write the rollups), and only for those who write the ledger.
CREATE FUNCTION veta_ledger_rollups_rebuild(actors text[], months date[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT veta_writes_ledger() THEN
    RAISE EXCEPTION 'only national officials and administrators rebuild the ledger rollups' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM ledger_actor_months r USING unnest(actors, months) t(actor_ruc, day)
  WHERE r.actor_ruc = t.actor_ruc AND r.month = date_trunc('month', t.day)::date;
  INSERT INTO ledger_actor_months (month, actor_ruc, region_code, produced_mg, bought_mg, sold_mg, loss_mg, live_events, days)
  SELECT t.month, d.actor_ruc, d.region_code, sum(d.produced_mg), sum(d.bought_mg), sum(d.sold_mg), sum(d.loss_mg), sum(d.live_events), count(*)
  FROM (SELECT DISTINCT actor_ruc, date_trunc('month', day)::date AS month FROM unnest(actors, months) u(actor_ruc, day)) t
  JOIN ledger_actor_days d ON d.actor_ruc = t.actor_ruc AND d.date >= t.month AND d.date < (t.month + interval '1 month')::date
  GROUP BY 1, 2, 3;

  DELETE FROM ledger_actor_years r USING unnest(actors, months) t(actor_ruc, day)
  WHERE r.actor_ruc = t.actor_ruc AND r.year = date_trunc('year', t.day)::date;
  INSERT INTO ledger_actor_years (year, actor_ruc, region_code, produced_mg, bought_mg, sold_mg, loss_mg, live_events, days)
  SELECT t.year, m.actor_ruc, m.region_code, sum(m.produced_mg), sum(m.bought_mg), sum(m.sold_mg), sum(m.loss_mg), sum(m.live_events), sum(m.days)
  FROM (SELECT DISTINCT actor_ruc, date_trunc('year', day)::date AS year FROM unnest(actors, months) u(actor_ruc, day)) t
  JOIN ledger_actor_months m ON m.actor_ruc = t.actor_ruc AND m.month >= t.year AND m.month < (t.year + interval '1 year')::date
  WHERE m.days > 0
  GROUP BY 1, 2, 3;
END $$;
REVOKE ALL ON FUNCTION veta_ledger_rollups_rebuild(text[], date[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION veta_ledger_rollups_rebuild(text[], date[]) TO veta_app;
