-- The policy measurement (src/modules/monitoring/bindings): the expedientes whose requirement
-- was approved before an instant, one set per requirement (indicator-bindings.mape.ts,
-- `approved`). Keyed by requirement and carrying what the row-level security filter reads
-- (department_code, expediente_id), so that each set is an index-only scan of the approvals
-- instead of a visit of every expediente or of the actions' heap.
CREATE INDEX IF NOT EXISTS expediente_actions_approved_by_requirement
  ON expediente_actions (requirement, at) INCLUDE (expediente_id, department_code) WHERE type = 'approve';
