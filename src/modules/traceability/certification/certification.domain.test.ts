import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREMIUM_RATES,
  isCertificateValidOn,
  mergedCertifications,
  premiumAccruals,
  premiumCents,
  premiumRateOn,
  premiumSummary,
  availablePremium,
  producedCertifications,
  usdToCents,
  type Certificate,
} from './certification.domain.ts';
import { certificateInputSchema, premiumInvestmentInputSchema } from '../ledger/ledger-contract.schema.ts';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, SITE, buildContext, processing, produce, rows, transfer } from '../ledger/ledger.factories.ts';
import { emptyLedgerState } from '../ledger/ledger.state.ts';

const fairmined: Certificate = { organization: RUC.miner, scheme: 'FAIRMINED', from: '2024-01-01', to: '2024-12-31' };
const ecological: Certificate = { organization: RUC.miner2, scheme: 'FAIRMINED_ECOLOGICAL', from: '2024-01-01', to: null, sites: [SITE.b] };

describe('certificates', () => {
  it('are valid between both dates inclusive', () => {
    expect(['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01'].map((d) => isCertificateValidOn(fairmined, d))).toEqual([false, true, true, false]);
  });

  it('certify production of the organization, at its certified sites, Ecological implying Fairmined', () => {
    const certificates = [fairmined, ecological];
    expect(producedCertifications(certificates, RUC.miner, SITE.a, '2024-06-01')).toEqual(['FAIRMINED']);
    expect(producedCertifications(certificates, RUC.miner, SITE.a, '2025-06-01')).toEqual([]);
    expect(producedCertifications(certificates, RUC.miner2, SITE.b, '2024-06-01')).toEqual(['FAIRMINED', 'FAIRMINED_ECOLOGICAL']);
    expect(producedCertifications(certificates, RUC.miner2, SITE.c, '2024-06-01')).toEqual([]);
  });

  it('survive a merge only when every input has them and nothing untracked is mixed in', () => {
    expect(mergedCertifications([['FAIRMINED', 'FAIRMINED_ECOLOGICAL'], ['FAIRMINED']], 0n)).toEqual(['FAIRMINED']);
    expect(mergedCertifications([['FAIRMINED'], []], 0n)).toEqual([]);
    expect(mergedCertifications([['FAIRMINED']], 1n)).toEqual([]);
  });

  it('validate as input', () => {
    expect(certificateInputSchema.safeParse({ ...fairmined, to: '2023-01-01' }).error?.issues[0]?.path).toEqual(['to']);
  });
});

