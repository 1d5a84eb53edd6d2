import type { Config } from './config.ts';
import { openDatabase, type Database, type Queryable } from './db.ts';
import { migrate } from './migrate.ts';
import { registeredModules, type DemoStep } from './module.ts';
import { setDataAsOf } from './time.ts';

/**
 * Opens the configured database, applies pending migrations and loads each registered
 * module's reference data (UBIGEO, boundaries…), which is idempotent. `thread`: PGlite in a
 * worker thread (a server, whose own thread has its routes to load meanwhile).
 */
export async function openVeta(config: Pick<Config, 'databaseUrl' | 'dataDir'>, options: { thread?: boolean } = {}): Promise<Database> {
  // the loaders' modules are read while the database opens, not after it
  const loaders = referenceLoaders();
  loaders.catch(() => undefined);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, thread: options.thread });
  try {
    await migrate(db);
    await loadReference(db, await loaders);
    await applyDataAsOf(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Every registered module's reference loader, in manifest order. */
function referenceLoaders(): Promise<DemoStep[]> {
  return Promise.all(registeredModules().flatMap((m) => (m.reference ? [m.reference()] : [])));
}

/** Runs every registered module's reference loader, in manifest order, in one transaction. */
export async function loadReference(db: Database, loaders?: readonly DemoStep[]): Promise<void> {
  loaders ??= await referenceLoaders();
  if (loaders.length === 0) return;
  await db.transaction(async (tx) => {
    for (const load of loaders) await load(tx);
  });
}

/**
 * Reads the as-of date of a database whose records stop at a fixed day (the demo records
 * it in its `demo.load` audit entry) and makes it the process's "today" ceiling.
 */
export async function applyDataAsOf(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ as_of: string | null }>(
    `SELECT after->>'asOf' AS as_of FROM audit_log WHERE action = 'demo.load' ORDER BY seq DESC LIMIT 1`,
  );
  const asOf = rows[0]?.as_of ?? null;
  setDataAsOf(asOf);
  return asOf;
}
