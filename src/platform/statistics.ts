import type { Queryable } from './db.ts';

/** Rows written by one import from which the planner's statistics are refreshed at once. */
export const BULK_ROWS = 1000;

/**
 * A bulk import changes a table's size and distributions faster than autovacuum
 * notices (and PGlite runs no autovacuum at all): until the next ANALYZE the planner
 * plans the following reads as if the tables were still empty — seconds instead of
 * milliseconds for the ledger's registry look-ups right after a REINFO import. Run
 * after the import commits, as the connection's own (owner) role; a table the role
 * may not analyze is skipped with a warning, never an error.
 */
export async function refreshStatistics(db: Queryable, tables: readonly string[], rowsWritten: number): Promise<void> {
  if (rowsWritten < BULK_ROWS || tables.length === 0) return;
  for (const table of tables) if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  await db.exec(`ANALYZE ${tables.join(', ')}`);
}

export const REGISTRY_TABLES = ['persons', 'organizations', 'mining_rights', 'reinfo_inscriptions', 'inscription_status_history'] as const;
export const LEDGER_TABLES = [
  'ledger_events',
  'ledger_moves',
  'ledger_actor_days',
  'ledger_actor_months',
  'ledger_actor_years',
  'ledger_lot_events',
  'lots',
  'lot_inputs',
  'lot_origins',
] as const;
