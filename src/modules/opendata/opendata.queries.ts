/** SQL of the open data module: the data version and the dated snapshots (migration 0017). */
import type { Queryable } from '../../platform/db.ts';
import type { Row } from '../../platform/db/schema.generated.ts';
import type { DatasetFieldType } from '../../platform/datasets.ts';

export interface DataVersion {
  head: string;
  modified: string | null;
}

export async function dataVersion(q: Queryable): Promise<DataVersion> {
  const { rows } = await q.query<{ head: string; modified: Date | string | null }>('SELECT head, modified FROM veta_data_version()');
  const m = rows[0]?.modified ?? null;
  return { head: rows[0]?.head ?? '', modified: m === null ? null : new Date(m).toISOString() };
}

export async function insertPublication(tx: Queryable, p: { snapshotDate: string; actor: string; dataVersion: string }): Promise<number> {
  const { rows } = await tx.query<{ id: number }>('INSERT INTO opendata_publications (snapshot_date, actor, data_version) VALUES ($1, $2, $3) RETURNING id', [
    p.snapshotDate,
    p.actor,
    p.dataVersion,
  ]);
  return Number(rows[0]!.id);
}

export interface SnapshotInsert {
  publicationId: number;
  datasetId: string;
  snapshotDate: string;
  rowCount: number;
  sha256: string;
  fields: { name: string; type: DatasetFieldType }[];
  temporalStart: string | null;
  temporalEnd: string | null;
  regions: string[];
  /** null: unchanged since `contentPublication`. */
  content: Buffer | null;
  contentPublication: number;
}

export async function insertSnapshot(tx: Queryable, s: SnapshotInsert): Promise<void> {
  await tx.query(
    `INSERT INTO opendata_snapshots (publication_id, dataset_id, snapshot_date, row_count, sha256, fields, temporal_start, temporal_end, regions, content, content_publication)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)`,
    [
      s.publicationId,
      s.datasetId,
      s.snapshotDate,
      s.rowCount,
      s.sha256,
      JSON.stringify(s.fields),
      s.temporalStart,
      s.temporalEnd,
      s.regions,
      s.content,
      s.contentPublication,
    ],
  );
}

type SnapshotSqlRow = Pick<
  Row<'opendata_snapshots'>,
  'publication_id' | 'dataset_id' | 'snapshot_date' | 'row_count' | 'sha256' | 'temporal_start' | 'temporal_end' | 'regions' | 'content_publication'
> &
  Pick<Row<'opendata_publications'>, 'published_at'>;

/** A snapshot as listed: `published_at` as an ISO instant. */
export type SnapshotRow = Omit<SnapshotSqlRow, 'published_at'> & { published_at: string };

const SNAPSHOT_COLUMNS = `s.publication_id, s.dataset_id, s.snapshot_date, p.published_at, s.row_count, s.sha256,
  s.temporal_start, s.temporal_end, s.regions, s.content_publication`;

/** The snapshots of a dataset, newest first (or of every dataset). */
export async function listSnapshots(q: Queryable, datasetId: string | null): Promise<SnapshotRow[]> {
  const { rows } = await q.query<SnapshotSqlRow>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM opendata_snapshots s JOIN opendata_publications p ON p.id = s.publication_id
     WHERE $1::text IS NULL OR s.dataset_id = $1 ORDER BY s.dataset_id, s.snapshot_date DESC, s.publication_id DESC`,
    [datasetId],
  );
  return rows.map(normalize);
}

/** The latest snapshot of a dataset filed on or before `date` (null: the latest of all). */
export async function snapshotAt(q: Queryable, datasetId: string, date: string | null): Promise<SnapshotRow | null> {
  const { rows } = await q.query<SnapshotSqlRow>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM opendata_snapshots s JOIN opendata_publications p ON p.id = s.publication_id
     WHERE s.dataset_id = $1 AND ($2::date IS NULL OR s.snapshot_date <= $2) ORDER BY s.snapshot_date DESC, s.publication_id DESC LIMIT 1`,
    [datasetId, date],
  );
  return rows[0] ? normalize(rows[0]) : null;
}

export async function snapshotContent(q: Queryable, datasetId: string, publicationId: number): Promise<Buffer> {
  const { rows } = await q.query<Pick<Row<'opendata_snapshots'>, 'content'>>(
    'SELECT content FROM opendata_snapshots WHERE dataset_id = $1 AND publication_id = $2',
    [datasetId, publicationId],
  );
  if (!rows[0]?.content) throw new Error(`Snapshot ${datasetId}@${publicationId} has no content`);
  return Buffer.from(rows[0].content);
}

const day = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v.slice(0, 10) : new Date(v as Date).toISOString().slice(0, 10);

function normalize(r: SnapshotSqlRow): SnapshotRow {
  return {
    ...r,
    snapshot_date: day(r.snapshot_date)!,
    published_at: r.published_at.toISOString(),
    temporal_start: day(r.temporal_start),
    temporal_end: day(r.temporal_end),
  };
}
