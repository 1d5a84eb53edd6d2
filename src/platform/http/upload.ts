import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { readCsv, readXlsx, TableFormatError, type Table } from '../files/tabular.ts';
import { badRequest } from './problem.ts';

export interface Upload {
  fileName: string;
  bytes: Buffer;
  sha256: string;
  /** A text form field sent with the file (fields before the file part). */
  field(name: string): string | undefined;
}

/** The multipart field "file" of an upload, with its SHA-256 and the other form fields. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const file = await req.file();
  if (!file) throw badRequest('Send the file as the multipart field "file".');
  const bytes = await file.toBuffer();
  return {
    fileName: file.filename,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    field: (name) => {
      const f = file.fields[name];
      const v = Array.isArray(f) ? f[0] : f;
      return v && 'value' in v ? String(v.value) : undefined;
    },
  };
}

/** An uploaded CSV or XLSX as a table; an unreadable file is a 400 problem. */
export async function uploadedTable(upload: Upload): Promise<Table> {
  try {
    return /\.xlsx$/i.test(upload.fileName) ? await readXlsx(upload.bytes) : readCsv(upload.bytes);
  } catch (err) {
    if (err instanceof TableFormatError) throw badRequest(err.message);
    throw err;
  }
}
