/**
 * The CLI speaks Spanish by default, English with `--lang en` or LANG=en_*: a rejected
 * import's row errors as a person reads them on stderr. `--json` is the same whatever the
 * language.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { loadTerritory } from '../../modules/territory/territory.load.ts';
import { cachePath, testDb, workerDatabase } from '../../../test/db.ts';
import { buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { takeLang } from '../../cli/program.ts';

const BIN = path.resolve('bin/veta.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-cli-lang-'));
const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

function veta(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (process.env['DATABASE_URL']) {
    env['DATABASE_URL'] = await workerDatabase(process.env['DATABASE_URL'], '_cli_lang');
  } else {
    await testDb();
    env['VETA_DATA_DIR'] = path.join(dir, 'data');
    const blob = existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
    const db = await openDatabase({ dataDir: env['VETA_DATA_DIR'], loadDataDir: blob });
    await migrate(db);
    await db.transaction((tx) => loadTerritory(tx));
    await db.close();
  }
}, 120_000);

describe('--lang', () => {
  test('is taken out of the arguments wherever it stands; LANG decides without it; a bad value is a usage error', () => {
    expect(takeLang(['node', 'veta', 'survey', 'xform', 'x', '--lang', 'en'], {})).toEqual({ argv: ['node', 'veta', 'survey', 'xform', 'x'], lang: 'en' });
    expect(takeLang(['node', 'veta', '--lang=es', 'openapi'], { LANG: 'en_US.UTF-8' })).toEqual({ argv: ['node', 'veta', 'openapi'], lang: 'es' });
    expect(takeLang(['node', 'veta', 'openapi'], { LANG: 'en_GB.UTF-8' }).lang).toBe('en');
    expect(takeLang(['node', 'veta', 'openapi'], {}).lang).toBe('es');
    expect(() => takeLang(['node', 'veta', '--lang', 'fr'], {})).toThrow(/--lang must be es or en/);
  });
});

describe('the CLI in Spanish and English', { timeout: 300_000 }, () => {
  test('a rejected import: row errors in Spanish by default, in English with --lang en; --json the same in both', async () => {
    const csv = path.join(dir, 'bad.csv');
    writeFileSync(csv, toCsv([buildReinfoRow({ RUC: '20123456780' }), buildReinfoRow({ ESTADO: 'ACTIVO' })]));
    const es = await veta(['import', 'reinfo', csv]);
    expect(es.code).toBe(1);
    expect(es.stderr).toMatch(/fila 2, RUC: El dígito verificador del RUC es incorrecto\. \(valor: 20123456780\)/);
    expect(es.stderr).toMatch(/fila 3, ESTADO: Debe ser VIGENTE, SUSPENDIDO o EXCLUIDO\./);
    expect(es.stderr).toContain('insertadas 0, actualizadas 0, sin cambios 0, rechazadas 2');
    expect(es.stderr).toContain('Rechazado: no se importó nada. Errores escritos en');
    const en = await veta(['--lang', 'en', 'import', 'reinfo', csv]);
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/row 2, RUC: RUC check digit is wrong\. \(value: 20123456780\)/);
    expect(en.stderr).toContain('Rejected: nothing was imported. Errors written to');
    const byEnv = await veta(['import', 'reinfo', csv], { LANG: 'en_US.UTF-8' });
    expect(byEnv.stderr).toMatch(/row 3, ESTADO: Must be VIGENTE, SUSPENDIDO or EXCLUIDO\./);
    const bad = await veta(['import', 'reinfo', csv, '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be es or en');
    const jsonEs = await veta(['import', 'reinfo', csv, '--json']);
    const jsonEn = await veta(['import', 'reinfo', csv, '--json', '--lang', 'en']);
    expect(jsonEs.stdout).toBe(jsonEn.stdout);
    const out = JSON.parse(jsonEs.stdout) as { errors: { code: string; message: string }[] };
    expect(out.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'reinfo.ruc.check_digit', message: 'RUC check digit is wrong' })]));
  });
});
