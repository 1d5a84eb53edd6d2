import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

interface PgliteFiles {
  wasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

let pgliteFiles: Promise<PgliteFiles> | undefined;

/**
 * Starts reading PGlite's WebAssembly (10 MB) and file bundle (6 MB) and compiling the
 * former, all off the main thread, so that a command can start it before loading its own
 * modules: the database opens from them then (see openPglite). Idempotent; a failure here
 * only means PGlite reads the files itself.
 */
export function prefetchPglite(): void {
  pgliteFiles ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [wasm, bundle] = await Promise.all([readFile(path.join(dist, 'pglite.wasm')), readFile(path.join(dist, 'pglite.data'))]);
    return { wasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([bundle]) };
  })();
  pgliteFiles.catch(() => undefined);
}

/** The prefetched files, the prefetch started if it was not; null when it failed (PGlite then reads them itself). */
export function prefetchedPgliteFiles(): Promise<PgliteFiles | null> {
  prefetchPglite();
  return pgliteFiles!.catch(() => null);
}
