-- Gold traceability: RECPO registrations, the append-only ledger of events, the lots it
-- derives (with their inputs and materialized origin vectors), certificates, premium
-- rates and investments, and flag thresholds as data.
--
-- The reference semantics are the pure reducer in src/modules/traceability/; the import
-- (ledger.import.ts) runs it against the current state of the lots a file touches and
-- writes what it derives here, set-based. Quantities are integer milligrams (bigint):
-- never floats. Dates are calendar dates in Peru.
--
-- Keys for a later distribution by jurisdiction (Citus): every ledger table carries the
-- department (region_code) of the rows it scopes, and queries join on keys only.

-- RECPO: registry of gold traders and processors. One row per registration number.
CREATE TABLE recpo_registrations (
  number        text PRIMARY KEY,
  ruc           text NOT NULL CHECK (ruc ~ '^\d{11}$'),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('trader', 'plant', 'refinery', 'exporter', 'jeweler')),
  valid_from    date NOT NULL,
  valid_to      date,
  capacity_tpd  numeric(12, 2),
  region_code   char(2) REFERENCES departments(code),
  import_id     bigint REFERENCES imports(id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from <= valid_to),
  CHECK ((kind = 'plant') = (capacity_tpd IS NOT NULL))
);
CREATE INDEX recpo_registrations_ruc ON recpo_registrations (ruc);

-- The ledger: one row per accepted event, never updated nor deleted. A `reverse` event
-- cancels another (its `reverses`); "live" = not reversed and not a reversal.
-- Derived quantities are stored with the event (what the reducer computed).
CREATE TABLE ledger_events (
  id                  text PRIMARY KEY,
  seq                 bigint NOT NULL UNIQUE,
  type                text NOT NULL CHECK (type IN ('produce', 'transfer', 'process', 'export', 'reverse')),
  date                date NOT NULL,
  actor_ruc           text,           -- produce, process, reverse
  from_ruc            text,           -- transfer, export
  to_ruc              text,           -- transfer
  lot                 text,           -- produce: created; transfer: sold from; export: exported
  new_lot             text,           -- transfer: split part; process: output
  held_lot            text,           -- transfer: the lot the buyer holds afterwards
  site                text,           -- produce
  material            text,           -- produce; process output
  fine_mg             bigint,         -- produced, moved, output or exported
  input_mg            bigint,         -- process
  untracked_mg        bigint,         -- process
  loss_mg             bigint,         -- process
  ore_kg              bigint,         -- produce (ore)
  input_ore_kg        bigint,         -- process
  claim               text,           -- transfer
  reverses            text,           -- reverse
  region_code         char(2),        -- the site's department (produce), else the seller's / actor's
  counter_region_code char(2),        -- transfer: the buyer's department
  payload             json NOT NULL,  -- the event as imported (defaults applied); json: cheaper to write than jsonb
  content_hash        text NOT NULL,  -- sha256 of its RFC 8785 canonical JSON
  import_id           bigint NOT NULL     -- imports(id); no foreign key: a trigger per row would halve bulk imports
);
CREATE INDEX ledger_events_date ON ledger_events (date);
CREATE INDEX ledger_events_reverses ON ledger_events (reverses) WHERE reverses IS NOT NULL;
-- Certified claims are rare: the transfers claiming on a lot, for the flags of lineages.
CREATE INDEX ledger_events_claims ON ledger_events (held_lot) WHERE claim IS NOT NULL;

-- Gold moved per (event, actor): the mass balance is a sum over these rows.
CREATE TABLE ledger_moves (
  actor_ruc    text NOT NULL,
  date         date NOT NULL,
  seq          bigint NOT NULL,
  event_id     text NOT NULL,
  produced_mg  bigint NOT NULL DEFAULT 0,
  bought_mg    bigint NOT NULL DEFAULT 0,
  sold_mg      bigint NOT NULL DEFAULT 0,
  loss_mg      bigint NOT NULL DEFAULT 0,
  region_code  char(2),
  PRIMARY KEY (actor_ruc, date, seq)
);

