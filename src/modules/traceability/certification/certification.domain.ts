/**
 * Certification chain of custody and the Fairmined premium. Certificates belong
 * to organizations (Fairmined, Fairmined Ecological, CRAFT progress) with a
 * validity. Gold produced while the producer's certificate is valid is certified
 * under it; a lot stays certified only while every input is certified and the
 * lot is segregated (no untracked gold mixed in). Fairmined Ecological implies
 * Fairmined. Source: Fairmined Standard for Gold from ASM (ARM), premium of
 * USD 4,000 per kg of fine gold, USD 6,000 for Ecological gold (which replaces it).
 */
import { isWithin, type IsoDate } from '../../../kernel/peru-date.ts';
import type { CertScheme } from '../ledger/ledger.schema.ts';
import { recpoValidOn } from '../origin/registry-facts.domain.ts';
import { liveEntries, type ActorInfo, type LedgerState } from '../ledger/ledger.state.ts';
import { decimalOf, roundHalfUp, roundedProduct, type Mg } from '../ledger/quantity.domain.ts';

/** A certificate of an organization; `sites` limits it to some mining rights. */
export interface Certificate {
  readonly organization: string;
  readonly scheme: CertScheme;
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly sites?: readonly string[];
}

/** True when the certificate is valid on `date` (both ends inclusive). */
export function isCertificateValidOn(certificate: Certificate, date: IsoDate): boolean {
  return isWithin(date, certificate.from, certificate.to);
}

const IMPLIED: Readonly<Record<CertScheme, readonly CertScheme[]>> = {
  FAIRMINED: ['FAIRMINED'],
  FAIRMINED_ECOLOGICAL: ['FAIRMINED', 'FAIRMINED_ECOLOGICAL'],
  CRAFT: ['CRAFT'],
};

function sortedSchemes(schemes: Iterable<CertScheme>): CertScheme[] {
  return [...new Set(schemes)].sort();
}

/** Schemes gold produced by `actor` at `site` on `date` is certified under. */
export function producedCertifications(certificates: readonly Certificate[], actor: string, site: string, date: IsoDate): CertScheme[] {
  return sortedSchemes(
    certificates
      .filter((c) => c.organization === actor && isCertificateValidOn(c, date) && (c.sites?.includes(site) ?? true))
      .flatMap((c) => IMPLIED[c.scheme]),
  );
}

/** Certification of a merge: the schemes every input has; none when untracked gold is mixed in. */
export function mergedCertifications(inputs: readonly (readonly CertScheme[])[], untrackedMg: Mg): CertScheme[] {
  if (untrackedMg > 0n || inputs.length === 0) return [];
  const [first = [], ...rest] = inputs;
  return sortedSchemes(first.filter((scheme) => rest.every((input) => input.includes(scheme))));
}

/** True when a lot certified under `certifications` may be sold with `claim`. */
export function supportsClaim(certifications: readonly CertScheme[], claim: CertScheme): boolean {
  return certifications.includes(claim);
}

/** A dated premium rate: it applies from `from` until the next rate of the scheme. */
export interface PremiumRate {
  readonly scheme: 'FAIRMINED' | 'FAIRMINED_ECOLOGICAL';
  readonly from: IsoDate;
  readonly usdPerKg: number;
}

/** Fairmined Standard rates (the Ecological rate replaces, not adds to, the standard one). */
export const DEFAULT_PREMIUM_RATES: readonly PremiumRate[] = [
  { scheme: 'FAIRMINED', from: '2014-01-01', usdPerKg: 4000 },
  { scheme: 'FAIRMINED_ECOLOGICAL', from: '2014-01-01', usdPerKg: 6000 },
];

/** The rate of a scheme in force on `date`, or null. */
export function premiumRateOn(rates: readonly PremiumRate[], scheme: CertScheme, date: IsoDate): PremiumRate | null {
  return rates.filter((rate) => rate.scheme === scheme && rate.from <= date).sort((a, b) => (a.from < b.from ? 1 : -1))[0] ?? null;
}

/** Premium in USD cents for `fineMg` at `usdPerKg`: `round(mg × rate × 100 / 10⁶)`, half-up. */
export function premiumCents(fineMg: Mg, usdPerKg: number): bigint {
  const rate = decimalOf(usdPerKg);
  return roundHalfUp(fineMg * rate.units * 100n, 1_000_000n * 10n ** BigInt(rate.scale));
}

/** Premium owed to a producing organization for one certified sale. */
export interface PremiumAccrual {
  readonly organization: string;
  readonly eventId: string;
  readonly date: IsoDate;
  readonly scheme: CertScheme;
  readonly fineMg: Mg;
  readonly usdPerKg: number;
  readonly cents: bigint;
}

