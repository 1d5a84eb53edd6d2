/**
 * Spreadsheet bombs: an XLSX is a zip, and 5 MB of zip can hold gigabytes of sheet XML.
 * Before any parsing, the zip's central directory is read (JSZip, without inflating) and
 * the declared uncompressed sizes summed; a workbook past the limit is refused.
 */
// @ts-nocheck

import { FileRejected } from './errors.ts';
import type { ImportLimits } from './limits.ts';

interface ZipEntry {
  dir: boolean;
  name: string;
  _data?: { uncompressedSize?: number; compressedSize?: number };
}

export async function checkXlsxSize(buf: Uint8Array, limits: Pick<ImportLimits, 'maxXlsxUncompressedBytes' | 'maxBytes'>): Promise<void> {
  if (buf.byteLength > limits.maxBytes) throw tooLarge(limits.maxBytes, buf.byteLength);
  const { default: JSZip } = await import('jszip');
  let zip;
  try {
    zip = await JSZip.loadAsync(buf, { checkCRC32: false });
  } catch (err) {
    throw new FileRejected('file.format', `The file is not a valid XLSX workbook: ${(err as Error).message}`);
  }
  let total = 0;
  for (const entry of Object.values(zip.files) as unknown as ZipEntry[]) {
    if (entry.dir) continue;
    const size = entry._data?.uncompressedSize;
    // an unknown or zip64 size cannot be trusted
    if (typeof size !== 'number' || size < 0 || size === 0xffffffff) throw bomb(limits.maxXlsxUncompressedBytes);
    total += size;
    if (total > limits.maxXlsxUncompressedBytes) throw bomb(limits.maxXlsxUncompressedBytes);
  }
  if (!Object.keys(zip.files).some((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
    throw new FileRejected('file.format', 'The file is not an XLSX workbook (no sheet in it)');
}

const MB = 1024 * 1024;
const bomb = (max: number): FileRejected =>
  new FileRejected('file.too_large', `The workbook expands to more than ${Math.round(max / MB)} MB of sheet data: save it as CSV or split it`, {
    maxMegabytes: Math.round(max / MB),
  });
export const tooLarge = (max: number, size: number): FileRejected =>
  new FileRejected('file.too_large', `The file is ${Math.ceil(size / MB)} MB; the limit is ${Math.round(max / MB)} MB`, { maxMegabytes: Math.round(max / MB) });