-- Live gold moved per actor and day (reversals subtract): mass balances and day-end
-- stock read O(days), not O(events). Maintained by the import with the moves.
CREATE TABLE ledger_actor_days (
  actor_ruc    text NOT NULL,
  date         date NOT NULL,
  produced_mg  bigint NOT NULL DEFAULT 0,
  bought_mg    bigint NOT NULL DEFAULT 0,
  sold_mg      bigint NOT NULL DEFAULT 0,
  loss_mg      bigint NOT NULL DEFAULT 0,
  live_events  integer NOT NULL DEFAULT 0,
  region_code  char(2),
  PRIMARY KEY (actor_ruc, date)
);

-- Lots: the reducer's derived state, updated by imports (the ledger is the history).
CREATE TABLE lots (
  id              text PRIMARY KEY,
  holder_ruc      text NOT NULL,
  material        text NOT NULL,
  fine_mg         bigint NOT NULL,
  unknown_mg      bigint NOT NULL DEFAULT 0,
  status          text NOT NULL CHECK (status IN ('open', 'depleted', 'consumed', 'exported', 'void')),
  certifications  text[] NOT NULL DEFAULT '{}',
  created_by      text NOT NULL,
  created_on      date NOT NULL,
  ore_kg          bigint,
  region_code     char(2)         -- the holder's department
);
-- The lot a lot was split from, or the inputs it was processed from (mg put in).
CREATE TABLE lot_inputs (
  lot        text NOT NULL,
  position   smallint NOT NULL,
  input_lot  text NOT NULL,
  mg         bigint NOT NULL,
  PRIMARY KEY (lot, position)
);
CREATE INDEX lot_inputs_input ON lot_inputs (input_lot);
-- Materialized origin vector: mg per mining site, summing with lots.unknown_mg to fine_mg.
CREATE TABLE lot_origins (
  lot          text NOT NULL,
  site         text NOT NULL,
  mg           bigint NOT NULL CHECK (mg > 0),
  region_code  char(2),           -- the site's department
  PRIMARY KEY (lot, site)
);
-- Which events touched which lot, in ledger order (a lot's history = its live rows).
CREATE TABLE ledger_lot_events (
  lot       text NOT NULL,
  seq       bigint NOT NULL,
  event_id  text NOT NULL,
  PRIMARY KEY (lot, seq)
);

CREATE TABLE certificates (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_ruc  text NOT NULL,
  scheme            text NOT NULL CHECK (scheme IN ('FAIRMINED', 'FAIRMINED_ECOLOGICAL', 'CRAFT')),
  valid_from        date NOT NULL,
  valid_to          date,
  sites             text[],
  region_code       char(2),
  recorded_by       text NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX certificates_organization ON certificates (organization_ruc);

-- Fairmined Standard premium per kg of fine gold (Ecological replaces, not adds).
CREATE TABLE premium_rates (
  scheme      text NOT NULL CHECK (scheme IN ('FAIRMINED', 'FAIRMINED_ECOLOGICAL')),
  valid_from  date NOT NULL,
  usd_per_kg  numeric(12, 2) NOT NULL CHECK (usd_per_kg >= 0),
  source      text NOT NULL,
  PRIMARY KEY (scheme, valid_from)
);
INSERT INTO premium_rates (scheme, valid_from, usd_per_kg, source) VALUES
  ('FAIRMINED', '2014-01-01', 4000, 'Fairmined Standard for Gold from ASM, premium USD 4,000/kg fine gold'),
  ('FAIRMINED_ECOLOGICAL', '2014-01-01', 6000, 'Fairmined Standard for Gold from ASM, ecological premium USD 6,000/kg fine gold');

CREATE TABLE premium_investments (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_ruc  text NOT NULL,
  date              date NOT NULL,
  project           text NOT NULL,
  category          text NOT NULL CHECK (category IN ('organization', 'workers', 'community', 'environment', 'productive')),
  amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
  region_code       char(2),
  recorded_by       text NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX premium_investments_organization ON premium_investments (organization_ruc, date);

-- Red-flag thresholds as dated data (capacities per stratum come from stratum_rules).
CREATE TABLE ledger_flag_thresholds (
  valid_from  date PRIMARY KEY,
  settings    jsonb NOT NULL,
  source      text NOT NULL
);
INSERT INTO ledger_flag_thresholds (valid_from, settings, source) VALUES ('2000-01-01', '{
  "gradeRange": {
    "ore": {"min": 0.5, "max": 100}, "concentrate": {"min": 0.00002, "max": 0.2}, "dore": {"min": 0.4, "max": 0.98},
    "fine_gold": {"min": 0.995, "max": 1}, "jewelry": {"min": 0.333, "max": 1}},
  "fastResaleDays": 3,
  "negativeBalanceToleranceMg": 1000,
  "recpoRequiredKinds": ["trader", "plant", "refinery", "exporter"]}', 'Veta defaults');

-- Privileges: the ledger is append-only for the application; lots are a projection.
GRANT SELECT, INSERT ON ledger_events, ledger_moves, ledger_lot_events, lot_inputs, certificates, premium_investments TO veta_app;
GRANT SELECT, INSERT, UPDATE ON lots, recpo_registrations, ledger_actor_days TO veta_app;
GRANT SELECT, INSERT, DELETE ON lot_origins TO veta_app;
GRANT SELECT ON premium_rates, ledger_flag_thresholds TO veta_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO veta_app;

ALTER TABLE recpo_registrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_moves ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_actor_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE lots ENABLE ROW LEVEL SECURITY;
ALTER TABLE lot_inputs ENABLE ROW LEVEL SECURITY;
ALTER TABLE lot_origins ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_lot_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE premium_investments ENABLE ROW LEVEL SECURITY;

-- Ledger writes: national officials and administrators (imports see every region).
CREATE OR REPLACE FUNCTION veta_writes_ledger() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT veta_role() IN ('national', 'admin') $$;

-- RECPO is a public registry.
CREATE POLICY recpo_read ON recpo_registrations FOR SELECT TO veta_app USING (true);
CREATE POLICY recpo_write ON recpo_registrations FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY recpo_update ON recpo_registrations FOR UPDATE TO veta_app USING (veta_writes_ledger()) WITH CHECK (veta_writes_ledger());

-- Events: officials of either side's region; a miner its own.
CREATE POLICY ledger_events_read ON ledger_events FOR SELECT TO veta_app USING (
  veta_sees_region(region_code) OR veta_sees_region(counter_region_code)
  OR (veta_role() = 'miner' AND veta_ruc() IN (actor_ruc, from_ruc, to_ruc)));
CREATE POLICY ledger_events_append ON ledger_events FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY ledger_moves_read ON ledger_moves FOR SELECT TO veta_app USING (
  veta_sees_region(region_code) OR (veta_role() = 'miner' AND actor_ruc = veta_ruc()));
CREATE POLICY ledger_moves_append ON ledger_moves FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY ledger_actor_days_read ON ledger_actor_days FOR SELECT TO veta_app USING (
  veta_sees_region(region_code) OR (veta_role() = 'miner' AND actor_ruc = veta_ruc()));
CREATE POLICY ledger_actor_days_write ON ledger_actor_days FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY ledger_actor_days_update ON ledger_actor_days FOR UPDATE TO veta_app USING (veta_writes_ledger()) WITH CHECK (veta_writes_ledger());
CREATE POLICY lots_read ON lots FOR SELECT TO veta_app USING (
  veta_sees_region(region_code) OR (veta_role() = 'miner' AND holder_ruc = veta_ruc()));
CREATE POLICY lots_write ON lots FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY lots_update ON lots FOR UPDATE TO veta_app USING (veta_writes_ledger()) WITH CHECK (veta_writes_ledger());
-- Lot graph and origins carry no personal data: the public lot passport shows them.
CREATE POLICY lot_inputs_read ON lot_inputs FOR SELECT TO veta_app USING (true);
CREATE POLICY lot_inputs_append ON lot_inputs FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY lot_origins_read ON lot_origins FOR SELECT TO veta_app USING (true);
CREATE POLICY lot_origins_write ON lot_origins FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
CREATE POLICY lot_origins_delete ON lot_origins FOR DELETE TO veta_app USING (veta_writes_ledger());
CREATE POLICY ledger_lot_events_read ON ledger_lot_events FOR SELECT TO veta_app USING (true);
CREATE POLICY ledger_lot_events_append ON ledger_lot_events FOR INSERT TO veta_app WITH CHECK (veta_writes_ledger());
-- Certificates are public; officials record them for their region.
CREATE POLICY certificates_read ON certificates FOR SELECT TO veta_app USING (true);
CREATE POLICY certificates_write ON certificates FOR INSERT TO veta_app WITH CHECK (veta_writes_region(region_code));
CREATE POLICY premium_investments_read ON premium_investments FOR SELECT TO veta_app USING (
  veta_sees_region(region_code) OR (veta_role() = 'miner' AND organization_ruc = veta_ruc()));
CREATE POLICY premium_investments_write ON premium_investments FOR INSERT TO veta_app WITH CHECK (
  veta_writes_region(region_code) OR (veta_role() = 'miner' AND organization_ruc = veta_ruc()));

-- Registry facts the ledger is checked against, whatever region they were registered in:
-- RUCs, codes, statuses and departments only (no names, DNI, addresses).
CREATE FUNCTION veta_ledger_actors(rucs text[])
RETURNS TABLE (ruc text, producer boolean, region_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
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
      OR EXISTS (SELECT 1 FROM recpo_registrations r WHERE r.ruc = k.k))
$$;

-- Dated REINFO statuses of each inscription of the actors.
CREATE FUNCTION veta_ledger_reinfo(rucs text[])
RETURNS TABLE (ruc text, inscription_id bigint, status text, since date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT i.ruc::text, i.id, h.status, h.effective_date
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  JOIN reinfo_inscriptions i ON i.ruc = k.k::char(11)
  JOIN inscription_status_history h ON h.inscription_id = i.id
  ORDER BY i.ruc, i.id, h.effective_date, h.id
$$;

-- The rights each actor is inscribed on, for its stratum.
CREATE FUNCTION veta_ledger_actor_rights(rucs text[])
RETURNS TABLE (ruc text, substance text, hectares numeric, capacity numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT i.ruc::text, r.substance, r.hectares, r.capacity
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  JOIN reinfo_inscriptions i ON i.ruc = k.k::char(11)
  JOIN mining_rights r ON r.id = i.mining_right_id
$$;

-- Mining sites with their holder, department and inscriptions (and the department that
-- actually contains each mining front).
CREATE FUNCTION veta_ledger_sites(codes text[], with_fronts boolean)
RETURNS TABLE (code text, holder_ruc text, department_code text, inscription_ruc text, activity text, front_department text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.code, r.holder_ruc::text, r.department_code::text, i.ruc::text, i.activity,
         CASE WHEN with_fronts AND i.front IS NOT NULL THEN
           (SELECT d.code::text FROM departments d WHERE ST_Intersects(d.geom, i.front) ORDER BY d.code LIMIT 1) END
  FROM (SELECT DISTINCT unnest(codes) AS k) k
  JOIN mining_rights r ON r.code = k.k
  LEFT JOIN reinfo_inscriptions i ON i.mining_right_id = r.id AND with_fronts
  ORDER BY r.code, i.id
$$;

-- Walks of the lot graph. Recursive queries are estimated blind: without these
-- settings the planner hashes the whole edge table at every step.
CREATE FUNCTION veta_lot_ancestors(lots text[])
RETURNS TABLE (lot text)
LANGUAGE sql STABLE SET enable_hashjoin = off SET enable_mergejoin = off AS $$
  WITH RECURSIVE a(lot) AS (SELECT unnest(lots) UNION SELECT i.input_lot FROM a JOIN lot_inputs i ON i.lot = a.lot)
  SELECT a.lot FROM a
$$;

CREATE FUNCTION veta_lot_descendants(lots text[])
RETURNS TABLE (lot text)
LANGUAGE sql STABLE SET enable_hashjoin = off SET enable_mergejoin = off AS $$
  WITH RECURSIVE d(lot) AS (SELECT unnest(lots) UNION SELECT i.lot FROM d JOIN lot_inputs i ON i.input_lot = d.lot)
  SELECT d.lot FROM d
$$;

-- The events of a lot's lineage: the lot's own live history, and for each lot it came
-- from, that lot's live history up to the event that created its descendant.
CREATE FUNCTION veta_lot_lineage(lot_id text)
RETURNS TABLE (lot text, event_id text, seq bigint)
LANGUAGE sql STABLE SET enable_hashjoin = off SET enable_mergejoin = off AS $$
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
    AND NOT EXISTS (SELECT 1 FROM ledger_events r WHERE r.reverses = le.event_id)
$$;

-- Parties of the ledger as the public may see them: organizations and companies by name
-- and RUC; natural persons only by what they do and their department. Set-based.
CREATE FUNCTION veta_public_parties(rucs text[])
RETURNS TABLE (ruc text, label text, public_ruc text, kind text, department_code text, department_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH k AS (
    SELECT k.ruc, o.name AS org_name, reg.name AS reg_name,
           CASE WHEN o.id IS NOT NULL OR ins.department_code IS NOT NULL THEN 'producer' ELSE reg.kind END AS kind,
           coalesce(o.region_code, ins.department_code, regd.region_code)::text AS dept
    FROM (SELECT DISTINCT unnest(rucs) AS ruc) k
    LEFT JOIN organizations o ON o.ruc = k.ruc::char(11)
    LEFT JOIN LATERAL (SELECT i.department_code FROM reinfo_inscriptions i WHERE i.ruc = k.ruc::char(11) ORDER BY i.id LIMIT 1) ins ON true
    LEFT JOIN LATERAL (SELECT r.name, r.kind FROM recpo_registrations r WHERE r.ruc = k.ruc ORDER BY r.valid_from DESC, r.number LIMIT 1) reg ON true
    LEFT JOIN LATERAL (SELECT r.region_code FROM recpo_registrations r WHERE r.ruc = k.ruc AND r.region_code IS NOT NULL
                       ORDER BY r.valid_from DESC, r.number LIMIT 1) regd ON true
    WHERE k.ruc IS NOT NULL
  )
  SELECT k.ruc,
         CASE
           WHEN left(k.ruc, 2) = '10' THEN
             CASE k.kind WHEN 'producer' THEN 'productor artesanal' WHEN 'trader' THEN 'comercializador'
               WHEN 'plant' THEN 'planta de beneficio' WHEN 'refinery' THEN 'refinería' WHEN 'exporter' THEN 'exportador'
               WHEN 'jeweler' THEN 'joyero' ELSE 'actor' END || ' (persona natural)'
           ELSE coalesce(k.org_name, k.reg_name, 'RUC ' || k.ruc) END,
         CASE WHEN left(k.ruc, 2) = '10' THEN NULL ELSE k.ruc END,
         coalesce(k.kind, 'unknown'),
         k.dept,
         d.name
  FROM k LEFT JOIN departments d ON d.code = k.dept
$$;

-- The public lot passport: the lot (no holder), and its chain of custody with parties
-- as the public may see them. Void and unknown lots give no rows.
CREATE FUNCTION veta_public_lot(lot_id text)
RETURNS TABLE (id text, material text, fine_mg bigint, unknown_mg bigint, status text, certifications text[], created_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT l.id, l.material, l.fine_mg, l.unknown_mg, l.status, l.certifications, l.created_on
  FROM lots l WHERE l.id = lot_id AND l.status <> 'void'
$$;

CREATE FUNCTION veta_public_lot_chain(lot_id text)
RETURNS TABLE (seq bigint, type text, date date, lot text, new_lot text, held_lot text, site text, material text,
               fine_mg bigint, claim text, country text,
               from_label text, from_ruc text, from_kind text, from_department text, from_department_name text,
               to_label text, to_ruc text, to_kind text, to_department text, to_department_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH ev AS (
    SELECT e.* FROM (SELECT DISTINCT l.event_id FROM veta_lot_lineage(lot_id) l) l JOIN ledger_events e ON e.id = l.event_id
  ), parties AS (
    SELECT * FROM veta_public_parties(ARRAY(SELECT coalesce(ev.from_ruc, ev.actor_ruc) FROM ev UNION SELECT ev.to_ruc FROM ev))
  )
  SELECT e.seq, e.type, e.date, e.lot, e.new_lot, e.held_lot, e.site, e.material, e.fine_mg, e.claim,
         e.payload->>'country',
         f.label, f.public_ruc, f.kind, f.department_code, f.department_name,
         t.label, t.public_ruc, t.kind, t.department_code, t.department_name
  FROM ev e
  LEFT JOIN parties f ON f.ruc = coalesce(e.from_ruc, e.actor_ruc)
  LEFT JOIN parties t ON t.ruc = e.to_ruc
  ORDER BY e.seq
$$;

GRANT EXECUTE ON FUNCTION veta_writes_ledger(), veta_ledger_actors(text[]), veta_ledger_reinfo(text[]),
  veta_ledger_actor_rights(text[]), veta_ledger_sites(text[], boolean), veta_lot_lineage(text),
  veta_lot_ancestors(text[]), veta_lot_descendants(text[]),
  veta_public_parties(text[]), veta_public_lot(text), veta_public_lot_chain(text) TO veta_app;
