import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { keptInSlimBundle, unpackSlimBundle } from './postgis-bundle.ts';

const bundle = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis')), 'postgis.tar.gz');

/** The files of a bundle and their sizes. */
async function files(file: string): Promise<Map<string, number>> {
  const extract = tar.extract();
  const done = pipeline(createReadStream(file), createGunzip(), extract);
  const found = new Map<string, number>();
  for await (const entry of extract) {
    if (entry.header.type === 'file') found.set(entry.header.name, entry.header.size ?? 0);
    entry.resume();
  }
  await done;
  return found;
}

/** The files under a folder and their sizes. */
function unpacked(dir: string, prefix = ''): Map<string, number> {
  const found = new Map<string, number>();
  for (const e of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of unpacked(dir, rel)) found.set(k, v);
    else found.set(rel, statSync(path.join(dir, rel)).size);
  }
  return found;
}

describe('slim PostGIS bundle', () => {
  it('keeps PostGIS, its install script and PROJ, with their sizes, and drops raster, topology and tiger', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-postgis-'));
    const slim = path.join(dir, 'postgis');
    await unpackSlimBundle(bundle, slim);
    const full = await files(bundle);
    const kept = unpacked(slim);
    const version = [...full.keys()].map((n) => /^share\/postgresql\/extension\/postgis--(\d+\.\d+\.\d+)\.sql$/.exec(n)?.[1]).find(Boolean)!;
    expect(version).toMatch(/^3\./);
    const wanted = [...full].filter(([name]) => keptInSlimBundle(name));
    expect(new Map(wanted)).toEqual(kept);
    expect(kept.has('lib/postgresql/postgis-3.so')).toBe(true);
    expect(kept.has(`share/postgresql/extension/postgis--${version}.sql`)).toBe(true);
    expect(kept.has('share/proj/proj.db')).toBe(true);
    expect([...kept.keys()].filter((n) => /raster|topology|tiger|--ANY--/.test(n))).toEqual([]);
    expect(full.size - kept.size).toBeGreaterThan(30);
  });

  it('leaves nothing behind when the bundle is unreadable', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-postgis-'));
    const broken = path.join(dir, 'broken.tar.gz');
    writeFileSync(broken, gzipSync(Buffer.from('not a tar archive at all'.repeat(40))));
    await expect(unpackSlimBundle(broken, path.join(dir, 'postgis'))).rejects.toThrow();
    expect(existsSync(path.join(dir, 'postgis'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['broken.tar.gz']);
  });
});
