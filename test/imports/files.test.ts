/**
 * The pipeline's file handling, pure: encodings decoded without losing a letter (or
 * refused with how to save the file), NUL and control characters named, formula cells
 * neutralised in every CSV written (server and web app), spreadsheet bombs refused
 * before they are parsed.
 */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { safeCsvCell, unneutraliseCsvCell } from '../../src/platform/files/csv-cell.ts';
import { toCsv } from '../../src/platform/files/csv.ts';
import { readCsv, readXlsx } from '../../src/platform/files/tabular.ts';
import { cellProblem, decodeText, storableText } from '../../src/platform/imports/decode.ts';
import { FileRejected } from '../../src/platform/imports/errors.ts';
import { DEFAULT_LIMITS } from '../../src/platform/imports/limits.ts';
import { toCsv as webToCsv } from '../../web/src/ui/csv.ts';
import { bomb, randomBytes } from './fixtures.ts';

const NAME = 'PEÑA NÚÑEZ, José Ángel';
const rejected = (f: () => unknown): FileRejected => {
  try {
    f();
  } catch (err) {
    if (err instanceof FileRejected) return err;
    throw err;
  }
  throw new Error('not rejected');
};

describe('decoding', () => {
  test.each([
    ['UTF-8', Buffer.from(NAME, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NAME, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NAME, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NAME, 'utf16le').swap16()])],
    ['Windows-1252 (Excel "CSV")', Buffer.from(NAME, 'latin1')],
  ])('%s keeps every letter', (_name, bytes) => {
    const { text } = decodeText(bytes);
    expect(text).toBe(NAME);
    expect(text).not.toContain('\uFFFD');
  });

  test('Windows-1252 punctuation (bytes 0x80–0x9F) is read as Windows-1252, not as C1 controls', () => {
    expect(decodeText(Buffer.from([0x93, 0x4f, 0x52, 0x4f, 0x94, 0x20, 0x80, 0x35])).text).toBe('\u201cORO\u201d \u20ac5');
  });

  test('random bytes and BOM-less UTF-16 are refused with how to save the file', () => {
    for (const bytes of [randomBytes(), Buffer.from('RUC,NOMBRE\n20100070970,ORO\n', 'utf16le')]) {
      const err = rejected(() => decodeText(bytes));
      expect(err.code).toBe('file.encoding');
      expect(err.message).toContain('CSV UTF-8');
    }
  });

  test('a file that says UTF-8 (BOM) but is not is refused, never decoded with U+FFFD', () => {
    expect(rejected(() => decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x50, 0xd1, 0x41]))).code).toBe('file.encoding');
  });

  test('a Windows-1252 CSV reads as the spreadsheet shows it', () => {
    const csv = Buffer.from(`RUC;NOMBRE\r\n20100070970;${NAME}\r\n`, 'latin1');
    expect(readCsv(csv).rows).toEqual([{ row: 2, cells: ['20100070970', NAME] }]);
  });

  test('NUL, control characters, lone surrogates and lost letters are named, with their position', () => {
    expect(cellProblem('2010\u00000070970')).toMatchObject({ code: 'cell.nul', at: 5 });
    expect(cellProblem('ab\u0007')).toMatchObject({ code: 'cell.control', at: 3 });
    expect(cellProblem('x\uD800y')).toMatchObject({ code: 'cell.surrogate' });
    expect(cellProblem('PE\uFFFDA')).toMatchObject({ code: 'cell.replacement', at: 3 });
    expect(cellProblem('PEÑA\tNÚÑEZ\r\n😀')).toBeNull();
    expect(storableText('a\u0000b\uD800')).toBe('a\u2400b\uFFFD');
  });
});

describe('formula injection (OWASP): every CSV Veta writes', () => {
  test.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+51 999 888 777', `'+51 999 888 777`],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tTAB', `'\tTAB`],
    ['\rCR', `'\rCR`],
    ['-12.5', '-12.5'],
    ['+3', '+3'],
    ['-0,75', '-0,75'],
    ['-1e3', '-1e3'],
    ['PEÑA', 'PEÑA'],
  ])('%j → %j', (cell, written) => {
    expect(safeCsvCell(cell)).toBe(written);
    expect(unneutraliseCsvCell(written)).toBe(cell);
  });

  test('numbers stay numbers', () => {
    expect(safeCsvCell(-12.5)).toBe('-12.5');
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => safeCsvCell(String(n)) === String(n)));
  });

  test('no written cell starts a formula, and reading it back gives the cell (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const w = safeCsvCell(s);
        const numeric = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/.test(s);
        return (numeric || !/^[=+\-@\t\r]/.test(w)) && (s.startsWith("'") || unneutraliseCsvCell(w) === s);
      }),
    );
  });

  test('the server writer and the web app writer neutralise alike', () => {
    const server = toCsv(['NOMBRE', 'VALOR'], [['=1+1', -12.5]]);
    const web = webToCsv(['NOMBRE', 'VALOR'], [['=1+1', -12.5]]);
    expect(server).toBe("\uFEFFNOMBRE,VALOR\r\n'=1+1,-12.5\r\n");
    expect(web).toBe(server);
  });
});

describe('spreadsheet bombs', () => {
  async function workbook(rows: number, cols: number): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(Array.from({ length: cols }, (_, c) => `C${c}`));
    for (let r = 0; r < rows; r++) ws.addRow(Array.from({ length: cols }, (_, c) => r * cols + c));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('reading stops past the cell limit', async () => {
    const buf = await workbook(200, 10);
    expect((await readXlsx(buf, { ...DEFAULT_LIMITS, maxXlsxCells: 5_000 })).rows).toHaveLength(200);
    const err = await readXlsx(buf, { ...DEFAULT_LIMITS, maxXlsxCells: 1_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRejected);
    expect((err as FileRejected).code).toBe('file.too_many_cells');
  });

  test('a workbook that declares more sheet data than the limit is refused before it is unzipped', async () => {
    const buf = await bomb();
    const before = process.memoryUsage().heapUsed;
    const err = await readXlsx(buf).catch((e: unknown) => e);
    expect((err as FileRejected).code).toBe('file.too_large');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  test('what is not a workbook is a format error, not a crash', async () => {
    expect(((await readXlsx(Buffer.from('PK\u0003\u0004 not a zip')).catch((e: unknown) => e)) as FileRejected).code).toBe('file.format');
  });
});
