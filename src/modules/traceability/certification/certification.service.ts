/**
 * Certificates of organizations and the Fairmined premium: accrued on certified
 * sales (the pure premiumAccruals over the claimed transfers), invested by the
 * organizations' premium committees, and what is left. Writes are audited.
 */
import { appendAudit } from '../../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../../platform/context.ts';
import type { Database, Queryable } from '../../../platform/db.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/errors.ts';
import {
  availablePremium,
  premiumAccruals,
  premiumSummary,
  usdToCents,
  type PremiumAccrual,
  type PremiumInvestment,
  type PremiumRate,
} from './certification.domain.ts';
import type { CertificateInput, PremiumInvestmentInput } from '../ledger/ledger-contract.schema.ts';
import { certificatesOf, loadContext } from '../ledger/ledger-context.queries.ts';
import { readingAll } from '../ledger/ledger-scope.queries.ts';
import { LIST, list, loadEntriesWhere, loadLots, partialState } from '../ledger/ledger-state.queries.ts';
import type { PremiumJson } from '../traceability-api.schema.ts';

async function organizationRegion(tx: Queryable, ruc: string): Promise<string | null> {
  const { rows } = await tx.query<{ producer: boolean; region_code: string | null }>(`SELECT producer, region_code FROM veta_ledger_actors(${LIST(1)})`, [
    list([ruc]),
  ]);
  const found = rows[0];
  if (!found?.producer) {
    throw new ValidationError('unknown_organization', `${ruc} is not a mining organization or producer of the registry`, { ruc }, [
      { path: 'organization', message: 'unknown' },
    ]);
  }
  return found.region_code;
}

/** Row-level security refuses the write: the caller may not act for that region or organization. */
function forbiddenOnRls(err: unknown): never {
  if (err instanceof Error && /row-level security/.test(err.message))
    throw new ForbiddenError('organization_out_of_scope', 'You may not record this for that organization.');
  throw err;
}

