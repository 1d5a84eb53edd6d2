import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is a single-connection database: two processes opening the same folder
 * would corrupt it. The first process takes `veta.lock` (its pid inside); a second
 * one gets a DataDirLockedError that says who holds it and what to do.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Veta process (pid ${holderPid}: ${holderCommand}). ` +
        'The embedded database allows one process at a time: stop that process first, ' +
        "or run this command through the running server's API, " +
        'or set DATABASE_URL to a PostgreSQL server that many processes can share.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'veta.lock');
  const command = process.argv
    .slice(1)
    .map((a) => path.basename(a))
    .join(' ');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; command?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        /* a lock being written right now, or garbage: treat as stale below */
      }
      if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder.pid, holder.command ?? 'unknown');
      }
      // The holder died without releasing (crash, kill -9): the lock is stale.
      try {
        unlinkSync(file);
      } catch {
        /* another process removed it first */
      }
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
