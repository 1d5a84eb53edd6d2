/**
 * Bytes → text without losing a letter: UTF-8 (with or without BOM), UTF-16 (with BOM)
 * and Windows-1252 / Latin-1 (what Excel on Windows saves as "CSV") are decoded; anything
 * else is refused with a message saying how to save the file. Decoding is strict: no
 * U+FFFD is ever produced. Cells are checked for NUL and other control characters.
 */
import { FileRejected } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const SAVE_AS = 'save it from Excel as "CSV UTF-8 (delimitado por comas)" or as XLSX and try again';

/** Characters a Windows-1252 file never holds: C0 controls other than tab/LF/CR, DEL, and the five bytes 1252 leaves undefined. */
const NOT_1252_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0081\u008D\u008F\u0090\u009D]/;

/** The file's text and the encoding it was read in; a file that is not text is refused (`file.encoding`). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: Windows-1252 maps every byte, so decide by what the text would contain
  }
  if (utf8 !== null) {
    // one NUL is a damaged cell (reported with its row and column); a NUL every other byte is UTF-16 without its BOM
    const nuls = utf8.length - utf8.replaceAll('\u0000', '').length;
    if (nuls > 8 && nuls * 4 > utf8.length) throw new FileRejected('file.encoding', `The file looks like UTF-16 text without its byte-order mark: ${SAVE_AS}`);
    return { text: utf8, encoding: 'utf-8' };
  }
  const text = windows1252(bytes);
  const bad = NOT_1252_TEXT.exec(text);
  if (bad) {
    throw new FileRejected('file.encoding', `The file is neither UTF-8 nor Windows-1252 text (byte ${bad.index + 1} is not a letter): ${SAVE_AS}`, {
      byte: bad.index + 1,
    });
  }
  return { text, encoding: 'windows-1252' };
}

/**
 * Windows-1252 per the WHATWG Encoding Standard. Node's TextDecoder('windows-1252') is
 * ISO-8859-1 on some ICU builds (0x93 became U+0093, not “), so bytes 0x80–0x9F are mapped here.
 */
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
function windows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

function strict(encoding: TextEncoding, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new FileRejected('file.encoding', `The file says it is ${encoding.toUpperCase()} but is not: ${SAVE_AS}`, { encoding });
  }
}

/** A streaming strict UTF-8 decoder (JSONL is UTF-8 by definition); a bad byte is `file.encoding`. */
export function utf8Stream(): { write(chunk: Uint8Array): string; end(): string } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const run = (f: () => string): string => {
    try {
      return f();
    } catch {
      throw new FileRejected('file.encoding', `The file is not UTF-8 text: ${SAVE_AS.replace('CSV UTF-8 (delimitado por comas)" or as XLSX', 'UTF-8"')}`);
    }
  };
  return { write: (chunk) => run(() => decoder.decode(chunk, { stream: true })), end: () => run(() => decoder.decode()) };
}

export type CellProblem = { code: 'cell.nul' | 'cell.control' | 'cell.replacement' | 'cell.surrogate'; message: string; at: number };

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Any character one of the checks below may refuse (controls, surrogates, U+FFFD). */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFD]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What a cell must not hold: a NUL (PostgreSQL refuses it in text), another control
 * character, a lone surrogate, or U+FFFD — a letter an earlier conversion already lost.
 */
export function cellProblem(value: string): CellProblem | null {
  // one pass for the usual clean cell; the precise checks below say which problem it is
  if (!SUSPECT.test(value)) return null;
  const c = CONTROL.exec(value);
  if (c) {
    return c[0] === '\u0000'
      ? { code: 'cell.nul', message: 'contains a NUL byte (the file is damaged or not text)', at: c.index + 1 }
      : {
          code: 'cell.control',
          message: `contains the control character U+${c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
          at: c.index + 1,
        };
  }
  const s = LONE_SURROGATE.exec(value);
  if (s) return { code: 'cell.surrogate', message: 'contains an invalid character (a lone UTF-16 surrogate)', at: s.index + 1 };
  const r = value.indexOf('\uFFFD');
  if (r >= 0) return { code: 'cell.replacement', message: `contains "\uFFFD" where a letter was lost by an earlier conversion: ${SAVE_AS}`, at: r + 1 };
  return null;
}

/** Text safe to store in PostgreSQL (jsonb and text refuse NUL; lone surrogates break JSON): for messages and job records. */
export function storableText(value: string): string {
  return value.replace(/\u0000/g, '\u2400').replace(/[\uD800-\uDFFF]/g, (ch, i: number, s: string) => {
    const code = ch.charCodeAt(0);
    const pair = code < 0xdc00 ? /[\uDC00-\uDFFF]/.test(s[i + 1] ?? '') : /[\uD800-\uDBFF]/.test(s[i - 1] ?? '');
    return pair ? ch : '\uFFFD';
  });
}