export async function recordCertificate(db: Database, actor: Actor, input: CertificateInput): Promise<void> {
  await withActor(db, actor, async (tx) => {
    const region = await organizationRegion(tx, input.organization);
    await tx
      .query(`INSERT INTO certificates (organization_ruc, scheme, valid_from, valid_to, sites, region_code, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        input.organization,
        input.scheme,
        input.from,
        input.to,
        input.sites ?? null,
        region,
        actor.username,
      ])
      .catch(forbiddenOnRls);
    await appendAudit(tx, actor, { action: 'certificate.add', entity: 'certificate', entityId: input.organization, regionCode: region, after: input });
  });
}

/** Every premium record of one organization, whatever the caller may see; only its totals leave the service. */
function allPremiumRecords(tx: Queryable, organization: string) {
  return readingAll(tx, () => premiumRecords(tx, null, null, organization));
}

/**
 * Records an investment of an organization's premium committee, audited. Refused (409)
 * when it exceeds the premium available on its date (certification.domain.ts
 * availablePremium); investments of one organization are serialized so that two at
 * once cannot both spend the same premium.
 */
export async function recordInvestment(db: Database, actor: Actor, input: PremiumInvestmentInput): Promise<void> {
  await withActor(db, actor, async (tx) => {
    const region = await organizationRegion(tx, input.organization);
    await tx.query('SELECT pg_advisory_xact_lock(7007, hashtext($1))', [input.organization]);
    const cents = usdToCents(input.amountUsd);
    // Written first, so that row-level security refuses a caller who may not invest for the
    // organization (403) before anything about its premium is told; checked after, in the same
    // transaction (a refusal rolls the row back).
    await tx
      .query(
        `INSERT INTO premium_investments (organization_ruc, date, project, category, amount_cents, region_code, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [input.organization, input.date, input.project, input.category, cents.toString(), region, actor.username],
      )
      .catch(forbiddenOnRls);
    const { accruals, investments } = await allPremiumRecords(tx, input.organization);
    const left = availablePremium(accruals, investments, input.organization, input.date);
    if (left < 0n) {
      const availableUsd = Number(left + cents) / 100;
      throw new ConflictError(
        'premium_exceeded',
        `The investment (USD ${input.amountUsd}) exceeds the premium available to ${input.organization} on ${input.date} (USD ${availableUsd}).`,
        { organization: input.organization, date: input.date, amountUsd: input.amountUsd, availableUsd },
      );
    }
    await appendAudit(tx, actor, {
      action: 'premium.investment',
      entity: 'premium_investment',
      entityId: input.organization,
      regionCode: region,
      after: input,
    });
  });
}

export async function listCertificates(db: Database, actor: Actor, organization: string | null) {
  const certificates = await withActor(db, actor, (tx) => certificatesOf(tx, organization === null ? null : [organization]));
  return certificates.map((c) => ({ organization: c.organization, scheme: c.scheme, from: c.from, to: c.to, sites: c.sites ? [...c.sites] : null }));
}

const cents = (value: bigint): number => Number(value) / 100;

/** The premium accruals (from the certified sales) and the investments of the optional period and organization. */
async function premiumRecords(
  tx: Queryable,
  from: string | null,
  to: string | null,
  organization: string | null,
): Promise<{ accruals: PremiumAccrual[]; investments: PremiumInvestment[] }> {
  const entries = await loadEntriesWhere(
    tx,
    `e.type = 'transfer' AND e.claim IN ('FAIRMINED', 'FAIRMINED_ECOLOGICAL') AND e.held_lot IS NOT NULL
     AND ($1::date IS NULL OR e.date >= $1) AND ($2::date IS NULL OR e.date <= $2) AND ($3::text IS NULL OR e.from_ruc = $3)`,
    [from, to, organization],
  );
  const transfers = [...entries.values()].flatMap((e) => (e.type === 'transfer' ? [e] : []));
  // the sales the caller sees; the lots they made, whoever holds them now (their certification decides)
  const lots = await readingAll(tx, () =>
    loadLots(
      tx,
      transfers.flatMap((e) => (e.heldLot === null ? [] : [e.heldLot])),
      0,
    ),
  );
  const sellers = [...new Set(transfers.map((e) => e.event.from))];
  // the buyers too: premium accrues only on a sale to a buyer registered in RECPO
  const parties = [...new Set([...sellers, ...transfers.map((e) => e.event.to)])];
  const { context } = await loadContext(tx, parties, [], { full: true, asOf: to ?? '9999-12-31' });
  const certificates = await certificatesOf(tx, sellers);
  const rates = (
    await tx.query<{ scheme: PremiumRate['scheme']; valid_from: string; usd_per_kg: string }>('SELECT scheme, valid_from, usd_per_kg FROM premium_rates')
  ).rows.map((r): PremiumRate => ({ scheme: r.scheme, from: r.valid_from, usdPerKg: Number(r.usd_per_kg) }));
  const accruals = premiumAccruals(partialState(entries, lots), context.actors, certificates, rates);
  const { rows } = await tx.query<{ organization_ruc: string; date: string; project: string; category: PremiumInvestment['category']; amount_cents: string }>(
    `SELECT organization_ruc, date, project, category, amount_cents::text AS amount_cents FROM premium_investments
     WHERE ($1::date IS NULL OR date >= $1) AND ($2::date IS NULL OR date <= $2) AND ($3::text IS NULL OR organization_ruc = $3)
     ORDER BY date, id`,
    [from, to, organization],
  );
  const investments = rows.map((r) => ({
    organization: r.organization_ruc,
    date: r.date,
    project: r.project,
    category: r.category,
    cents: BigInt(r.amount_cents),
  }));
  return { accruals, investments };
}

/** Premium accrued, invested and available per organization, within the optional period. */
export function premiumOf(db: Database, actor: Actor, from: string | null, to: string | null, organization: string | null): Promise<PremiumJson> {
  return withActor(db, actor, (tx) => premiumIn(tx, from, to, organization));
}

async function premiumIn(tx: Queryable, from: string | null, to: string | null, organization: string | null): Promise<PremiumJson> {
  const { accruals, investments } = await premiumRecords(tx, from, to, organization);
  const summary = premiumSummary(accruals, investments, from, to);
  const { rows: parties } = await tx.query<{ ruc: string; label: string }>(`SELECT ruc, label FROM veta_public_parties(${LIST(1)})`, [
    list(summary.map((x) => x.organization)),
  ]);
  const names = new Map(parties.map((r) => [r.ruc, r.label]));
  return {
    organizations: summary.map((s) => ({
      organization: s.organization,
      name: names.get(s.organization) ?? null,
      accruedUsd: cents(s.accruedCents),
      investedUsd: cents(s.investedCents),
      availableUsd: cents(s.availableCents),
      investedByCategory: Object.fromEntries(
        Object.entries(s.investedByCategory).map(([k, v]) => [k, cents(v)]),
      ) as PremiumJson['organizations'][number]['investedByCategory'],
    })),
    accruals: accruals.map((a) => ({
      organization: a.organization,
      eventId: a.eventId,
      date: a.date,
      scheme: a.scheme,
      fineGrams: Number(a.fineMg) / 1000,
      usdPerKg: a.usdPerKg,
      usd: cents(a.cents),
    })),
    investments: investments.map((i) => ({ organization: i.organization, date: i.date, project: i.project, category: i.category, amountUsd: cents(i.cents) })),
  };
}
