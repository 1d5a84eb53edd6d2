/**
 * Origin of a lot (`veta ledger trace`): a primary-key read of the materialized
 * origin vector, the lineage from SQL, and the flags naming its events. And the
 * public lot passport: origin regions and organizations, certification and the
 * chain of custody, read through security-definer functions that never return a
 * natural person's name or RUC.
 */
import type { Queryable } from '../../../platform/db.ts';
import type { Narrow, Row } from '../../../platform/db/schema.generated.ts';
import type { TraceJson } from '../ledger/ledger-contract.schema.ts';
import { flagsOfEvents } from '../flags/flags.service.ts';
import type { CertScheme, Material } from '../ledger/ledger.schema.ts';
import { originShares } from './origin.domain.ts';
import { mgToGrams, ratio } from '../ledger/quantity.domain.ts';
import type { Passport } from '../traceability-api.schema.ts';
import { lineageOf } from '../traceability.queries.ts';

/** The trace contract of a lot, null for an unknown or void lot (a closed lot as it was when it closed). */
export async function traceLot(tx: Queryable, lotId: string, asOf: string): Promise<TraceJson | null> {
  const { lot, lineage } = await lineageOf(tx, lotId, asOf);
  if (!lot || lot.status === 'void') return null;
  const origin = { sites: new Map(lot.origins.map(([site, mg]) => [site, BigInt(mg)])), unknownMg: BigInt(lot.unknown_mg) };
  return {
    lot: lot.id,
    fineGrams: mgToGrams(BigInt(lot.fine_mg)),
    ...originShares(origin),
    certified: lot.certifications.includes('FAIRMINED'),
    flags: await flagsOfEvents(tx, lineage, asOf),
  };
}

/** A ledger event with its parties' labels; fine_mg read as text (exact, for BigInt). */
type ChainRow = Narrow<
  Pick<Row<'ledger_events'>, 'type' | 'date' | 'lot' | 'new_lot' | 'site' | 'claim'>,
  { type: 'produce' | 'transfer' | 'process' | 'export' | 'reverse'; claim: CertScheme | null }
> & {
  fine_mg: string | null;
  country: string | null;
  from_label: string | null;
  from_ruc: string | null;
  from_kind: string | null;
  from_department: string | null;
  from_department_name: string | null;
  to_label: string | null;
  to_ruc: string | null;
  to_kind: string | null;
  to_department: string | null;
  to_department_name: string | null;
};

function party(r: ChainRow, side: 'from' | 'to') {
  const label = r[`${side}_label`];
  if (label === null) return null;
  return {
    label,
    ruc: r[`${side}_ruc`],
    kind: r[`${side}_kind`] ?? 'unknown',
    departmentCode: r[`${side}_department`],
    departmentName: r[`${side}_department_name`],
  };
}

/** The ids among `lots` that have a public passport. */
export async function publicLotIds(tx: Queryable, lots: readonly string[]): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>('SELECT l.id FROM unnest($1::text[]) x(lot), veta_public_lot(x.lot) l', [lots]);
  return rows.map((r) => r.id);
}

/** The public passport of a lot, null for an unknown or void lot. */
export async function lotPassport(tx: Queryable, lotId: string, url: string): Promise<Passport | null> {
  const { rows } = await tx.query<{
    id: string;
    material: Material;
    fine_mg: string;
    unknown_mg: string;
    status: Passport['status'];
    certifications: CertScheme[];
  }>('SELECT id, material, fine_mg::text AS fine_mg, unknown_mg::text AS unknown_mg, status, certifications FROM veta_public_lot($1)', [lotId]);
  const lot = rows[0];
  if (!lot) return null;
  const origins = await tx.query<{ site: string; mg: string; department_code: string | null; department_name: string | null }>(
    `SELECT o.site, o.mg::text AS mg, o.region_code::text AS department_code, d.name AS department_name
     FROM lot_origins o LEFT JOIN departments d ON d.code = o.region_code WHERE o.lot = $1`,
    [lotId],
  );
  const chain = (await tx.query<ChainRow>('SELECT * FROM veta_public_lot_chain($1)', [lotId])).rows.filter((r) => r.type !== 'reverse');
  const producers = new Map<string, Set<string>>();
  for (const r of chain) {
    if (r.type === 'produce' && r.site !== null && r.from_label !== null) producers.set(r.site, (producers.get(r.site) ?? new Set()).add(r.from_label));
  }
  const origin = {
    sites: new Map(origins.rows.map((o) => [o.site, BigInt(o.mg)])),
    unknownMg: BigInt(lot.unknown_mg),
  };
  const shares = originShares(origin);
  const bySite = new Map(origins.rows.map((o) => [o.site, o]));
  const total = BigInt(lot.fine_mg);
  const regions = new Map<string | null, { departmentCode: string | null; departmentName: string | null; mg: bigint }>();
  for (const o of origins.rows) {
    const region = regions.get(o.department_code) ?? { departmentCode: o.department_code, departmentName: o.department_name, mg: 0n };
    regions.set(o.department_code, { ...region, mg: region.mg + BigInt(o.mg) });
  }
  return {
    lot: lot.id,
    material: lot.material,
    fineGrams: mgToGrams(total),
    status: lot.status,
    certifications: lot.certifications,
    certified: lot.certifications.includes('FAIRMINED'),
    origins: shares.origins.map((o) => ({
      ...o,
      departmentCode: bySite.get(o.site)?.department_code ?? null,
      departmentName: bySite.get(o.site)?.department_name ?? null,
      producers: [...(producers.get(o.site) ?? [])].sort(),
    })),
    unknownShare: shares.unknownShare,
    regions: [...regions.values()]
      .map((r) => ({ departmentCode: r.departmentCode, departmentName: r.departmentName, share: ratio(r.mg, total) }))
      .sort((a, b) => b.share - a.share),
    chain: chain.map((r) => ({
      date: r.date,
      type: r.type as Passport['chain'][number]['type'],
      lot: r.lot,
      newLot: r.new_lot,
      fineGrams: r.fine_mg === null ? null : mgToGrams(BigInt(r.fine_mg)),
      claim: r.claim,
      country: r.country,
      from: party(r, 'from'),
      to: party(r, 'to'),
    })),
    url,
  };
}
