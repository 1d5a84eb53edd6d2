/** The import pipeline's public API: see README.md. */
// @ts-nocheck

export { defineImport, importSummary, rowError } from './define.ts';
export { importAction, importCommand, processIo, runAction, type CliIo, type ImportCliOptions } from './cli.ts';
export { errorsCsv, rejectedRowsCsvOf, sourceTable, ERRORS_HEADER } from './error-files.ts';
export { FileRejected } from './errors.ts';
export { cellProblem, decodeText, storableText } from './decode.ts';
export { importRoute } from './http.ts';
export { matchColumns } from './columns.ts';
export { runImport, runImportDetailed, runImportIn, sortErrors, yieldToEventLoop, type ImportRun } from './pipeline.ts';
export { fileLines, fileSource, jsonlRecords, openSource, tableSource, type ImportSource, type RawRecord } from './sources.ts';
export * from './limits.ts';
export * from './types.ts';
