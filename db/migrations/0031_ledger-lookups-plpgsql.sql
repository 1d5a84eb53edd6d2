-- A lot's trace (veta ledger trace) without planning its statements again at every call.
--
-- The ledger's look-ups of registry facts and walks of the lot graph (0005), same bodies and
-- results, as PL/pgSQL: a SQL function that cannot be inlined (security definer, or SET
-- options) is parsed and planned again at every call, a PL/pgSQL function keeps its plans for
-- the session. CREATE OR REPLACE keeps owners and grants.
--
-- And three functions holding the statements of a trace that read the ledger under the
-- caller's row-level security, whose policies made their planning cost more than their
-- execution: kept as generic plans (their parameters are JSON lists and dates whose values
-- give the planner nothing: the same plans as custom ones, index reads driven by the lists).

CREATE OR REPLACE FUNCTION veta_ledger_actors(rucs text[])
RETURNS TABLE (ruc text, producer boolean, region_code text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT k.k,
         EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.ruc = k.k::char(11))
           OR EXISTS (SELECT 1 FROM organizations o WHERE o.ruc = k.k::char(11)),
         coalesce((SELECT o.region_code::text FROM organizations o WHERE o.ruc = k.k::char(11)),
                  (SELECT i.department_code::text FROM reinfo_inscriptions i WHERE i.ruc = k.k::char(11) ORDER BY i.id LIMIT 1),
                  (SELECT r.region_code::text FROM recpo_registrations r WHERE r.ruc = k.k AND r.region_code IS NOT NULL
                   ORDER BY r.valid_from DESC, r.number LIMIT 1))
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  WHERE k.k ~ '^\d{11}$'
    AND (EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.ruc = k.k::char(11))
      OR EXISTS (SELECT 1 FROM organizations o WHERE o.ruc = k.k::char(11))
      OR EXISTS (SELECT 1 FROM recpo_registrations r WHERE r.ruc = k.k));
END
$$;

