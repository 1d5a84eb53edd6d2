/**
 * A PostgreSQL 15 + PostGIS server for benchmarks: DATABASE_URL when set, otherwise a
 * throwaway cluster on loopback (the packages are installed as CI installs them).
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const PGBIN = '/usr/lib/postgresql/15/bin';

export interface NativePg {
  url: string;
  /** The URL of an existing database on the same server. */
  databaseUrl(name: string): string;
  /** A URL for a fresh, empty database on the same server. */
  freshDatabase(name: string): Promise<string>;
  version: string;
  stop(): void;
}

export async function nativePg(): Promise<NativePg> {
  let url = process.env['DATABASE_URL'];
  let stop = (): void => undefined;
  if (!url) {
    if (!existsSync(`${PGBIN}/initdb`) || !existsSync('/usr/share/postgresql/15/extension/postgis.control')) {
      process.stderr.write('installing postgresql-15 and postgis with apt-get…\n');
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-15-postgis-3', { stdio: 'inherit' });
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-bench-pg-'));
    execFileSync('chown', ['postgres:postgres', dir]);
    const port = 54400 + Math.floor(Math.random() * 500);
    const su = (cmd: string): void => {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'ignore' });
    };
    su(`${PGBIN}/initdb -D ${dir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8`);
    su(
      `${PGBIN}/pg_ctl -D ${dir}/data -l ${dir}/log -w -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB' start`,
    );
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stop = () => su(`${PGBIN}/pg_ctl -D ${dir}/data -m fast stop`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const version = String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version);
  await client.end();
  return {
    url,
    version,
    stop,
    databaseUrl: (name) => {
      const u = new URL(url!);
      u.pathname = `/${name}`;
      return u.toString();
    },
    freshDatabase: async (name) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const u = new URL(url!);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}
