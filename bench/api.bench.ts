/**
 * Public API throughput: `veta serve` on native PostgreSQL (national-size registry),
 * loaded from this process with autocannon, against a bare Fastify route serving the
 * same bytes in its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { fmt } from './stats.ts';

const BIN = path.resolve('bin/veta.js');

function start(args: string[], env: NodeJS.ProcessEnv, ready: (url: string) => Promise<boolean>, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return (async () => {
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited`);
      if (await ready(url).catch(() => false)) return child;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('server did not start');
  })();
}

const up = async (url: string): Promise<boolean> => (await fetch(url)).ok;

async function load(url: string, seconds: number): Promise<{ rps: number; p99: number }> {
  const r = await autocannon({ url, connections: 20, duration: seconds, headers: { 'accept-encoding': 'identity' } });
  return { rps: r.requests.average, p99: r.latency.p99 };
}

export interface ApiFigure {
  path: string;
  bytes: number;
  veta: { rps: number; p99: number };
  bare: { rps: number; p99: number };
}

export const PUBLIC_PATHS = ['/api/public/registry/stats', '/api/public/registry/search?q=QUISPE%20MAMANI&limit=20'];

export async function benchApi(databaseUrl: string, dir: string, seconds = 10, paths = PUBLIC_PATHS): Promise<ApiFigure[]> {
  const port = 39500 + Math.floor(Math.random() * 400);
  const base = `http://127.0.0.1:${port}`;
  const veta = await start([BIN, 'serve', '--no-demo'], { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' }, up, `${base}/api/health`);
  const routes: Record<string, { body: string; contentType: string }> = {};
  for (const p of paths) {
    const res = await fetch(base + p);
    routes[p] = { body: await res.text(), contentType: res.headers.get('content-type') ?? 'application/json' };
  }
  const file = path.join(dir, 'bare-routes.json');
  writeFileSync(file, JSON.stringify(routes));
  const barePort = port + 1;
  const bare = await start(
    ['--import', 'tsx', path.resolve('bench/bare-server.ts'), file, String(barePort)],
    {},
    up,
    `http://127.0.0.1:${barePort}${paths[0]}`,
  );
  const out: ApiFigure[] = [];
  try {
    for (const p of paths) {
      const v = await load(base + p, seconds);
      const b = await load(`http://127.0.0.1:${barePort}${p}`, seconds);
      out.push({ path: p, bytes: Buffer.byteLength(routes[p]!.body), veta: v, bare: b });
    }
  } finally {
    veta.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
  return out;
}

export function apiSection(figures: ApiFigure[], inscriptions: number): string {
  return [
    '## Public API throughput (issue 7)',
    '',
    `\`veta serve\` on native PostgreSQL with ${inscriptions.toLocaleString('en-US')} inscriptions, 20 connections for 10 s per endpoint from a second process (autocannon); baseline: a bare Fastify route serving the same bytes, in its own process. Public answers are cached in memory and invalidated by a notification from the audit log (LISTEN/NOTIFY): a cache hit costs no query.`,
    '',
    '| endpoint | bytes | Veta req/s | Veta p99 | bare req/s | bare p99 | ratio (target ≥ 0.7) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| \`${f.path}\` | ${f.bytes.toLocaleString('en-US')} | ${fmt(f.veta.rps, 0)} | ${f.veta.p99} ms | ${fmt(f.bare.rps, 0)} | ${f.bare.p99} ms | **${fmt(f.veta.rps / f.bare.rps, 2)}** |`,
    ),
    '',
  ].join('\n');
}
