/**
 * `veta serve` stopped by a signal closes the embedded database cleanly, even when the
 * signal comes the moment /api/health first answers (a supervisor, a benchmark): the
 * process exits 0 and releases the data folder, rather than dying with the database open.
 * A signal while the server is still starting stops it once it is up.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { serve } from '../../src/cli/serve.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { loadTerritory } from '../../src/modules/territory/territory.load.ts';
import { cachePath, testDb } from '../db.ts';

const BIN = path.resolve('bin/veta.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-serve-stop-'));
const dataDir = path.join(dir, 'data');

beforeAll(async () => {
  await testDb(); // makes sure the migrated dump is cached
  const blob = existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
  const db = await openDatabase({ dataDir, loadDataDir: blob });
  await migrate(db);
  await db.transaction((tx) => loadTerritory(tx));
  await db.close();
}, 120_000);

test.runIf(!process.env['DATABASE_URL'])(
  'SIGTERM as soon as /api/health answers: exit 0, data folder released',
  async () => {
    const port = 41000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, [BIN, 'serve', '--no-demo'], {
      env: { ...process.env, DATABASE_URL: '', VETA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let health: unknown;
    for (let i = 0; i < 2400 && child.exitCode === null; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) {
          child.kill('SIGTERM');
          health = await res.json();
          break;
        }
      } catch {
        /* not yet listening */
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(health, stderr).toMatchObject({ status: 'ok', engine: 'pglite', database: 'ok' });
    expect(await exited, stderr).toBe(0);
    expect(stderr).toContain('stopping…');
    expect(existsSync(path.join(dataDir, 'veta.lock')), 'the lock is released by a clean close').toBe(false);
    // the folder opens again with its data
    const db = await openDatabase({ dataDir });
    try {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM departments');
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  },
  180_000,
);

test.runIf(!process.env['DATABASE_URL'])(
  'a signal while the server starts: it starts, then stops and closes the database',
  async () => {
    const port = 42000 + Math.floor(Math.random() * 1000);
    const config = { ...loadConfig(), databaseUrl: undefined, dataDir, port, host: '127.0.0.1', logLevel: 'silent', auditCheckpointMinutes: 0 };
    const before = process.listeners('SIGTERM');
    const running = serve(config, { demo: false });
    // serve takes SIGINT and SIGTERM before its first await: the signal arrives while the database opens
    const added = process.listeners('SIGTERM').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    (added[0] as (signal: NodeJS.Signals) => void)('SIGTERM');
    await running;
    expect(process.listeners('SIGTERM')).toEqual(before);
    expect(existsSync(path.join(dataDir, 'veta.lock')), 'the lock is released by a clean close').toBe(false);
    const db = await openDatabase({ dataDir });
    await db.close();
  },
  180_000,
);
