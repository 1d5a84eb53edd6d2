/**
 * `veta opendata publish [--as USER] [--json]`: keeps a dated snapshot of every dataset
 * (what `POST /api/opendata/publish` does), so that a figure cited on a day can be
 * downloaded later as it was (`/api/public/datasets/ID.FORMAT?date=YYYY-MM-DD`).
 */
// @ts-nocheck

import { Command } from 'commander';
import { cliActor, withDatabase } from '../../platform/cli/context.ts';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { publishDatasets, type PublishResult } from './opendata.service.ts';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

export async function runPublish(db: Database, actor: Actor, o: { json?: boolean }, io: CliIo = processIo, now = new Date()): Promise<PublishResult> {
  if (actor.role !== 'national' && actor.role !== 'admin') throw new CliError(`The role ${actor.role} may not publish open data`, ExitCode.usage);
  const result = await publishDatasets(db, actor, now);
  if (o.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  for (const d of result.datasets) io.stderr.write(`${d.id}: ${d.rows} rows${d.changed ? '' : ' (unchanged)'}\n`);
  io.stderr.write(`publication ${result.publicationId} filed under ${result.snapshotDate}\n`);
  return result;
}

export function opendataCommand(): Command {
  const cmd = new Command('opendata').description('open data: the dataset catalog and its dated snapshots');
  cmd
    .command('publish')
    .description('keep a dated snapshot of every dataset (downloadable later with ?date=)')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the publication as JSON')
    .action(async (o: { as?: string; json?: boolean }) => {
      await withDatabase(async (db) => runPublish(db, await cliActor(db, o.as), o));
    });
  return cmd;
}
