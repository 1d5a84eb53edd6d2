// @ts-nocheck
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import { migrate } from './migrate.ts';
import { registeredModules } from './module.ts';

/**
 * Opens the configured database, applies pending migrations and loads each registered
 * module's reference data (UBIGEO, boundaries…), which is idempotent.
 */
export async function openVeta(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    await loadReference(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Runs every registered module's reference loader, in manifest order, in one transaction. */
export async function loadReference(db: Database): Promise<void> {
  const loaders = await Promise.all(registeredModules().flatMap((m) => (m.reference ? [m.reference()] : [])));
  if (loaders.length === 0) return;
  await db.transaction(async (tx) => {
    for (const load of loaders) await load(tx);
  });
}
