/** The real server (`node bin/veta.js serve`) on a temporary data folder and a free port. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the web app when web/dist is missing or older than its sources. */
export function buildWebIfStale(): void {
  // a production build, as `npm start` serves: vitest sets NODE_ENV=test, which would give React's development bundle
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-web.mjs'), '--when-stale'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('the web app did not build');
}

export interface RunningServer {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** Starts the server; the first start migrates and loads the demo (tens of seconds). */
export async function startServer(opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'veta-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, VETA_DATA_DIR: join(dataDir, 'data'), PORT: String(port), HOST: '127.0.0.1' };
  delete env['DATABASE_URL'];
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'bin', 'veta.js'), 'serve'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, dataDir, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not start in time:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
