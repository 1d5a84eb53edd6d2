/**
 * Where a process's start goes, from V8's CPU profile (`node --cpu-prof`): the samples'
 * time grouped into what a reader can act on — PostgreSQL in WebAssembly, PGlite's
 * JavaScript, Node loading modules, each package, Veta's own code, garbage collection,
 * idle. The bench prints it beside the start and floor figures.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface CpuShare {
  what: string;
  ms: number;
}

export interface CpuBreakdown {
  /** From the profile's first to its last sample. */
  profiledMs: number;
  shares: CpuShare[];
}

/** The group a sample's function belongs to. */
export function groupOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url.startsWith('wasm://')) return 'PostgreSQL in WebAssembly (PGlite)';
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle (waiting for files, threads, the network)';
    if (functionName === '(program)') return 'V8 itself (parsing, compiling)';
    return 'native calls (file system, WebAssembly glue)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!.startsWith('@electric-sql/') ? 'PGlite (JavaScript, its file system)' : `package ${pkg[1]}`;
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/deps/cjs-module-lexer')) return 'Node loading modules (resolve, compile, link)';
  if (url.startsWith('node:')) return 'Node (other built-ins)';
  if (url.includes('/dist/') || url.includes('/src/')) return 'Veta';
  return 'other';
}

/** The profile's sample time per group, largest first; packages below `minMs` summed as "other packages". */
export function breakdown(profile: CpuProfile, minMs = 15): CpuBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const what = groupOf(byId.get(id)!.callFrame);
    ms.set(what, (ms.get(what) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const shares: CpuShare[] = [];
  let otherPackages = 0;
  for (const [what, t] of ms) {
    if (what.startsWith('package ') && t < minMs) otherPackages += t;
    else shares.push({ what, ms: t });
  }
  if (otherPackages > 0) shares.push({ what: 'other packages', ms: otherPackages });
  shares.sort((a, b) => b.ms - a.ms);
  return { profiledMs: (profile.endTime - profile.startTime) / 1000, shares };
}

/** Runs `fn` with the Node arguments that make its process write a CPU profile, and sums it up. */
export async function profileProcess(fn: (nodeArgs: string[]) => Promise<void>): Promise<CpuBreakdown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-cpuprof-'));
  try {
    await fn(['--cpu-prof', '--cpu-prof-dir', dir]);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the process wrote no CPU profile');
    return breakdown(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function breakdownTable(b: CpuBreakdown): string {
  const share = (ms: number): string => `${((100 * ms) / Math.max(1e-9, b.profiledMs)).toFixed(0)} %`;
  return [
    '| where | ms | share |',
    '| --- | ---: | ---: |',
    ...b.shares.map((s) => `| ${s.what} | ${s.ms.toFixed(0)} | ${share(s.ms)} |`),
    `| **profiled, from the first JavaScript to exit** | **${b.profiledMs.toFixed(0)}** | 100 % |`,
  ].join('\n');
}
