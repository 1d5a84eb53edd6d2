import type { ElementRow, IndicatorRow, Level, MatrixRow } from '../monitoring.schema.ts';

/**
 * The structure of a national policy (CEPLAN): priority objectives OP.x with their
 * indicators IOP.x.y; guidelines LN.x.y of objective OP.x, services SS.x.y.z of guideline
 * LN.x.y, and service indicators ISS.x.y.z.w of service SS.x.y.z. The parent of each
 * element follows from its code.
 */

const SEGMENTS: Record<Level, number> = { OP: 1, IOP: 2, LN: 2, SS: 3, ISS: 4 };

/** The level a code is written for, or `null` when the code has no CEPLAN shape. */
export function levelOfCode(code: string): Level | null {
  const match = /^(OP|IOP|LN|SS|ISS)((?:\.\d+)+)$/.exec(code);
  if (!match) return null;
  const level = match[1] as Level;
  const segments = (match[2] ?? '').split('.').length - 1;
  return segments === SEGMENTS[level] ? level : null;
}

/**
 * The code of the parent element (ISS.01.02.01.01 → SS.01.02.01 → LN.01.02 → OP.01;
 * IOP.01.01 → OP.01), or `null` for an objective or a malformed code.
 */
export function parentCode(code: string): string | null {
  const level = levelOfCode(code);
  if (level === null || level === 'OP') return null;
  const numbers = code.split('.').slice(1);
  switch (level) {
    case 'IOP':
    case 'LN':
      return `OP.${numbers[0]}`;
    case 'SS':
      return `LN.${numbers.slice(0, 2).join('.')}`;
    case 'ISS':
      return `SS.${numbers.slice(0, 3).join('.')}`;
  }
}

/** The priority objective an element belongs to (its first number), or `null`. */
export function objectiveCodeOf(code: string): string | null {
  if (levelOfCode(code) === null) return null;
  return `OP.${code.split('.')[1]}`;
}

export function isIndicatorRow(row: MatrixRow): row is IndicatorRow {
  return row.level === 'IOP' || row.level === 'ISS';
}

export function isElementRow(row: MatrixRow): row is ElementRow {
  return !isIndicatorRow(row);
}

/** The display name of any row. */
export function rowName(row: MatrixRow): string {
  return isIndicatorRow(row) ? row.sheet.name : row.name;
}

/** Codes whose parent is not in the matrix, with the missing parent. */
export function missingParents(codes: readonly string[]): { code: string; parent: string }[] {
  const present = new Set(codes);
  const missing: { code: string; parent: string }[] = [];
  for (const code of codes) {
    const parent = parentCode(code);
    if (parent !== null && !present.has(parent)) missing.push({ code, parent });
  }
  return missing;
}
