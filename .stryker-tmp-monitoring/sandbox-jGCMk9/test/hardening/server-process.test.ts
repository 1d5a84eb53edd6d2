/**
 * An incident leaves a trace without leaking: requests and errors are logged as JSON with
 * no credentials, cookies or query values; and a stray rejection or exception outside any
 * request does not end the server process.
 */
// @ts-nocheck

import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { buildApp } from '../../src/platform/http/app.ts';
import { platformRoutes } from '../../src/platform/http/platform.routes.ts';
import { testDb } from '../db.ts';
import { authHeaders } from '../http.ts';

test('requests and errors are logged as JSON lines, without tokens, cookies, passwords or query values', async () => {
  const lines: string[] = [];
  const headers = await authHeaders('national');
  const token = headers['authorization']!.slice(7);
  const app = await buildApp({ db: await testDb(), logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } }, [
    platformRoutes,
    (a) => {
      a.get('/api/boom', { config: { access: ['public'] } }, () => {
        throw new Error('kaput');
      });
    },
  ]);
  try {
    await app.inject({ method: 'GET', url: '/api/audit?entity=40123456&limit=5', headers: { ...headers, cookie: 'veta_session=vs_secretcookie' } });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.251.0.1',
      payload: { username: 'juan.perez', password: 'my-Secret-pass-99' },
    });
    const boom = await app.inject({ method: 'GET', url: '/api/boom?dni=40123456' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toMatchObject({ detail: 'Something went wrong on our side.' });
  } finally {
    await app.close();
  }
  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const all = lines.join('\n');
  expect(entries.some((e) => (e['req'] as { route?: string } | undefined)?.route === '/api/audit')).toBe(true);
  expect(entries.some((e) => (e['res'] as { statusCode?: number } | undefined)?.statusCode === 401)).toBe(true);
  const error = entries.find((e) => e['level'] === 50);
  expect((error?.['err'] as { message?: string } | undefined)?.message).toBe('kaput');
  for (const secret of ['40123456', 'vs_secretcookie', 'my-Secret-pass-99', 'juan.perez']) expect(all).not.toContain(secret);
  expect(all).not.toContain(token);
});

/** A process that installs the server's guards (or not), then throws outside any request. */
function run(guarded: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const serve = path.resolve('src/cli/serve.ts');
  const script = `
    const { installProcessGuards } = await import(${JSON.stringify(serve)});
    const log = { error: (o, m) => console.log('logged:', m, String(o.err)), info: () => {} };
    if (${guarded}) installProcessGuards(log);
    Promise.reject(new Error('a job bookkeeping write failed: 22P05'));
    setTimeout(() => { throw new Error('a listener blew up'); }, 50);
    setTimeout(() => { console.log('still serving'); process.exit(0); }, 300);
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.resolve('.') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('an unhandled rejection and an uncaught exception are logged and the process goes on', async () => {
  const bare = await run(false);
  expect(bare.code, 'the premise: without the guards Node ends the process').not.toBe(0);
  expect(bare.stdout).not.toContain('still serving');
  const guarded = await run(true);
  expect(guarded.code, guarded.stderr).toBe(0);
  expect(guarded.stdout).toContain('logged: unhandled promise rejection; the server keeps running Error: a job bookkeeping write failed: 22P05');
  expect(guarded.stdout).toContain('logged: uncaught exception; the server keeps running Error: a listener blew up');
  expect(guarded.stdout).toContain('still serving');
}, 60_000);
