/**
 * The import pipeline: one transaction per file, serialised per kind by an advisory
 * lock; header matching, cell checks and the declaration's pure validation of every
 * record; the declaration's set-based write; all or nothing unless skipInvalid; one
 * `imports` row and one audit entry when something changed. See README.md.
 */
import { appendAudit } from '../audit/audit.ts';
import { withActor, type Actor } from '../context.ts';
import type { Database, Queryable } from '../db.ts';
import { refreshStatistics } from '../statistics.ts';
import { unneutraliseCsvCell } from '../files/csv-cell.ts';
import { cellProblem, storableText } from './decode.ts';
import { FileRejected } from './errors.ts';
import { limitsOf } from './limits.ts';
import { matchColumns } from './columns.ts';
import type { ImportSource, RawRecord } from './sources.ts';
import {
  ImportRejectedError,
  type AnyImportDeclaration,
  type ImportContext,
  type ImportOptions,
  type ImportResult,
  type RowError,
  type SourceRecord,
  type ValidateContext,
  type WriteContext,
  type WriteOutcome,
} from './types.ts';

/** Lets other requests run between batches (the embedded database shares this thread). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a run of the pipeline answers: the result, and how many records the file had. */
export interface ImportRun {
  result: ImportResult;
  records: number;
}

/** Runs an import as `actor` in its own transaction; throws ImportRejectedError when nothing was written. */
export async function runImport(db: Database, actor: Actor, decl: AnyImportDeclaration, source: ImportSource, opts: ImportOptions): Promise<ImportResult> {
  return (await runImportDetailed(db, actor, decl, source, opts)).result;
}

export async function runImportDetailed(db: Database, actor: Actor, decl: AnyImportDeclaration, source: ImportSource, opts: ImportOptions): Promise<ImportRun> {
  const run = await withActor(db, actor, (tx) => runImportIn(tx, actor, decl, source, opts));
  const written = run.result.inserted + run.result.updated;
  if (decl.statistics && written > 0) await refreshStatistics(db, decl.statistics, written);
  return run;
}

const rejectedResult = (errors: RowError[]): ImportResult => ({
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: new Set(errors.map((e) => e.row)).size,
  errors,
  importId: null,
});

/** The import inside the caller's transaction (already `withActor`): the demo loads through it. */
export async function runImportIn(tx: Queryable, actor: Actor, decl: AnyImportDeclaration, source: ImportSource, opts: ImportOptions): Promise<ImportRun> {
  const ctx: ImportContext = { kind: decl.kind, actor, asOf: opts.asOf, skipInvalid: opts.skipInvalid ?? false, fileName: opts.fileName, sha256: opts.sha256 };
  let records = 0;
  const reject = (errors: RowError[]): never => {
    throw new ImportRejectedError(rejectedResult(sortErrors(errors)), records);
  };
  const limits = limitsOf(decl.limits);

  // the file as a whole: columns, then who may import it
  const { index, present, errors: headerErrors } = matchColumns(source, decl);
  if (headerErrors.length > 0) reject(headerErrors);
  if (!decl.access.includes(actor.role)) {
    reject([
      {
        row: 1,
        column: '',
        value: '',
        code: 'import.forbidden',
        params: { role: actor.role, kind: decl.kind },
        message: `the role ${actor.role} may not import ${decl.kind.toUpperCase()}`,
      },
    ]);
  }

  // one import of a kind at a time: the second waits, then sees the first's rows (unchanged, not a duplicate key).
  // No JIT for the rest of the transaction: an import's set-based statements look expensive to the
  // planner (PostGIS functions are costed high), and compiling each of them took longer than running
  // it (0.4 s per statement of 5,000 rows; 9 s of a 100k-row REINFO import). PGlite has no JIT.
  await tx.query("SELECT pg_advisory_xact_lock(7012, hashtext($1)), set_config('jit', 'off', true)", [decl.kind]);
  const prep: unknown = decl.prepare ? await decl.prepare(tx, ctx) : undefined;
  const vctx = { ...ctx, prep, present };
  let reserved: number | null = null;
  const errors: RowError[] = [];
  const total = source.total ?? 0;
  const wctx: WriteContext<unknown> = {
    ...vctx,
    checkOnly: false,
    importId: async () => {
      reserved ??= await openImport(tx, actor, ctx, opts.jobId);
      return reserved;
    },
    progress: (done, all, phase = 'write') => opts.onProgress?.(phase, done, all),
  };
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const add = (o: WriteOutcome | void): void => {
    if (!o) return;
    counts.inserted += o.inserted;
    counts.updated += o.updated;
    counts.unchanged += o.unchanged;
    if (o.errors) errors.push(...o.errors);
  };

  let rows: { row: number }[] = [];
  const batchSize = opts.batchSize ?? decl.batchSize;
  const flush = async (): Promise<void> => {
    let valid = rows;
    rows = [];
    if (decl.checkRows) {
      const crossErrors = decl.checkRows(valid, vctx);
      if (crossErrors.length > 0) {
        errors.push(...crossErrors);
        const bad = new Set(crossErrors.map((e) => e.row));
        valid = valid.filter((r) => !bad.has(r.row));
      }
    }
    wctx.checkOnly = errors.length > 0 && !ctx.skipInvalid;
    if (valid.length > 0 || !batchSize) add(await decl.write(tx, valid, wctx));
    await yieldToEventLoop();
  };
  for await (const raw of source.records()) {
    records += 1;
    const outcome = validateRecord(raw, source, index, present, decl, vctx, limits.maxCellChars);
    if (Array.isArray(outcome)) errors.push(...outcome);
    else rows.push(outcome);
    if (batchSize && rows.length >= batchSize) await flush();
    if (records % 5000 === 0) {
      opts.onProgress?.('validate', records, total);
      await yieldToEventLoop();
    }
  }
  opts.onProgress?.('validate', records, Math.max(total, records));
  await flush();
  wctx.checkOnly = errors.length > 0 && !ctx.skipInvalid;
  if (decl.finish) add(await decl.finish(tx, wctx));
  if (errors.length > 0 && !ctx.skipInvalid) reject(errors);

  const sorted = sortErrors(errors);
  const rejected = new Set(sorted.map((e) => e.row)).size;
  const result: ImportResult = { ...counts, rejected, errors: sorted, importId: reserved };
  // a streamed file's SHA-256 is known once it has been read
  if (reserved !== null) await completeImport(tx, actor, { ...ctx, sha256: opts.sha256 }, reserved, { ...counts, rejected });
  opts.onProgress?.('write', records, records);
  return { result, records };
}

