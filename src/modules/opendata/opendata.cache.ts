/**
 * Whole downloads kept on disk per data version: the first download of a file (a dataset,
 * a format, a filter, at a data version or a snapshot — its ETag) streams from the
 * database and is written aside as it goes; the next ones stream from the file. A new
 * data version makes the older files stale: they are removed as soon as one of the new
 * version is stored, and the oldest go first past the byte budget.
 * One folder per server process (removed when it closes): files never cross databases.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

interface Entry {
  file: string;
  bytes: number;
  version: string | null;
}

export interface DownloadCache {
  /** The stored file of this ETag, streamed; null when not stored. */
  get(etag: string): Readable | null;
  /**
   * The body to send, written aside as it is sent: stored under `etag` once complete (a
   * failed or aborted download stores nothing). `version` groups the files of one data
   * version; null for a snapshot's file, which never goes stale (only past the budget).
   */
  keep(etag: string, version: string | null, body: Readable | Buffer): Readable | Buffer;
  has(etag: string): boolean;
  /** Files and bytes held. */
  size(): { files: number; bytes: number };
  close(): void;
}

const DEFAULT_BYTES = 1024 * 1024 * 1024;

/** `maxBytes` 0 disables it (every download streams from the database). */
export function downloadCache(maxBytes = Number(process.env['VETA_OPENDATA_CACHE_BYTES'] ?? DEFAULT_BYTES)): DownloadCache {
  if (!(maxBytes > 0)) {
    return { get: () => null, has: () => false, keep: (_e, _v, body) => body, size: () => ({ files: 0, bytes: 0 }), close: () => undefined };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-opendata-'));
  // insertion order = age: the first entries are evicted first
  const entries = new Map<string, Entry>();
  let seq = 0;
  let bytes = 0;

  const drop = (etag: string): void => {
    const e = entries.get(etag);
    if (!e) return;
    entries.delete(etag);
    bytes -= e.bytes;
    void rm(e.file, { force: true });
  };

  const store = async (etag: string, version: string | null, tmp: string): Promise<void> => {
    const size = statSync(tmp).size;
    if (size > maxBytes) {
      await rm(tmp, { force: true });
      return;
    }
    const file = path.join(dir, `${++seq}.bin`);
    await rename(tmp, file);
    if (version !== null) for (const [k, e] of entries) if (e.version !== null && e.version !== version) drop(k);
    drop(etag);
    entries.set(etag, { file, bytes: size, version });
    bytes += size;
    for (const k of entries.keys()) {
      if (bytes <= maxBytes) break;
      drop(k);
    }
  };

  return {
    get(etag) {
      const e = entries.get(etag);
      return e ? createReadStream(e.file) : null;
    },
    keep(etag, version, body) {
      const tmp = path.join(dir, `${++seq}.part`);
      if (Buffer.isBuffer(body)) {
        const out = createWriteStream(tmp);
        out.end(body, () => void store(etag, version, tmp).catch(() => rm(tmp, { force: true })));
        return body;
      }
      // the client reads what passes through `tee`; each chunk is written to the file first (both back-pressures kept)
      const file = createWriteStream(tmp);
      let failed = false;
      const fail = (): void => {
        if (failed) return;
        failed = true;
        file.destroy();
        void rm(tmp, { force: true });
      };
      file.on('error', fail);
      const tee = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (failed || file.write(chunk)) done(null, chunk);
          else file.once('drain', () => done(null, chunk));
        },
      });
      pipeline(body, tee).then(
        () => {
          if (!failed) file.end(() => void store(etag, version, tmp).catch(() => rm(tmp, { force: true })));
        },
        // a failed render, or the client went away: the file is incomplete
        fail,
      );
      return tee;
    },
    has: (etag) => entries.has(etag),
    size: () => ({ files: entries.size, bytes }),
    close() {
      entries.clear();
      bytes = 0;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
