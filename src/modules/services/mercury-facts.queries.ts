/**
 * Mercury use per organization and year, as other modules read it (traceability's
 * ECOLOGICAL_CLAIM_WITH_MERCURY): through a security-definer look-up, so the facts are
 * complete whatever region the caller may see. RUCs in, years out.
 */
import type { Queryable } from '../../platform/db.ts';

/**
 * Per RUC among `rucs`, the years in which it recorded processing with mercury: an
 * amalgamating technology (whole ore, concentrate, with retort) or mercury used.
 * RUCs without such a year are absent.
 */
export async function mercuryUseYears(tx: Queryable, rucs: Iterable<string>): Promise<Map<string, Set<number>>> {
  const list = [...new Set(rucs)];
  const out = new Map<string, Set<number>>();
  if (list.length === 0) return out;
  const { rows } = await tx.query<{ ruc: string; year: number }>('SELECT ruc, year FROM veta_mercury_years($1::text[])', [list]);
  for (const r of rows) {
    const years = out.get(r.ruc) ?? new Set<number>();
    years.add(Number(r.year));
    out.set(r.ruc, years);
  }
  return out;
}
