import { loadTerritory } from '../modules/territory/territory.load.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import { migrate } from './migrate.ts';

/** Opens the configured database, applies pending migrations and reference data. */
export async function openVeta(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    await db.transaction((tx) => loadTerritory(tx));
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
