/**
 * The types of the import pipeline: what a module declares, what a reader yields,
 * what an import answers. See README.md.
 */
import type { Actor, Role } from '../context.ts';
import type { Queryable } from '../db.ts';
import type { ImportLimits } from './limits.ts';

export type FileFormat = 'csv' | 'xlsx' | 'jsonl' | 'geojson';

export interface ColumnSpec {
  /** Other spellings accepted (the canonical name always is); matched without case or accents. */
  aliases?: readonly string[];
  required?: boolean;
}
export type Columns<C extends string> = Readonly<Record<C, ColumnSpec>>;

/** One record of a file, as a reader yields it. */
export interface SourceRecord<C extends string = string> {
  /** 1-based position: the spreadsheet row (header = 1), the JSONL line, the GeoJSON feature (1 = first). */
  row: number;
  /** Canonical column → trimmed text ('' when absent). GeoJSON: the feature's properties. */
  values: Readonly<Record<C, string>>;
  /** Tabular: the cells in file order (for the rejected-rows file). */
  cells: readonly string[];
  /** JSONL: the parsed line; GeoJSON: the whole feature. */
  json?: unknown;
  /** GeoJSON: the feature's geometry (a GeoJSON object, WGS84), or null. */
  geometry?: unknown;
}

export interface RowError {
  /** As SourceRecord.row; 1 for file-level problems (a missing column). */
  row: number;
  /** Canonical column name ('' for the whole row or file). */
  column: string;
  /** The offending text ('' when none). */
  value: string;
  /** English, for the CLI and the logs. */
  message: string;
  /** Stable, for translation: 'file.column.missing', 'reinfo.ruc.check_digit', … */
  code: string;
  /** What the message interpolates. */
  params?: Record<string, string | number>;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
export interface ImportResult extends ImportCounts {
  errors: RowError[];
  importId: number | null;
}

/** The file was rejected: nothing was written. */
export class ImportRejectedError extends Error {
  constructor(
    readonly result: ImportResult,
    /** How many records the file had (read so far). */
    readonly records?: number,
  ) {
    super(`${result.rejected} row(s) rejected; nothing was imported`);
    this.name = 'ImportRejectedError';
  }
}

export interface ImportContext {
  kind: string;
  actor: Actor;
  /** YYYY-MM-DD (Peru): --as-of / the form field asOf, default today. */
  asOf: string;
  skipInvalid: boolean;
  fileName: string;
  sha256: string;
}

export interface ValidateContext<C extends string, P> extends ImportContext {
  prep: P;
  /** The declared columns the file has (tabular and GeoJSON). */
  present: ReadonlySet<C>;
}

export interface WriteContext<P> extends ImportContext {
  prep: P;
  /** The id of this import's `imports` row, reserved on the first call; the pipeline writes the row and the audit entry at the end. */
  importId(): Promise<number>;
  /** Progress of the write (phase 'write' unless told: REINFO reports its 'stage'). */
  progress(done: number, total: number, phase?: ImportPhase): void;
  /** True when the file is already rejected (validation errors without skipInvalid): run the SQL checks, return their errors, skip the writes. */
  checkOnly: boolean;
}

export interface WriteOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /**
   * Problems only SQL can see (geography, existing keys): returned, not thrown. Without
   * skipInvalid the pipeline rolls everything back; with it, write must have left those rows out.
   */
  errors?: RowError[];
}

export type ImportPhase = 'read' | 'validate' | 'stage' | 'write';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportDeclaration<C extends string = string, Row extends { row: number } = { row: number }, P = undefined> {
  kind: string;
  title: string;
  formats: readonly FileFormat[];
  columns?: Columns<C>;
  /** Extra header rules (e.g. LATITUD+LONGITUD or ZONA+ESTE+NORTE): errors at row 1. */
  checkHeaders?(present: ReadonlySet<C>): RowError[];
  /** Roles allowed to import (the upload route's access; also checked for the CLI's acting user). */
  access: readonly Role[];
  /** Options offered by the command and the route (default both true). */
  options?: { skipInvalid?: boolean; asOf?: boolean };
  limits?: Partial<ImportLimits>;
  /** Records per write call: omit to write the whole file at once; set it to stream (the ledger). */
  batchSize?: number;
  /** Tables whose planner statistics are refreshed after a bulk write (platform/statistics.ts). */
  statistics?: readonly string[];
  /** Look-ups loaded once per file, inside the transaction, after the lock. */
  prepare?(tx: Queryable, ctx: ImportContext): Promise<P>;
  /** Pure: one record → its row, or its errors. */
  validate(record: SourceRecord<C>, ctx: ValidateContext<C, P>): Row | RowError[];
  /** Pure checks across the valid rows (duplicates…); rows named in the errors are left out. */
  checkRows?(rows: readonly Row[], ctx: ValidateContext<C, P>): RowError[];
  /** Set-based write of the valid rows (of the file, or of one batch with batchSize). */
  write(tx: Queryable, rows: Row[], ctx: WriteContext<P>): Promise<WriteOutcome>;
  /** Called once after the last write, inside the transaction (streamed imports settle here). */
  finish?(tx: Queryable, ctx: WriteContext<P>): Promise<WriteOutcome | void>;
  /** What --json prints and the job stores (default: the counts and the errors). */
  summary?(result: ImportResult, records: number): unknown;
}

/** Any declaration, whatever its columns, rows and look-ups (methods are bivariant in their parameters). */
export type AnyImportDeclaration = ImportDeclaration<string, { row: number }, unknown>;

export interface ImportOptions {
  fileName: string;
  sha256: string;
  asOf: string;
  skipInvalid?: boolean;
  onProgress?: ImportProgress;
  /** Records per write call, overriding the declaration's. */
  batchSize?: number;
  /** The job running the import: recorded in its `imports` row, so an interrupted job can tell whether it committed. */
  jobId?: number;
}
