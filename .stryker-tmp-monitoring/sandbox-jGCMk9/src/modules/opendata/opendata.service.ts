/**
 * Open data: reading a dataset (live, or as a dated snapshot kept at a publication),
 * and publishing (a snapshot of every dataset, one audited transaction).
 *
 * Live rows are read as the auditor (every region, writes nothing; each dataset decides
 * which columns are public), one short transaction per page: a 100,000-row download does
 * not hold a transaction — nor, on the embedded database, every other request — open.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { DatasetDefinition, DatasetFilter, DatasetRecord } from '../../platform/datasets.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { peruToday } from '../../platform/time.ts';
import { catalogDatasets, type CatalogDataset } from './opendata.catalog.ts';
import * as sql from './opendata.queries.ts';

/** Reads everything, writes nothing: the datasets pick their public columns. */
export const OPENDATA_READER: Actor = { username: 'opendata', role: 'auditor', region: null, ruc: null, userId: null };

/** A Queryable whose every query is its own read transaction as the open data reader. */
export function readerOf(db: Database): Queryable {
  return {
    query: (text, params) => withActor(db, OPENDATA_READER, (tx) => tx.query(text, params)),
    exec: (text) => withActor(db, OPENDATA_READER, (tx) => tx.exec(text)),
  };
}

export const currentVersion = (db: Database): Promise<sql.DataVersion> => withActor(db, OPENDATA_READER, (tx) => sql.dataVersion(tx));

/** At most `limit` records (null: all), batch by batch. */
export async function* limited(batches: AsyncIterable<readonly DatasetRecord[]>, limit: number | null): AsyncIterable<readonly DatasetRecord[]> {
  if (limit === null) {
    yield* batches;
    return;
  }
  let left = limit;
  for await (const batch of batches) {
    if (left <= 0) return;
    const part = batch.length > left ? batch.slice(0, left) : batch;
    left -= part.length;
    yield part;
    if (left <= 0) return;
  }
}

export function liveRecords(db: Database, d: DatasetDefinition, filter: DatasetFilter, limit: number | null = null): AsyncIterable<readonly DatasetRecord[]> {
  return limited(d.rows(readerOf(db), filter), limit);
}

export type SnapshotInfo = sql.SnapshotRow;

export function findSnapshot(db: Database, id: string, date: string | null): Promise<SnapshotInfo | null> {
  return withActor(db, OPENDATA_READER, (tx) => sql.snapshotAt(tx, id, date));
}

export function snapshots(db: Database, id: string | null): Promise<SnapshotInfo[]> {
  return withActor(db, OPENDATA_READER, (tx) => sql.listSnapshots(tx, id));
}

interface StoredLine {
  v: DatasetRecord['values'];
  g?: DatasetRecord['geometry'];
}

