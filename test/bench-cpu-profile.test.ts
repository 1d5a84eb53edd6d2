/** The bench's CPU-profile summary: a real `node --cpu-prof` process, grouped. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { breakdownTable, groupOf, profileProcess } from '../bench/cpu-profile.ts';

test('groups functions by what a reader can act on', () => {
  expect(groupOf({ url: 'wasm://wasm/0267bb86', functionName: 'wasm-function[1]' })).toBe('PostgreSQL in WebAssembly (PGlite)');
  expect(groupOf({ url: 'file:///x/node_modules/@electric-sql/pglite/dist/index.js', functionName: 'Ye' })).toBe('PGlite (JavaScript, its file system)');
  expect(groupOf({ url: 'file:///x/node_modules/zod/v4/core/core.js', functionName: 'init' })).toBe('package zod');
  expect(groupOf({ url: 'node:internal/modules/esm/utils', functionName: 'compileSourceTextModule' })).toBe('Node loading modules (resolve, compile, link)');
  expect(groupOf({ url: 'file:///x/dist/platform/db.js', functionName: 'openPglite' })).toBe('Veta');
  expect(groupOf({ url: '', functionName: '(garbage collector)' })).toBe('garbage collection');
});

test('sums a process profile: a busy loop of its own shows as its own time', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-prof-test-'));
  const script = path.join(dir, 'busy.mjs');
  writeFileSync(
    script,
    'const end = performance.now() + 300; let x = 0;\nwhile (performance.now() < end) for (let i = 0; i < 1e5; i++) x = (x * 31 + i) % 1000003;\nconsole.log(x >= 0);\n',
  );
  const b = await profileProcess(async (nodeArgs) => {
    expect(execFileSync(process.execPath, [...nodeArgs, script], { encoding: 'utf8' }).trim()).toBe('true');
  });
  expect(b.profiledMs).toBeGreaterThanOrEqual(250);
  const own = b.shares.find((s) => s.what === 'other')!;
  expect(own.ms).toBeGreaterThan(150);
  expect(b.shares.map((s) => s.ms)).toEqual([...b.shares.map((s) => s.ms)].sort((x, y) => y - x));
  expect(breakdownTable(b)).toContain('| other |');
});
