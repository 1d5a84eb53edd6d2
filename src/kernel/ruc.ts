/** SUNAT's RUC rules: shared by the registry (imports) and the platform (users). Pure. */

const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * SUNAT's check digit of an 11-digit RUC (módulo 11 with weights 5432765432 on the
 * first ten digits; 10 → 0, 11 → 1).
 */
export function rucCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * RUC_WEIGHTS[i]!;
  const d = 11 - (sum % 11);
  return d === 10 ? 0 : d === 11 ? 1 : d;
}

/** RUC: 11 digits, a known prefix (10 natural person, 15/16/17 other persons, 20 company) and SUNAT's check digit. */
export function isValidRuc(ruc: string): boolean {
  if (!/^(10|15|16|17|20)\d{9}$/.test(ruc)) return false;
  return rucCheckDigit(ruc.slice(0, 10)) === Number(ruc[10]);
}

/** Completes the first ten digits of a RUC with its check digit. */
export const withCheckDigit = (first10: string): string => first10 + String(rucCheckDigit(first10));
