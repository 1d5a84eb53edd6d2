-- Indexes for the policy indicators measured from the records (src/modules/monitoring/bindings).
-- The status of every inscription as of a date: the latest history entry on or before it
-- (population.ts, STATUS_ON_CUTOFF), read in index order with the status alongside.
CREATE INDEX IF NOT EXISTS inscription_status_history_as_of
  ON inscription_status_history (inscription_id, effective_date DESC, id DESC) INCLUDE (status);
-- Approval milestones of an expediente's requirements before an instant (indicator-bindings.mape.ts).
CREATE INDEX IF NOT EXISTS expediente_actions_approved
  ON expediente_actions (expediente_id, requirement, at) WHERE type = 'approve';
