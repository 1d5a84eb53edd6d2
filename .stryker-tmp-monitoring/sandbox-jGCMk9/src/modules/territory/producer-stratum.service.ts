/** The Law 27651 stratum of a producer from every right it holds or works (registry's rights and inscriptions, as the caller may see them). */
// @ts-nocheck

import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { stratumRules } from '../registry/registry.queries.ts';
import { deriveProducerStratum, type HeldRight, type ProducerStratumResult, type Substance } from '../registry/strata.domain.ts';

export async function producerStratum(
  db: Database,
  actor: Actor,
  ruc: string,
  date: string,
): Promise<ProducerStratumResult & { ruc: string; held: HeldRight[] }> {
  return withActor(db, actor, async (tx) => {
    const { rows } = await tx.query<{ code: string; hectares: string | null; capacity: string | null; substance: Substance; holder: boolean }>(
      `SELECT r.code, r.hectares::text, r.capacity::text, r.substance, coalesce(r.holder_ruc = $1, false) AS holder
       FROM mining_rights r
       WHERE r.holder_ruc = $1 OR EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.mining_right_id = r.id AND i.ruc = $1 AND i.status <> 'excluido')
       ORDER BY r.code`,
      [ruc],
    );
    const held: HeldRight[] = rows.map((r) => ({
      code: r.code,
      hectares: r.hectares === null ? null : Number(r.hectares),
      capacity: r.capacity === null ? null : Number(r.capacity),
      substance: r.substance,
      title: r.holder ? 'holder' : 'contract',
    }));
    return { ruc, held, ...deriveProducerStratum(await stratumRules(tx), held, date) };
  });
}