/**
 * Premium accrued by producing organizations: a live transfer claimed Fairmined
 * or Fairmined Ecological, of a lot certified under that claim, sold by a
 * producer holding a valid certificate of that scheme on the date, to a buyer
 * registered in RECPO on that date. The claimed scheme decides the rate.
 *
 * No premium accrues on a sale to an unregistered buyer. The Fairmined premium is
 * paid by the buyer within the Fairmined supply chain (Fairmined Standard for Gold
 * from ASM v2.0, Trade section: certified gold is sold to registered Fairmined
 * buyers, who pay the price and the premium), and in Peru a buyer of gold from
 * small-scale and artisanal miners must be registered in RECPO (DS 012-2012-EM,
 * DL 1107): a sale to an unregistered buyer is neither a Fairmined sale nor a
 * lawful one, so nothing is owed under the scheme (the sale is flagged
 * BUYER_NOT_REGISTERED instead).
 */
export function premiumAccruals(
  state: LedgerState,
  actors: ReadonlyMap<string, ActorInfo>,
  certificates: readonly Certificate[],
  rates: readonly PremiumRate[] = DEFAULT_PREMIUM_RATES,
): PremiumAccrual[] {
  const accruals: PremiumAccrual[] = [];
  for (const entry of liveEntries(state)) {
    if (entry.type !== 'transfer' || entry.heldLot === null) continue;
    const { claim, from, date, id } = entry.event;
    if (claim === undefined || actors.get(from)?.kind !== 'producer') continue;
    const lot = state.lots.get(entry.heldLot);
    const certified = certificates.some((c) => c.organization === from && IMPLIED[c.scheme].includes(claim) && isCertificateValidOn(c, date));
    const rate = premiumRateOn(rates, claim, date);
    const buyer = actors.get(entry.event.to);
    if (!lot || !supportsClaim(lot.certifications, claim) || !certified || !rate || !buyer || !recpoValidOn(buyer, date)) continue;
    const cents = premiumCents(entry.fineMg, rate.usdPerKg);
    accruals.push({ organization: from, eventId: id, date, scheme: claim, fineMg: entry.fineMg, usdPerKg: rate.usdPerKg, cents });
  }
  return accruals;
}

export const PREMIUM_CATEGORIES = ['organization', 'workers', 'community', 'environment', 'productive'] as const;
type PremiumCategory = (typeof PREMIUM_CATEGORIES)[number];

/** An investment recorded by an organization's premium committee. */
export interface PremiumInvestment {
  readonly organization: string;
  readonly date: IsoDate;
  readonly project: string;
  readonly category: PremiumCategory;
  readonly cents: bigint;
}

/** Premium accrued, invested and still available per organization within `[from, to]`. */
interface PremiumSummary {
  readonly organization: string;
  readonly accruedCents: bigint;
  readonly investedCents: bigint;
  readonly availableCents: bigint;
  readonly investedByCategory: Readonly<Record<PremiumCategory, bigint>>;
}

/** Premium fund per organization: accrued − invested, with investments by category. */
export function premiumSummary(
  accruals: readonly PremiumAccrual[],
  investments: readonly PremiumInvestment[],
  from: IsoDate | null = null,
  to: IsoDate | null = null,
): PremiumSummary[] {
  const organizations = new Set([...accruals, ...investments].filter((x) => isWithin(x.date, from, to)).map((x) => x.organization));
  return [...organizations].sort().map((organization) => {
    const accruedCents = accruals.filter((a) => a.organization === organization && isWithin(a.date, from, to)).reduce((sum, a) => sum + a.cents, 0n);
    const byCategory = Object.fromEntries(PREMIUM_CATEGORIES.map((c) => [c, 0n])) as Record<PremiumCategory, bigint>;
    for (const investment of investments) {
      if (investment.organization !== organization || !isWithin(investment.date, from, to)) continue;
      byCategory[investment.category] += investment.cents;
    }
    const investedCents = Object.values(byCategory).reduce((sum, cents) => sum + cents, 0n);
    return { organization, accruedCents, investedCents, availableCents: accruedCents - investedCents, investedByCategory: byCategory };
  });
}

/**
 * The premium an organization may still invest on `date`: what it accrued up to that
 * date minus every investment already recorded, whatever its date. The premium is a
 * fund its premium committee invests under the organization's plan (Fairmined
 * Standard for Gold from ASM v2.0, Fairmined Premium): it cannot spend what it has
 * not received, so an investment above this amount is refused.
 */
export function availablePremium(accruals: readonly PremiumAccrual[], investments: readonly PremiumInvestment[], organization: string, date: IsoDate): bigint {
  const accrued = accruals.filter((a) => a.organization === organization && a.date <= date).reduce((sum, a) => sum + a.cents, 0n);
  const invested = investments.filter((i) => i.organization === organization).reduce((sum, i) => sum + i.cents, 0n);
  return accrued - invested;
}

/** USD to cents, half-up (amounts are recorded with at most 2 decimals). */
export function usdToCents(usd: number): bigint {
  return roundedProduct([usd], 100n);
}