CREATE OR REPLACE FUNCTION veta_ledger_reinfo(rucs text[])
RETURNS TABLE (ruc text, inscription_id bigint, status text, since date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT i.ruc::text, i.id::bigint, h.status::text, h.effective_date::date
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  JOIN reinfo_inscriptions i ON i.ruc = k.k::char(11)
  JOIN inscription_status_history h ON h.inscription_id = i.id
  ORDER BY i.ruc, i.id, h.effective_date, h.id;
END
$$;

CREATE OR REPLACE FUNCTION veta_ledger_actor_rights(rucs text[])
RETURNS TABLE (ruc text, substance text, hectares numeric, capacity numeric)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT DISTINCT i.ruc::text, r.substance::text, r.hectares::numeric, r.capacity::numeric
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  JOIN reinfo_inscriptions i ON i.ruc = k.k::char(11)
  JOIN mining_rights r ON r.id = i.mining_right_id;
END
$$;

CREATE OR REPLACE FUNCTION veta_ledger_sites(codes text[], with_fronts boolean)
RETURNS TABLE (code text, holder_ruc text, department_code text, inscription_ruc text, activity text, front_department text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT r.code::text, r.holder_ruc::text, r.department_code::text, i.ruc::text, i.activity::text,
         CASE WHEN with_fronts AND i.front IS NOT NULL THEN
           (SELECT d.code::text FROM departments d WHERE ST_Intersects(d.geom, i.front) ORDER BY d.code LIMIT 1) END
  FROM (SELECT DISTINCT unnest(codes) AS k) k
  JOIN mining_rights r ON r.code = k.k
  LEFT JOIN reinfo_inscriptions i ON i.mining_right_id = r.id AND with_fronts
  ORDER BY r.code, i.id;
END
$$;

CREATE OR REPLACE FUNCTION veta_lot_ancestors(lots text[])
RETURNS TABLE (lot text)
LANGUAGE plpgsql STABLE SET enable_hashjoin = off SET enable_mergejoin = off AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH RECURSIVE a(lot) AS (SELECT unnest(lots) UNION SELECT i.input_lot FROM a JOIN lot_inputs i ON i.lot = a.lot)
  SELECT a.lot FROM a;
END
$$;

CREATE OR REPLACE FUNCTION veta_lot_descendants(lots text[])
RETURNS TABLE (lot text)
LANGUAGE plpgsql STABLE SET enable_hashjoin = off SET enable_mergejoin = off AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH RECURSIVE d(lot) AS (SELECT unnest(lots) UNION SELECT i.lot FROM d JOIN lot_inputs i ON i.input_lot = d.lot)
  SELECT d.lot FROM d;
END
$$;

CREATE OR REPLACE FUNCTION veta_lot_lineage(lot_id text)
RETURNS TABLE (lot text, event_id text, seq bigint)
LANGUAGE plpgsql STABLE SET enable_hashjoin = off SET enable_mergejoin = off AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH RECURSIVE lin(lot, upto) AS (
    SELECT lot_id, NULL::bigint
    UNION
    SELECT li.input_lot, ce.seq
    FROM lin
    JOIN lots c ON c.id = lin.lot
    JOIN lot_inputs li ON li.lot = lin.lot
    JOIN ledger_events ce ON ce.id = c.created_by
  ), bounds AS (
    SELECT lin.lot, CASE WHEN bool_or(lin.upto IS NULL) THEN NULL ELSE max(lin.upto) END AS upto
    FROM lin GROUP BY lin.lot
  )
  SELECT le.lot, le.event_id, le.seq
  FROM bounds b JOIN ledger_lot_events le ON le.lot = b.lot
  WHERE (b.upto IS NULL OR le.seq <= b.upto)
    AND NOT EXISTS (SELECT 1 FROM ledger_events r WHERE r.reverses = le.event_id);
END
$$;

-- What a lot's trace reads first, in one statement whose plan the session keeps (as the caller,
-- under its row-level security): the lot, its lineage (veta_lot_lineage) with the lineage's
-- entries, the entries of the live transfers with a claim on lots descending from those the
-- lineage's productions and untracked mixes created, and the flag thresholds' settings on the
-- date. Entries as ledger-state.queries.ts ENTRY_COLUMNS reads them (traceability.queries.ts lineageOf).
CREATE FUNCTION veta_lot_trace_head(p_lot text, p_as_of date)
RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  result json;
BEGIN
  WITH lin AS (SELECT l.lot, l.event_id FROM veta_lot_lineage(p_lot) l),
  own AS (SELECT e.* FROM ledger_events e WHERE e.id IN (SELECT lin.event_id FROM lin)),
  created AS (SELECT o.lot FROM own o WHERE o.type = 'produce' UNION SELECT o.new_lot FROM own o WHERE o.type = 'process' AND o.untracked_mg > 0),
  claims AS (
    SELECT DISTINCT e.id FROM veta_lot_descendants(ARRAY(SELECT c.lot FROM created c)) d
    CROSS JOIN LATERAL (SELECT e.id FROM ledger_events e WHERE e.held_lot = d.lot AND e.claim IS NOT NULL AND e.type = 'transfer') e
    WHERE NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = e.id) AND NOT EXISTS (SELECT 1 FROM own o WHERE o.id = e.id))
  SELECT json_build_object(
    'lot', (SELECT row_to_json(x) FROM (
       SELECT l.id, l.fine_mg::text AS fine_mg, l.unknown_mg::text AS unknown_mg, l.status, l.certifications,
              (SELECT coalesce(json_agg(json_build_array(o.site, o.mg::text) ORDER BY o.site), '[]'::json)
                 FROM lot_origins o WHERE o.lot = l.id) AS origins
       FROM lots l WHERE l.id = p_lot) x),
    'lineage', (SELECT coalesce(json_agg(json_build_array(lin.lot, lin.event_id)), '[]'::json) FROM lin),
    'own', (SELECT coalesce(json_agg(x ORDER BY x.seq), '[]'::json) FROM (
       SELECT e.id, e.seq, e.payload, e.fine_mg::text AS fine_mg, e.input_mg::text AS input_mg,
              e.untracked_mg::text AS untracked_mg, e.loss_mg::text AS loss_mg, e.input_ore_kg::text AS input_ore_kg, e.held_lot,
              (SELECT rv.id FROM ledger_events rv WHERE rv.reverses = e.id LIMIT 1) AS reversed_by
       FROM own e) x),
    'claims', (SELECT coalesce(json_agg(x ORDER BY x.seq), '[]'::json) FROM (
       SELECT e.id, e.seq, e.payload, e.fine_mg::text AS fine_mg, e.input_mg::text AS input_mg,
              e.untracked_mg::text AS untracked_mg, e.loss_mg::text AS loss_mg, e.input_ore_kg::text AS input_ore_kg, e.held_lot,
              (SELECT rv.id FROM ledger_events rv WHERE rv.reverses = e.id LIMIT 1) AS reversed_by
       FROM ledger_events e WHERE e.id IN (SELECT c.id FROM claims c)) x),
    'settings', (SELECT t.settings FROM ledger_flag_thresholds t WHERE t.valid_from <= p_as_of ORDER BY t.valid_from DESC LIMIT 1))
  INTO result;
  RETURN result;
