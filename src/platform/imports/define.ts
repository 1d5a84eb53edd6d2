import type { AnyImportDeclaration, ImportDeclaration, ImportResult, RowError, SourceRecord } from './types.ts';

/** Declares an import (keeps its column names and row type checked). */
export function defineImport<C extends string, Row extends { row: number }, P = undefined>(decl: ImportDeclaration<C, Row, P>): ImportDeclaration<C, Row, P> {
  return decl;
}

/** A RowError for a record's column, with the cell's value. */
export function rowError<C extends string>(
  record: Pick<SourceRecord<C>, 'row' | 'values'>,
  column: C | '',
  code: string,
  message: string,
  params?: Record<string, string | number>,
): RowError {
  return { row: record.row, column, value: column === '' ? '' : (record.values[column] ?? ''), message, code, ...(params ? { params } : {}) };
}

/** The JSON of a result (`--json`, and the upload job's result): the declaration's, or counts and errors. */
export function importSummary(decl: AnyImportDeclaration, result: ImportResult, records: number): unknown {
  if (decl.summary) return decl.summary(result, records);
  const { importId: _id, ...out } = result;
  return out;
}
