/**
 * The map's tile budget (bench/territory.bench.ts) as a section of BENCHMARKS.md: that
 * benchmark runs as its own process (it prints its figures), on the native server of the
 * run; its lines are kept and the two budgets read from them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface TerritoryBench {
  lines: string[];
  /** Per encoder: the Puno view at zoom 8 and the largest tile anywhere, in KB. */
  budgets: { encoder: string; punoKb: number; worstKb: number }[];
  seconds: number;
}

export async function benchTerritory(databaseUrl: string, log: (m: string) => void): Promise<TerritoryBench> {
  const t = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/territory.bench.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      for (const line of d.toString().split('\n')) if (line.startsWith('Puno')) log(line);
    });
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`territory benchmark exited with ${code}`))));
  });
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  const budgets: TerritoryBench['budgets'] = [];
  let encoder = '';
  for (const l of lines) {
    const e = /^== encoder (\S+)/.exec(l);
    if (e) encoder = e[1]!;
    const p = /^Puno view z8: .* = ([\d.,]+) KB .*largest tile anywhere ([\d.,]+) KB/.exec(l);
    if (p) budgets.push({ encoder, punoKb: Number(p[1]!.replace(/,/g, '')), worstKb: Number(p[2]!.replace(/,/g, '')) });
  }
  return { lines, budgets, seconds: (performance.now() - t) / 1000 };
}

export function territorySection(b: TerritoryBench): string {
  return [
    '## Map tiles at national size',
    '',
    `\`bench/territory.bench.ts\` on native PostgreSQL (generation and rendering took ${b.seconds.toFixed(0)} s): every tile covering Peru at zooms 5–8 for the four layers, and the Puno view at zoom 8. Budgets: no tile over 500 KB, the Puno view under 1.5 MB (1,536 KB).`,
    '',
    '| encoder | largest tile anywhere | budget | Puno view z8 | budget |',
    '| --- | ---: | --- | ---: | --- |',
    ...b.budgets.map(
      (x) =>
        `| ${x.encoder} | ${x.worstKb.toFixed(1)} KB | ${x.worstKb <= 500 ? 'met' : '**missed**'} (500 KB) | ${x.punoKb.toFixed(1)} KB | ${x.punoKb <= 1536 ? 'met' : '**missed**'} (1,536 KB) |`,
    ),
    '',
    '<details><summary>every layer and zoom</summary>',
    '',
    '```',
    ...b.lines,
    '```',
    '',
    '</details>',
    '',
  ].join('\n');
}
