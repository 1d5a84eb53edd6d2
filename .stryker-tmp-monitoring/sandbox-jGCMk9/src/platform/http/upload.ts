// @ts-nocheck
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { FileRejected } from '../imports/errors.ts';
import { MAX_UPLOAD_BYTES } from '../imports/limits.ts';
import type { Table } from '../files/tabular.ts';
import { readCsv, readXlsx } from '../files/tabular.ts';
import { HttpProblem, badRequest } from './problem.ts';

export interface Upload {
  fileName: string;
  bytes: Buffer;
  sha256: string;
  /** A text form field sent with the file (fields before the file part). */
  field(name: string): string | undefined;
}

/**
 * The multipart field "file" of an upload, with its SHA-256 and the other form fields.
 * A body cut short or malformed is a 400 (busboy's errors carry no status: they were 500s);
 * a file past the limit is a 413.
 */
export async function readUpload(req: FastifyRequest, maxBytes = MAX_UPLOAD_BYTES): Promise<Upload> {
  let file;
  let bytes: Buffer;
  try {
    file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!file) throw badRequest('Send the file as the multipart field "file".');
    bytes = await file.toBuffer();
  } catch (err) {
    throw uploadProblem(err);
  }
  const fields = file.fields;
  return {
    fileName: file.filename,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    field: (name) => {
      const f = fields[name];
      const v = Array.isArray(f) ? f[0] : f;
      return v && 'value' in v ? String(v.value) : undefined;
    },
  };
}

function uploadProblem(err: unknown): Error {
  if (err instanceof HttpProblem) return err;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status === 413)
    return new HttpProblem(413, 'Content Too Large', `The file is larger than the limit (${Math.round(MAX_UPLOAD_BYTES / 1048576)} MB).`);
  if (typeof status === 'number' && status < 500) return badRequest(`The upload could not be read: ${(err as Error).message}`);
  return badRequest(`The upload could not be read (the multipart body is incomplete or malformed): ${(err as Error).message ?? String(err)}`);
}

/** An uploaded CSV or XLSX as a table; an unreadable file is a 400 problem with its code. */
export async function uploadedTable(upload: Upload): Promise<Table> {
  try {
    return /\.xlsx$/i.test(upload.fileName) ? await readXlsx(upload.bytes) : readCsv(upload.bytes);
  } catch (err) {
    throw fileProblem(err);
  }
}

/** A file the pipeline refused before reading it (encoding, format, size) as a 400 with its code and params. */
export function fileProblem(err: unknown): unknown {
  if (err instanceof FileRejected) {
    return new HttpProblem(400, 'Bad Request', err.message, { code: err.code, params: err.params, errors: [{ path: 'file', message: err.message }] });
  }
  return err;
}
