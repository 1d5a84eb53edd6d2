-- A lot's trace without PostgreSQL's JIT compilation.
--
-- The trace's statements are a few index reads each, but their generic plans (0031) are
-- estimated from JSON lists of unknown length (100 rows each) over tables that grow with
-- the ledger: at 10M events the lineage's flag facts were estimated at 112,000, above
-- jit_above_cost (100,000), and PostgreSQL compiled 282 functions with LLVM at every
-- call — 130 of its 150 ms, for 0.5 ms of execution. At 1M and 3M the estimate stayed
-- under the threshold, so the trace's time jumped ×13 between 3M and 10M events with the
-- same plan. JIT pays for itself on long scans, never on a trace: every function with plans
-- of its own that a trace calls runs with it off (a no-op where PostgreSQL is built without
-- it, as PGlite is); traceability.demo.test.ts holds the trace to that.
ALTER FUNCTION veta_lineage_flag_facts(json, json, date, date, json, integer, json, json, json) SET jit = off;
ALTER FUNCTION veta_lineage_negative_balance(date, date, json, numeric) SET jit = off;
ALTER FUNCTION veta_lot_trace_head(text, date) SET jit = off;
ALTER FUNCTION veta_lot_lineage(text) SET jit = off;
ALTER FUNCTION veta_lot_ancestors(text[]) SET jit = off;
ALTER FUNCTION veta_lot_descendants(text[]) SET jit = off;
ALTER FUNCTION veta_ledger_actors(text[]) SET jit = off;
ALTER FUNCTION veta_ledger_reinfo(text[]) SET jit = off;
ALTER FUNCTION veta_ledger_actor_rights(text[]) SET jit = off;
ALTER FUNCTION veta_ledger_sites(text[], boolean) SET jit = off;
-- the other modules' look-ups a trace calls (territory's protected areas, services' mercury use)
ALTER FUNCTION veta_front_areas(text[]) SET jit = off;
ALTER FUNCTION veta_mercury_years(text[]) SET jit = off;
