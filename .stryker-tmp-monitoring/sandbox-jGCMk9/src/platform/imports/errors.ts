// @ts-nocheck
import type { RowError } from './types.ts';

/** A file that cannot be read at all (encoding, format, limits): one error at row 1. */
export class FileRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'FileRejected';
  }

  toRowError(): RowError {
    return { row: 1, column: '', value: '', message: this.message, code: this.code, params: this.params };
  }
}
