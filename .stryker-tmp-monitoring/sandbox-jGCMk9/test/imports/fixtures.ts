/** Hostile files for the import tests. */
// @ts-nocheck

import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** A deterministic 4 KB of "random" bytes (a linear congruential generator). */
export function randomBytes(n = 4096, seed = 19): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * A small XLSX whose sheet entry declares 1 GB uncompressed (the central directory is
 * what the guard reads; a real bomb's 5 MB deflate to 1.26 GB the same way).
 */
export async function bomb(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('A').addRow(['RUC', 'NOMBRE']);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file('xl/worksheets/sheet1.xml', `<worksheet>${'<!-- padding -->'.repeat(1000)}</worksheet>`, { compression: 'STORE' });
  const buf = Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
  // patch the uncompressed size of that entry in the central directory (signature PK\1\2, size at +24)
  for (let i = buf.indexOf('PK\u0001\u0002', 0, 'latin1'); i >= 0; i = buf.indexOf('PK\u0001\u0002', i + 4, 'latin1')) {
    const nameLength = buf.readUInt16LE(i + 28);
    if (buf.toString('latin1', i + 46, i + 46 + nameLength) === 'xl/worksheets/sheet1.xml') buf.writeUInt32LE(1_000_000_000, i + 24);
  }
  return buf;
}
