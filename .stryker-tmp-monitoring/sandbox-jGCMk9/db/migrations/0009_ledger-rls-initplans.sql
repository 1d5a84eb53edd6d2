-- The ledger's read policies, with the caller's role, region and RUC read once per
-- query. Written as veta_sees_region(region_code) they are re-evaluated for every row
-- (current_setting three times), which was a fifth of a yearly balance over a million
-- actor-days. An uncorrelated sub-select is computed once (an InitPlan) and each row
-- then only compares values. Same rules as before (see veta_sees_region).
DROP POLICY ledger_events_read ON ledger_events;
CREATE POLICY ledger_events_read ON ledger_events FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND (SELECT veta_region()) IN (region_code, counter_region_code))
  OR ((SELECT veta_role()) = 'miner' AND (SELECT veta_ruc()) IN (actor_ruc, from_ruc, to_ruc)));

DROP POLICY ledger_moves_read ON ledger_moves;
CREATE POLICY ledger_moves_read ON ledger_moves FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND region_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND actor_ruc = (SELECT veta_ruc())));

DROP POLICY ledger_actor_days_read ON ledger_actor_days;
CREATE POLICY ledger_actor_days_read ON ledger_actor_days FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND region_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND actor_ruc = (SELECT veta_ruc())));

DROP POLICY lots_read ON lots;
CREATE POLICY lots_read ON lots FOR SELECT TO veta_app USING (
  (SELECT veta_role()) IN ('national', 'auditor', 'admin')
  OR ((SELECT veta_role()) = 'regional' AND region_code = (SELECT veta_region()))
  OR ((SELECT veta_role()) = 'miner' AND holder_ruc = (SELECT veta_ruc())));
