/**
 * The PostGIS extension for PGlite, from a slimmed copy of its bundle. The package's
 * bundle (20 MB gzip, 91 MB of files) also carries the raster, topology and tiger
 * geocoder extensions, the legacy scripts and every upgrade path; PGlite unpacks all of
 * it and compiles each `.so` it finds on every start. Veta uses PostGIS alone, so the
 * first start writes a bundle of just `postgis-3.so`, its control file, its install
 * script and PROJ's data into `node_modules/.cache/veta/`, and every start loads that
 * one (about half the time of opening the database). When the cache cannot be written
 * the package's bundle is used as it is.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import tar from 'tar-stream';

/**
 * Which files of the package's bundle PostGIS needs (paths inside the tar): the library,
 * its control file, its install script (`postgis--X.Y.Z.sql`; upgrade paths name two
 * versions) and PROJ's data.
 */
export function keptInSlimBundle(name: string): boolean {
  return (
    name === 'lib/postgresql/postgis-3.so' ||
    name === 'share/postgresql/extension/postgis.control' ||
    /^share\/postgresql\/extension\/postgis--\d+(\.\d+)+\.sql$/.test(name) ||
    name.startsWith('share/proj/')
  );
}

/** Writes the slim bundle of `bundle` to `target` (through a temporary file, so a crash leaves none). */
export async function writeSlimBundle(bundle: string, target: string): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  const temporary = `${target}.${process.pid}.tmp`;
  const copy = async (): Promise<void> => {
    for await (const entry of extract) {
      // directories are left out: PGlite creates a file's folders as it writes it
      if (entry.header.type !== 'file' || !keptInSlimBundle(entry.header.name)) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      await new Promise<void>((resolve, reject) => pack.entry(entry.header, Buffer.concat(chunks), (err) => (err ? reject(err) : resolve())));
    }
    pack.finalize();
  };
  try {
    await Promise.all([
      pipeline(createReadStream(bundle), createGunzip(), extract),
      copy(),
      // stored, not compressed (PGlite only reads gzip): 34 MB of files unpack in a
      // tenth of the time at every start, for 34 MB on disk instead of 9
      pipeline(pack, createGzip({ level: 0 }), createWriteStream(temporary)),
    ]);
    renameSync(temporary, target);
  } catch (err) {
    pack.destroy();
    rmSync(temporary, { force: true });
    throw err;
  }
}

const require = createRequire(import.meta.url);

/** The package's own bundle and where its slim copy is kept. */
function bundlePaths(): { bundle: string; slim: string } {
  const dist = path.dirname(require.resolve('@electric-sql/pglite-postgis')); // the package exports no package.json
  const { version } = JSON.parse(readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version: string };
  const bundle = path.join(dist, 'postgis.tar.gz');
  const cache = path.resolve(fileURLToPath(new URL('../../node_modules/.cache/veta', import.meta.url)));
  return { bundle, slim: path.join(cache, `postgis-${version}-slim-stored.tar.gz`) };
}

let slimming: Promise<URL | null> | undefined;

/** The slim bundle's URL, written on first use; null when it cannot be. */
function slimBundle(): Promise<URL | null> {
  slimming ??= (async () => {
    try {
      const { bundle, slim } = bundlePaths();
      if (!existsSync(slim)) {
        mkdirSync(path.dirname(slim), { recursive: true });
        await writeSlimBundle(bundle, slim);
      }
      return pathToFileURL(slim);
    } catch (err) {
      process.stderr.write(`PostGIS: using the full extension bundle (${err instanceof Error ? err.message : String(err)})\n`);
      return null;
    }
  })();
  return slimming;
}

/** PGlite's PostGIS extension, loading the slim bundle when there is one. */
export async function slimPostgis(): Promise<Extension> {
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const slim = await slimBundle();
  if (slim === null) return postgis;
  return {
    name: postgis.name,
    setup: async (pg, emscriptenOpts) => ({ ...(await postgis.setup(pg, emscriptenOpts)), bundlePath: slim }),
  };
}

/**
 * Loads each extension's library when PostgreSQL first calls into it, not at start.
 * Left to itself, PGlite compiles and links every `.so` of the extension bundles while
 * the database opens (PostGIS's alone: about 0.6 s of every start), though most commands
 * never call a PostGIS, pg_trgm or unaccent function. With Emscripten's `noWasmDecoding`
 * the bundles' libraries are written as plain files and `dlopen` compiles one on its
 * first use. Listed first among the extensions, so the option reaches the module.
 */
export const libraryOnFirstUse: Extension = {
  name: 'library-on-first-use',
  setup: async (_pg, emscriptenOpts: Record<string, unknown>) => ({ emscriptenOpts: { ...emscriptenOpts, noWasmDecoding: true } }),
};