describe('Fairmined premium', () => {
  it('uses the rate in force on the date', () => {
    const rates = [...DEFAULT_PREMIUM_RATES, { scheme: 'FAIRMINED', from: '2025-01-01', usdPerKg: 4500 } as const];
    expect(premiumRateOn(rates, 'FAIRMINED', '2024-12-31')?.usdPerKg).toBe(4000);
    expect(premiumRateOn(rates, 'FAIRMINED', '2025-01-01')?.usdPerKg).toBe(4500);
    expect(premiumRateOn(rates, 'FAIRMINED_ECOLOGICAL', '2025-01-01')?.usdPerKg).toBe(6000);
    expect(premiumRateOn(rates, 'FAIRMINED', '2013-01-01')).toBeNull();
  });

  it('is USD 4 per gram, rounded half-up to the cent', () => {
    expect(premiumCents(1_000_000n, 4000)).toBe(400_000n);
    expect(premiumCents(1n, 4000)).toBe(0n); // 0.4 cent
    expect(premiumCents(2n, 6000)).toBe(1n); // 1.2 cents
    expect(premiumCents(1_250n, 4000)).toBe(500n);
  });

  const context = buildContext({ certificates: [fairmined, ecological] });
  const { state } = applyEvents(
    context,
    emptyLedgerState(),
    rows(
      produce({ id: 'p1', lot: 'L1', grams: 1000, fineness: 0.9 }),
      produce({ id: 'p2', lot: 'L2', actor: RUC.miner2, site: SITE.b, grams: 1000, fineness: 0.5 }),
      transfer({ id: 't1', lot: 'L1', fineGrams: 400, newLot: 'L1a', claim: 'FAIRMINED' }),
      transfer({ id: 't2', lot: 'L1', fineGrams: 100, newLot: 'L1b', claim: 'FAIRMINED_ECOLOGICAL' }),
      transfer({ id: 't3', lot: 'L2', from: RUC.miner2, claim: 'FAIRMINED_ECOLOGICAL' }),
      transfer({ id: 't4', lot: 'L1a', from: RUC.trader, to: RUC.refinery, claim: 'FAIRMINED', date: '2024-03-09' }),
      processing({ id: 'x1', inputs: ['L2'], date: '2024-03-10' }),
      transfer({ id: 't5', lot: undefined, fineGrams: 10, claim: 'FAIRMINED' }),
    ),
  );

  it('accrues to the producing organization on certified sales at the claimed scheme rate', () => {
    expect(premiumAccruals(state, context.actors, context.certificates ?? [])).toEqual([
      { organization: RUC.miner, eventId: 't1', date: '2024-03-05', scheme: 'FAIRMINED', fineMg: 400_000n, usdPerKg: 4000, cents: 160_000n },
      { organization: RUC.miner2, eventId: 't3', date: '2024-03-05', scheme: 'FAIRMINED_ECOLOGICAL', fineMg: 500_000n, usdPerKg: 6000, cents: 300_000n },
    ]);
  });

  it('keeps the fund per organization: accrued minus investments by category', () => {
    const input = premiumInvestmentInputSchema.parse({
      organization: RUC.miner,
      date: '2024-04-01',
      project: 'Comedor',
      category: 'workers',
      amountUsd: 1000.5,
    });
    const investment = { ...input, cents: usdToCents(input.amountUsd) };
    const accruals = premiumAccruals(state, context.actors, context.certificates ?? []);
    const [miner, miner2] = premiumSummary(accruals, [investment]);
    expect(miner).toMatchObject({ organization: RUC.miner, accruedCents: 160_000n, investedCents: 100_050n, availableCents: 59_950n });
    expect(miner?.investedByCategory.workers).toBe(100_050n);
    expect(miner2).toMatchObject({ accruedCents: 300_000n, investedCents: 0n });
    expect(premiumSummary(accruals, [investment], '2024-04-01', '2024-04-30')).toMatchObject([{ accruedCents: 0n, investedCents: 100_050n }]);
  });

  it('accrues nothing on a certified sale to a buyer not registered in RECPO on the date (nor to an unknown one)', () => {
    const lapsed = buildContext({
      certificates: [fairmined],
      actors: [{ ruc: RUC.trader, kind: 'trader', reinfo: [], recpo: [{ from: '2020-01-01', to: '2024-03-04' }] }],
    });
    const sales = rows(
      produce({ id: 'q1', lot: 'M1', grams: 1000, fineness: 0.9 }),
      transfer({ id: 'q2', lot: 'M1', fineGrams: 100, newLot: 'M1a', claim: 'FAIRMINED', to: RUC.jeweler }),
      transfer({ id: 'q4', lot: 'M1', fineGrams: 100, newLot: 'M1c', claim: 'FAIRMINED' }),
    );
    const withLapsed = applyEvents(lapsed, emptyLedgerState(), sales).state;
    expect(premiumAccruals(withLapsed, lapsed.actors, lapsed.certificates ?? [])).toEqual([]);
    const registered = buildContext({ certificates: [fairmined] });
    const paid = applyEvents(registered, emptyLedgerState(), sales).state;
    expect(premiumAccruals(paid, registered.actors, registered.certificates ?? []).map((a) => [a.eventId, a.cents])).toEqual([['q4', 40_000n]]);
    const unknownBuyer = new Map([...registered.actors].filter(([ruc]) => ruc !== RUC.trader));
    expect(premiumAccruals(paid, unknownBuyer, registered.certificates ?? [])).toEqual([]);
  });

  it('leaves to invest what accrued up to the date minus every investment recorded', () => {
    const accruals = premiumAccruals(state, context.actors, context.certificates ?? []);
    const invest = (date: string, usd: number) => ({ organization: RUC.miner, date, project: 'x', category: 'workers' as const, cents: usdToCents(usd) });
    expect(availablePremium(accruals, [], RUC.miner, '2024-03-04')).toBe(0n);
    expect(availablePremium(accruals, [], RUC.miner, '2024-03-05')).toBe(160_000n);
    expect(availablePremium(accruals, [invest('2024-06-01', 99_999)], RUC.miner, '2024-07-01')).toBe(160_000n - 9_999_900n);
    expect(availablePremium(accruals, [invest('2024-06-01', 600), invest('2024-08-01', 400)], RUC.miner, '2024-07-01')).toBe(60_000n);
    expect(availablePremium(accruals, [invest('2024-06-01', 600)], RUC.miner2, '2024-07-01')).toBe(300_000n);
  });
});
