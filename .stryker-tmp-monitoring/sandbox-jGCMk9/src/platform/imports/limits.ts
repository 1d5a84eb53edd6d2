/**
 * Size limits of every import (see README.md). A declaration may lower them with
 * `limits`; the HTTP multipart limit is sized from MAX_UPLOAD_BYTES.
 */
// @ts-nocheck

export interface ImportLimits {
  /** Bytes of one uploaded or imported file. */
  maxBytes: number;
  /** Sum of an XLSX's uncompressed zip entries, read from its central directory before parsing. */
  maxXlsxUncompressedBytes: number;
  /** Cells of the first sheet of an XLSX (its declared dimension, and as counted while reading). */
  maxXlsxCells: number;
  /** Records of a CSV, XLSX or GeoJSON file (JSONL is streamed and not bounded). */
  maxRows: number;
  /** Characters of one cell (Excel's own limit). */
  maxCellChars: number;
}

/** The national ledger's parts (the largest real files Veta receives) are under 200 MB. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const MAX_XLSX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024;
export const MAX_XLSX_CELLS = 5_000_000;
export const MAX_ROWS = 2_000_000;
export const MAX_CELL_CHARS = 32_767;

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxXlsxUncompressedBytes: MAX_XLSX_UNCOMPRESSED_BYTES,
  maxXlsxCells: MAX_XLSX_CELLS,
  maxRows: MAX_ROWS,
  maxCellChars: MAX_CELL_CHARS,
};

export function limitsOf(partial: Partial<ImportLimits> | undefined): ImportLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
