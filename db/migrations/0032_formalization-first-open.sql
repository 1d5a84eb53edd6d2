-- An expediente's inscription date is its first `open` action's (as its latest amendment
-- left it): the open `opened_at` names (the earliest `at`, then `seq`). The workflow refuses
-- a second open, but actions written directly could hold several, and the three derivations
-- of the milestones (formalization_expedientes, the kept read model, the report's
-- per-transaction model) each took whichever open their sort met first: the kept and the
-- derived funnel could disagree. The two functions are redefined from their stored text with
-- the open's order added, so nothing else of them changes; the kept rows of such expedientes
-- are rebuilt.
DO $$
DECLARE
  fn regprocedure;
  def text;
  fixed text;
BEGIN
  FOREACH fn IN ARRAY ARRAY['formalization_expedientes(timestamptz, text)'::regprocedure, 'veta_formalization_keep(bigint[])'::regprocedure] LOOP
    def := pg_get_functiondef(fn);
    fixed := replace(def, 'ORDER BY op.expediente_id, m.seq DESC NULLS LAST', 'ORDER BY op.expediente_id, op.at, op.seq, m.seq DESC NULLS LAST');
    IF fixed = def THEN
      RAISE EXCEPTION 'the ORDER BY of the open action was not found in %', fn;
    END IF;
    EXECUTE fixed;
  END LOOP;
END $$;

SELECT veta_formalization_keep(ARRAY(
  SELECT expediente_id FROM expediente_actions WHERE type = 'open' GROUP BY expediente_id HAVING count(*) > 1));