function validateRecord(
  raw: RawRecord,
  source: ImportSource,
  index: ReadonlyMap<string, number>,
  present: ReadonlySet<string>,
  decl: AnyImportDeclaration,
  vctx: ValidateContext<string, unknown>,
  maxCellChars: number,
): { row: number } | RowError[] {
  if (raw.error) return [{ row: raw.row, ...raw.error }];
  const problems = cellErrors(raw, source, maxCellChars);
  if (problems.length > 0) return problems;
  const values: Record<string, string> = {};
  for (const c of Object.keys(decl.columns ?? {})) {
    if (raw.properties) values[c] = present.has(c) ? (raw.properties[source.headers[index.get(c)!]!] ?? '').trim() : '';
    else {
      const i = index.get(c);
      values[c] = i === undefined ? '' : unneutraliseCsvCell((raw.cells[i] ?? '').trim());
    }
  }
  const record: SourceRecord = { row: raw.row, values, cells: raw.cells, json: raw.json, geometry: raw.geometry };
  return decl.validate(record, vctx) as { row: number } | RowError[];
}

/** NUL, control characters, lost letters and over-long cells, each with its row and column. */
function cellErrors(raw: RawRecord, source: ImportSource, maxCellChars: number): RowError[] {
  const out: RowError[] = [];
  const check = (column: string, value: string): void => {
    const p = cellProblem(value);
    if (p) {
      const shown = value.replace(/[\u0000-\u001F\u007F]/g, '\uFFFD').slice(0, 200);
      out.push({ row: raw.row, column, value: shown, message: p.message, code: p.code, params: { at: p.at } });
    } else if (value.length > maxCellChars)
      out.push({
        row: raw.row,
        column,
        value: `${value.slice(0, 50)}…`,
        message: `is longer than ${maxCellChars} characters`,
        code: 'cell.too_long',
        params: { max: maxCellChars },
      });
  };
  if (raw.json !== undefined && source.format === 'jsonl') walkStrings(raw.json, '', check);
  else if (raw.properties) for (const [k, v] of Object.entries(raw.properties)) check(k, v);
  else raw.cells.forEach((v, i) => check(source.headers[i] ?? `#${i + 1}`, v));
  return out;
}

function walkStrings(v: unknown, path: string, check: (column: string, value: string) => void): void {
  if (typeof v === 'string') check(path, v);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, `${path}[${i}]`, check));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walkStrings(x, path ? `${path}.${k}` : k, check);
}

/** By row; a row's errors keep the order the validation found them in. */
export function sortErrors(errors: readonly RowError[]): RowError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.row - b.e.row || a.i - b.i)
    .map(({ e }) => ({ ...e, message: printable(e.message), value: printable(e.value) }));
}

/** Messages and values as they can be stored (jsonb refuses NUL) and shown. */
const printable = (s: string): string => storableText(s).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2400]/g, '\uFFFD');

/** The import's row, written when the first write needs its id (other tables reference it). */
async function openImport(tx: Queryable, actor: Actor, ctx: ImportContext, jobId: number | undefined): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO imports (kind, file_name, sha256, actor, as_of, counts, job_id) VALUES ($1, $2, $3, $4, $5, '{}'::jsonb, $6) RETURNING id::text`,
    [ctx.kind, storableText(ctx.fileName), ctx.sha256, actor.username, ctx.asOf, jobId ?? null],
  );
  return Number(rows[0]!.id);
}

/** Its counts and SHA-256 (known at the end for a streamed file), and the one audit entry of the file. */
async function completeImport(tx: Queryable, actor: Actor, ctx: ImportContext, id: number, counts: Record<string, number>): Promise<void> {
  await tx.query('UPDATE imports SET counts = $2::jsonb, sha256 = $3 WHERE id = $1', [id, JSON.stringify(counts), ctx.sha256]);
  await appendAudit(tx, actor, {
    action: `import.${ctx.kind}`,
    entity: 'import',
    entityId: id,
    regionCode: actor.role === 'regional' ? actor.region : null,
    after: { file: storableText(ctx.fileName), sha256: ctx.sha256, asOf: ctx.asOf, counts },
  });
}

export { FileRejected };
