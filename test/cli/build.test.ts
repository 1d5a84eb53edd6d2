import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { neededCommands, type CommandManifest } from '../../src/cli/program.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist/cli/main.js');

describe('the compiled server and CLI (npm run build)', () => {
  beforeAll(async () => {
    await run(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  }, 120_000);

  it('emits one .js file per source file, at the same depth, with a command manifest', () => {
    expect(existsSync(path.join(ROOT, 'dist/platform/migrate.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/platform/db.test.js'))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'dist/cli/commands.json'), 'utf8')) as CommandManifest;
    expect(manifest.platform).toContain('migrate');
    expect(manifest.modules['traceability']?.commands).toContain('ledger');
    expect(manifest.modules['registry']?.imports).toContain('reinfo');
  });

  it('prints its version and a module command’s help from dist/', async () => {
    const version = await run(process.execPath, [MAIN, '--version'], { cwd: ROOT });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const help = await run(process.execPath, [MAIN, 'ledger', '--help'], { cwd: ROOT });
    expect(help.stdout).toMatch(/Usage: veta ledger/);
    expect(help.stdout).toMatch(/\bimport\b/);
  });

  it('finds the SQL migrations and the reference data from dist/ (paths relative to import.meta.url)', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(path.join(ROOT, 'dist/platform/migrate.js'))});
         const i = await import(${JSON.stringify(path.join(ROOT, 'dist/modules/cooperation/iati.xsd.js'))});
         console.log(JSON.stringify([m.MIGRATIONS_DIR, i.IATI_SCHEMA_DIR]));`,
      ],
      { cwd: ROOT },
    );
    const [migrations, iati] = JSON.parse(stdout) as [string, string];
    expect(path.resolve(migrations)).toBe(path.join(ROOT, 'db/migrations'));
    expect(path.resolve(iati)).toBe(path.join(ROOT, 'reference/iati'));
  });

  it('migrates an in-memory embedded database from dist/', async () => {
    const { stdout } = await run(process.execPath, [MAIN, 'migrate', '--json'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', VETA_DATA_DIR: 'memory' },
    });
    const applied = (JSON.parse(stdout) as { applied: string[] }).applied;
    expect(applied[0]).toBe('0001_platform');
    expect(applied.length).toBeGreaterThan(10);
  }, 240_000);
});

describe('neededCommands: which modules a command line loads', () => {
  const manifest: CommandManifest = {
    platform: ['migrate', 'demo'],
    modules: {
      registry: { commands: [], imports: ['reinfo'], exports: ['reinfo'] },
      traceability: { commands: ['ledger'], imports: ['recpo'], exports: [] },
    },
  };
  const argv = (...words: string[]): string[] => ['node', 'veta', ...words];

  it('loads one module for one of its commands, and none for a platform command or --version', () => {
    expect(neededCommands(argv('ledger', 'import', 'f.jsonl'), manifest)).toEqual({ modules: ['traceability'], platform: false });
    expect(neededCommands(argv('import', 'recpo', 'f.csv'), manifest)).toEqual({ modules: ['traceability'], platform: false });
    expect(neededCommands(argv('export', 'reinfo', '--out', 'x'), manifest)).toEqual({ modules: ['registry'], platform: false });
    expect(neededCommands(argv('migrate', '--json'), manifest)).toEqual({ modules: [], platform: true });
    expect(neededCommands(argv('--version'), manifest)).toEqual({ modules: [], platform: false });
    expect(neededCommands(argv('ledger', '--help'), manifest)).toEqual({ modules: ['traceability'], platform: false });
  });

  it('loads everything for help, unknown words or no manifest', () => {
    const all = { modules: 'all', platform: true };
    expect(neededCommands(argv(), manifest)).toEqual(all);
    expect(neededCommands(argv('--help'), manifest)).toEqual(all);
    expect(neededCommands(argv('import'), manifest)).toEqual(all);
    expect(neededCommands(argv('import', 'nothing'), manifest)).toEqual(all);
    expect(neededCommands(argv('ledgr'), manifest)).toEqual(all);
    expect(neededCommands(argv('ledger'), null)).toEqual(all);
  });
});
