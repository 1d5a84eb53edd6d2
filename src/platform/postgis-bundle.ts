/**
 * The PostGIS extension for PGlite, from a slimmed, unpacked copy of its bundle. The
 * package's bundle (20 MB gzip, 91 MB of files) also carries the raster, topology and
 * tiger geocoder extensions, the legacy scripts and every upgrade path; PGlite unzips and
 * untars all of it into its in-memory file system on every start. Veta uses PostGIS
 * alone, so the first start unpacks just `postgis-3.so`, its control file, its install
 * script and PROJ's data into `node_modules/.cache/veta/postgis-<version>/`, and every
 * start mounts that folder (Emscripten's NODEFS) and links its files where PostgreSQL
 * looks for them: nothing is unpacked or copied at start, and a file is read only when
 * PostgreSQL opens it. When the cache cannot be written the package's bundle is used as
 * it is.
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
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

/**
 * Unpacks the files of `bundle` PostGIS needs into the folder `target` (through a
 * temporary folder renamed into place, so a crash or a failure leaves none).
 */
export async function unpackSlimBundle(bundle: string, target: string): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const extract = tar.extract();
  const unpack = async (): Promise<void> => {
    for await (const entry of extract) {
      const name = path.posix.normalize(entry.header.name);
      if (entry.header.type !== 'file' || !keptInSlimBundle(name) || name.startsWith('..')) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const file = path.join(temporary, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, Buffer.concat(chunks));
    }
  };
  try {
    await Promise.all([pipeline(createReadStream(bundle), createGunzip(), extract), unpack()]);
    if (!existsSync(path.join(temporary, 'lib/postgresql/postgis-3.so'))) throw new Error(`${bundle} has no lib/postgresql/postgis-3.so`);
    try {
      renameSync(temporary, target);
    } catch (err) {
      // another process unpacked it meanwhile: theirs stays
      if (!existsSync(target)) throw err;
      rmSync(temporary, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(temporary, { recursive: true, force: true });
    throw err;
  }
}

/** Every file under `dir`, as paths relative to it with `/`. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

const require = createRequire(import.meta.url);

/** The package's own bundle and where its slim copy is unpacked. */
function bundlePaths(): { bundle: string; cache: string; slim: string } {
  const dist = path.dirname(require.resolve('@electric-sql/pglite-postgis')); // the package exports no package.json
  const { version } = JSON.parse(readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version: string };
  const bundle = path.join(dist, 'postgis.tar.gz');
  const cache = path.resolve(fileURLToPath(new URL('../../node_modules/.cache/veta', import.meta.url)));
  return { bundle, cache, slim: path.join(cache, `postgis-${version}`) };
}

let slimming: Promise<{ root: string; files: string[] } | null> | undefined;

/** The unpacked slim bundle and its files, unpacked on first use; null when it cannot be. */
function slimBundle(): Promise<{ root: string; files: string[] } | null> {
  slimming ??= (async () => {
    try {
      const { bundle, cache, slim } = bundlePaths();
      if (!existsSync(slim)) {
        mkdirSync(cache, { recursive: true });
        await unpackSlimBundle(bundle, slim);
        // the slim bundles earlier versions kept as archives
        for (const f of readdirSync(cache)) if (/^postgis-.*-slim.*\.tar\.gz$/.test(f)) rmSync(path.join(cache, f), { force: true });
      }
      return { root: slim, files: filesUnder(slim) };
    } catch (err) {
      process.stderr.write(`PostGIS: using the full extension bundle (${err instanceof Error ? err.message : String(err)})\n`);
      return null;
    }
  })();
  return slimming;
}

/** The parts of Emscripten's module and file system the mount below uses. */
interface EmscriptenModule {
  FS: {
    filesystems: Record<string, unknown>;
    mkdirTree(path: string): void;
    mount(type: unknown, opts: { root: string }, mountpoint: string): void;
    symlink(target: string, path: string): void;
  };
}

type EmscriptenOpts = { preRun?: ((module: EmscriptenModule) => void)[]; PGLITE_ENV?: Record<string, string> } & Record<string, unknown>;

/** Where the slim folder is mounted inside PGlite's file system. */
const MOUNT = '/veta-postgis';

/** PGlite's PostGIS extension, its files mounted from the unpacked slim bundle when there is one. */
export async function slimPostgis(): Promise<Extension> {
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const slim = await slimBundle();
  if (slim === null) return postgis;
  return {
    name: postgis.name,
    setup: async (pg, emscriptenOpts) => {
      const { emscriptenOpts: opts } = (await postgis.setup(pg, emscriptenOpts)) as { emscriptenOpts: EmscriptenOpts };
      // PostgreSQL's installation prefix inside PGlite, as the package tells PROJ where its data is
      const prefix = (opts.PGLITE_ENV?.['PROJ_DATA'] ?? '/pglite/share/proj').replace(/\/share\/proj$/, '');
      const link = ({ FS }: EmscriptenModule): void => {
        FS.mkdirTree(MOUNT);
        FS.mount(FS.filesystems['NODEFS'], { root: slim.root }, MOUNT);
        for (const file of slim.files) {
          FS.mkdirTree(path.posix.dirname(`${prefix}/${file}`));
          FS.symlink(`${MOUNT}/${file}`, `${prefix}/${file}`);
        }
      };
      return { emscriptenOpts: { ...opts, preRun: [...(opts.preRun ?? []), link] } };
    },
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
