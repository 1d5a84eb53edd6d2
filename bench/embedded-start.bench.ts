/**
 * Embedded start: `veta serve` on PGlite until GET /api/health answers — first start on
 * an empty folder (initdb, migrations, demo) and warm restarts of the same folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { breakdownTable, profileProcess, type CpuBreakdown } from './cpu-profile.ts';
import { figure, show, type Figure } from './stats.ts';

const BIN = path.resolve('bin/veta.js');

async function startUntilHealthy(dataDir: string, port: number, nodeArgs: string[] = []): Promise<{ seconds: number; child: ChildProcess }> {
  const t = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve'], {
    env: { ...process.env, DATABASE_URL: '', VETA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return { seconds: (performance.now() - t) / 1000, child };
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 25));
    if (performance.now() - t > 180_000) throw new Error('serve did not come up in 180 s');
  }
}

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

export interface StartBench {
  first: number;
  warm: Figure;
  /** One more warm start under V8's profiler (absent in runs before it was recorded). */
  warmProfile?: CpuBreakdown;
}

export async function benchEmbeddedStart(dir: string, warmRuns = 5): Promise<StartBench> {
  const dataDir = path.join(dir, `start-${Date.now()}`);
  const port = 39000 + Math.floor(Math.random() * 1000);
  // as on a fresh machine: the first start also writes the slimmed PostGIS bundle
  rmSync(path.resolve('node_modules/.cache/veta'), { recursive: true, force: true });
  const first = await startUntilHealthy(dataDir, port);
  await stop(first.child);
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    const r = await startUntilHealthy(dataDir, port);
    warm.push(r.seconds);
    await stop(r.child);
  }
  // one more, profiled (the profiler slows it a little): where a warm start's time goes
  const warmProfile = await profileProcess(async (nodeArgs) => stop((await startUntilHealthy(dataDir, port, nodeArgs)).child));
  return { first: first.seconds, warm: figure(warm), warmProfile };
}

export function embeddedStartSection(b: StartBench): string {
  return [
    '## Embedded start (issue 2)',
    '',
    '`veta serve` (what `npm start` runs) on PGlite + PostGIS, timed from process spawn until `GET /api/health` answers 200.',
    '',
    '| figure | value | target |',
    '| --- | --- | --- |',
    `| first start on an empty folder (slimmed PostGIS bundle, initdb, migrations, UBIGEO, demo data) | ${b.first.toFixed(2)} s (1 run) | < 45 s |`,
    `| warm restart of the same folder | ${show(b.warm, 's')} | < 3 s |`,
    '',
    ...(b.warmProfile
      ? [
          'Where a warm start goes (one more warm start under `node --cpu-prof`, samples grouped; the server stops right after the first answer):',
          '',
          breakdownTable(b.warmProfile),
          '',
        ]
      : []),
  ].join('\n');
}
