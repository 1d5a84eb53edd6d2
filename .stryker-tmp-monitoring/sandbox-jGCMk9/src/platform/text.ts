/**
 * The key names are matched on: accents and case folded, spacing and punctuation
 * collapsed ("Madre de Dios" = "MADRE DE DIOS" = "madre  de dios"; "Áncash" = "ANCASH").
 * Ñ folds to N like every other accented letter: spreadsheets lose it as often.
 */
// @ts-nocheck

export function nameKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