END
$$;

-- What the flags of a lineage read after it, in one statement whose plan the session keeps (as
-- the caller): the live entries of the candidates' producers and plants in the months they
-- produced or processed in (pairs {a: actor, m: first day of the month}), the FAST_RESALE rows
-- of the lots resold in [from, to], and the registry facts of the actors and sites (the
-- production sites, and the origin sites of the lots sold as Fairmined Ecological). Same SQL as
-- flags.service.ts monthlyJson, flags.queries.ts fastResaleSql (by lots) and
-- ledger-context.queries.ts contextJson (full), which read the other scopes.
CREATE FUNCTION veta_lineage_flag_facts(p_produce json, p_process json, p_from date, p_to date, p_lots json, p_days integer,
                                        p_rucs json, p_sites json, p_ecological json)
RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  result json;
BEGIN
  WITH ac AS (SELECT ruc, producer, region_code FROM veta_ledger_actors(ARRAY(SELECT json_array_elements_text(p_rucs)))),
  pr AS (SELECT ARRAY(SELECT ac.ruc FROM ac WHERE ac.producer) AS rucs)
  SELECT json_build_object(
    'produce', (SELECT coalesce(json_agg(x ORDER BY x.seq), '[]'::json) FROM (
       SELECT e.id, e.seq, e.payload, e.fine_mg::text AS fine_mg, e.input_mg::text AS input_mg,
              e.untracked_mg::text AS untracked_mg, e.loss_mg::text AS loss_mg, e.input_ore_kg::text AS input_ore_kg, e.held_lot,
              (SELECT rv.id FROM ledger_events rv WHERE rv.reverses = e.id LIMIT 1) AS reversed_by
       FROM ledger_events e WHERE e.type <> 'reverse' AND NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = e.id)
         AND e.type = 'produce' AND e.actor_ruc IS NOT NULL
         AND e.id IN (SELECT m.event_id FROM json_to_recordset(p_produce) k(a text, m date)
                      JOIN ledger_moves m ON m.actor_ruc = k.a AND m.date >= k.m AND m.date < (k.m + interval '1 month')::date)) x),
    'process', (SELECT coalesce(json_agg(x ORDER BY x.seq), '[]'::json) FROM (
       SELECT e.id, e.seq, e.payload, e.fine_mg::text AS fine_mg, e.input_mg::text AS input_mg,
              e.untracked_mg::text AS untracked_mg, e.loss_mg::text AS loss_mg, e.input_ore_kg::text AS input_ore_kg, e.held_lot,
              (SELECT rv.id FROM ledger_events rv WHERE rv.reverses = e.id LIMIT 1) AS reversed_by
       FROM ledger_events e WHERE e.type <> 'reverse' AND NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = e.id)
         AND e.type = 'process' AND e.actor_ruc IS NOT NULL
         AND e.id IN (SELECT m.event_id FROM json_to_recordset(p_process) k(a text, m date)
                      JOIN ledger_moves m ON m.actor_ruc = k.a AND m.date >= k.m AND m.date < (k.m + interval '1 month')::date)) x),
    'resales', (SELECT coalesce(json_agg(x ORDER BY x.seq), '[]'::json) FROM (
       SELECT t.id, t.seq, t.date, t.from_ruc, t.lot, t.held_lot, a.id AS bought, (t.date - a.date) AS days
       FROM (SELECT t.* FROM json_array_elements_text(p_lots) k(lot) JOIN ledger_lot_events le ON le.lot = k.lot
             JOIN ledger_events t ON t.id = le.event_id AND t.lot = k.lot WHERE t.date BETWEEN p_from AND p_to) t
       CROSS JOIN LATERAL (
         SELECT e.id, e.type, e.date FROM ledger_lot_events le JOIN ledger_events e ON e.id = le.event_id
         WHERE le.lot = t.lot AND le.seq < t.seq AND NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = le.event_id)
           AND (e.type <> 'transfer' OR (e.held_lot = t.lot AND e.to_ruc = t.from_ruc))
         ORDER BY le.seq DESC LIMIT 1) a
       WHERE t.type = 'transfer' AND t.lot IS NOT NULL AND a.type = 'transfer' AND NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = t.id)
         AND t.lot IN (SELECT json_array_elements_text(p_lots))
         AND t.date - a.date <= p_days) x),
    'context', json_build_object(
       'actors', (SELECT coalesce(json_agg(ac), '[]'::json) FROM ac),
       'recpo', (SELECT coalesce(json_agg(x), '[]'::json) FROM (
           SELECT r.ruc, r.number, r.kind, r.valid_from, r.valid_to, r.capacity_tpd
           FROM recpo_registrations r WHERE r.ruc = ANY(ARRAY(SELECT json_array_elements_text(p_rucs)))) x),
       'reinfo', (SELECT coalesce(json_agg(x), '[]'::json) FROM pr, veta_ledger_reinfo(pr.rucs) x),
       'rights', (SELECT coalesce(json_agg(x), '[]'::json) FROM pr, veta_ledger_actor_rights(pr.rucs) x),
       'sites', (SELECT coalesce(json_agg(x), '[]'::json) FROM veta_ledger_sites(ARRAY(
           SELECT json_array_elements_text(p_sites) UNION
           SELECT o.site FROM lot_origins o JOIN lots l ON l.id = o.lot WHERE o.lot IN (SELECT json_array_elements_text(p_ecological))), true) x)))
  INTO result;
  RETURN result;