/** A snapshot's records, filtered as the live rows would be (by the region and temporal fields). */
export async function* snapshotRecords(
  db: Database,
  d: DatasetDefinition,
  s: SnapshotInfo,
  filter: DatasetFilter,
  limit: number | null = null,
): AsyncIterable<readonly DatasetRecord[]> {
  const content = await withActor(db, OPENDATA_READER, (tx) => sql.snapshotContent(tx, d.id, s.content_publication));
  const keep = (r: DatasetRecord): boolean =>
    (filter.region === null || (d.regionField !== undefined && r.values[d.regionField] === filter.region)) &&
    (filter.year === null || (d.temporalField !== undefined && String(r.values[d.temporalField] ?? '').slice(0, 4) === String(filter.year)));
  const lines = createInterface({ input: Readable.from(content).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: DatasetRecord[] = [];
  let left = limit ?? Infinity;
  for await (const line of lines) {
    if (!line || left <= 0) continue;
    const stored = JSON.parse(line) as StoredLine;
    const r: DatasetRecord = stored.g === undefined ? { values: stored.v } : { values: stored.v, geometry: stored.g };
    if (!keep(r)) continue;
    batch.push(r);
    left--;
    if (batch.length >= 5000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** First and last day covered by a temporal value: a date, a month (YYYY-MM) or a year. */
export function temporalBounds(v: unknown): [string, string] | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return [s.slice(0, 10), s.slice(0, 10)];
  if (/^\d{4}-\d{2}$/.test(s)) {
    const [y, m] = s.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${s}-01`, `${s}-${String(last).padStart(2, '0')}`];
  }
  if (/^\d{4}$/.test(s)) return [`${s}-01-01`, `${s}-12-31`];
  return null;
}

export interface PublishResult {
  publicationId: number;
  snapshotDate: string;
  datasets: { id: string; rows: number; sha256: string; changed: boolean }[];
}

/**
 * Publishes: reads every dataset whole and keeps it as a snapshot filed under today's
 * date in Peru (an unchanged dataset points to the publication that holds its rows),
 * with one audit entry, all in one transaction of the publishing official.
 */
export async function publishDatasets(db: Database, actor: Actor, now = new Date()): Promise<PublishResult> {
  const datasets = await catalogDatasets();
  const version = await currentVersion(db);
  // Newest first per dataset: the first one seen is the latest.
  const latest = new Map<string, sql.SnapshotRow>();
  for (const s of await snapshots(db, null)) if (!latest.has(s.dataset_id)) latest.set(s.dataset_id, s);
  const read: Awaited<ReturnType<typeof readWhole>>[] = [];
  for (const d of datasets) read.push(await readWhole(db, d));
  const snapshotDate = peruToday(now);
  return withActor(db, actor, async (tx) => {
    const publicationId = await sql.insertPublication(tx, { snapshotDate, actor: actor.username, dataVersion: version.head });
    const out: PublishResult['datasets'] = [];
    for (const r of read) {
      const before = latest.get(r.id);
      const changed = before?.sha256 !== r.sha256;
      await sql.insertSnapshot(tx, {
        publicationId,
        datasetId: r.id,
        snapshotDate,
        rowCount: r.rows,
        sha256: r.sha256,
        fields: r.fields,
        temporalStart: r.temporalStart,
        temporalEnd: r.temporalEnd,
        regions: r.regions,
        content: changed ? r.content : null,
        contentPublication: changed || !before ? publicationId : before.content_publication,
      });
      out.push({ id: r.id, rows: r.rows, sha256: r.sha256, changed });
    }
    await appendAudit(tx, actor, {
      action: 'opendata.publish',
      entity: 'opendata_publication',
      entityId: publicationId,
      after: { snapshotDate, dataVersion: version.head, datasets: out.map((o) => ({ id: o.id, rows: o.rows, sha256: o.sha256 })) },
    });
    return { publicationId, snapshotDate, datasets: out };
  });
}

async function readWhole(db: Database, d: CatalogDataset) {
  const hash = createHash('sha256');
  const chunks: string[] = [];
  let rows = 0;
  let start: string | null = null;
  let end: string | null = null;
  const regions = new Set<string>();
  for await (const batch of liveRecords(db, d, { region: null, year: null })) {
    for (const r of batch) {
      const line = `${JSON.stringify(r.geometry === undefined ? { v: r.values } : { v: r.values, g: r.geometry })}\n`;
      hash.update(line);
      chunks.push(line);
      rows++;
      const b = d.temporalField ? temporalBounds(r.values[d.temporalField]) : null;
      if (b) {
        if (start === null || b[0] < start) start = b[0];
        if (end === null || b[1] > end) end = b[1];
      }
      const region = d.regionField ? r.values[d.regionField] : null;
      if (typeof region === 'string') regions.add(region);
    }
  }
  return {
    id: d.id,
    rows,
    sha256: hash.digest('hex'),
    content: gzipSync(chunks.join('')),
    fields: d.fields.map((f) => ({ name: f.name, type: f.type })),
    temporalStart: start,
    temporalEnd: end,
    regions: [...regions].sort(),
  };
}
