-- The expediente follows the REINFO status of its inscription (formalization/reinfo-status.service.ts):
-- whoever may change an inscription's status in the registry (a regional official of its
-- region, a national official, an administrator) records the expediente's suspension,
-- exclusion or reinstatement as an action by the system. Everything else stays as 0004.
DROP POLICY IF EXISTS expediente_actions_append ON expediente_actions;
CREATE POLICY expediente_actions_append ON expediente_actions FOR INSERT TO veta_app WITH CHECK (
  actor_username = current_setting('veta.user', true)
  AND EXISTS (SELECT 1 FROM expedientes e WHERE e.id = expediente_id AND e.department_code = expediente_actions.department_code)
  AND (
    CASE veta_role()
      WHEN 'regional' THEN department_code = veta_region() AND actor_role = 'regional_official'
           AND type IN ('open', 'start_review', 'observe', 'approve', 'reject', 'suspend', 'exclude', 'reinstate', 'amend')
      WHEN 'miner' THEN actor_role = 'miner' AND type IN ('file', 'correct', 'amend')
      WHEN 'admin' THEN actor_role = 'system' AND type = 'open'
      ELSE false
    END
    OR (actor_role = 'system' AND type IN ('suspend', 'exclude', 'reinstate') AND veta_writes_region(department_code))
  ));