END
$$;

-- NEGATIVE_BALANCE rows of the given actors dated in [from, to], in one statement whose plan the
-- session keeps (as the caller): flags.queries.ts negativeBalanceSql for a list of actors, with the
-- opening (everything before `from`) read as whole years, the months of the year and the days
-- of the month before it (flags.queries.ts reads the other scopes). A JSON array of
-- {actor, date, closing, ids}.
CREATE FUNCTION veta_lineage_negative_balance(p_from date, p_to date, p_actors json, p_tolerance numeric)
RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  result json;
  y1 date := date_trunc('year', p_from)::date;
  m1 date := date_trunc('month', p_from)::date;
BEGIN
  WITH scope AS (SELECT DISTINCT json_array_elements_text(p_actors) AS actor),
  days AS (
    SELECT d.actor_ruc, d.date, d.produced_mg + d.bought_mg - d.sold_mg - d.loss_mg AS net FROM scope k JOIN ledger_actor_days d ON d.actor_ruc = k.actor
    WHERE d.date BETWEEN p_from AND p_to AND d.live_events > 0),
  opening AS (
    SELECT s.actor_ruc, sum(s.net) AS o FROM (
      SELECT m.actor_ruc, m.produced_mg + m.bought_mg - m.sold_mg - m.loss_mg FROM ledger_actor_years m
      WHERE m.year < y1 AND m.days > 0 AND m.actor_ruc IN (SELECT actor FROM scope)
      UNION ALL SELECT m.actor_ruc, m.produced_mg + m.bought_mg - m.sold_mg - m.loss_mg FROM ledger_actor_months m
      WHERE m.month >= y1 AND m.month < m1 AND m.days > 0 AND m.actor_ruc IN (SELECT actor FROM scope)
      UNION ALL SELECT m.actor_ruc, m.produced_mg + m.bought_mg - m.sold_mg - m.loss_mg FROM ledger_actor_days m
      WHERE m.date >= m1 AND m.date < p_from AND m.actor_ruc IN (SELECT actor FROM scope)) s(actor_ruc, net) GROUP BY s.actor_ruc),
  series AS (
    SELECT d.actor_ruc, d.date, coalesce(o.o, 0) AS opening,
           coalesce(o.o, 0) + sum(d.net) OVER (PARTITION BY d.actor_ruc ORDER BY d.date) AS closing
    FROM days d LEFT JOIN opening o ON o.actor_ruc = d.actor_ruc),
  marked AS (
    SELECT s.*, coalesce(lag(s.closing) OVER (PARTITION BY s.actor_ruc ORDER BY s.date), s.opening) AS prev FROM series s)
  SELECT coalesce(json_agg(x), '[]'::json) FROM (
    SELECT k.actor_ruc AS actor, k.date, k.closing::text AS closing,
           ARRAY(SELECT m.event_id FROM ledger_moves m WHERE m.actor_ruc = k.actor_ruc AND m.date = k.date
                   AND NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = m.event_id)
                 ORDER BY m.seq) AS ids
    FROM marked k
    WHERE k.closing < -p_tolerance AND k.prev >= -p_tolerance) x
  INTO result;
  RETURN result;
END
$$;
