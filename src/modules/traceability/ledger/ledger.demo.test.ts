import { describe, expect, it } from 'vitest';
import { actorBalance, balanceToJson } from './balance.domain.ts';
import { premiumAccruals } from '../certification/certification.domain.ts';
import { DEMO_CONTEXT, DEMO_EVENTS, DEMO_RUC, DEMO_SITE } from './ledger.demo.ts';
import { importLedger } from './ledger.domain.ts';
import { jsonl } from './ledger.factories.ts';
import { emptyLedgerState } from './ledger.state.ts';
import { computeFlags, flagsOfActor } from '../flags/flags.domain.ts';
import { trace } from '../origin/origin.domain.ts';

const { state, summary } = importLedger(DEMO_CONTEXT, emptyLedgerState(), jsonl(...DEMO_EVENTS));
const flags = computeFlags(DEMO_CONTEXT, state);

describe('demo: a Fairmined chain mine → trader → refinery → jeweler', () => {
  it('imports the demo file', () => {
    expect(summary).toEqual({ inserted: DEMO_EVENTS.length, unchanged: 0, rejected: 0, errors: [] });
  });

  it('reaches the jeweler certified, from one mine, with no flags', () => {
    expect(trace(state, 'JOY-FM-01', flags)).toEqual({
      lot: 'JOY-FM-01',
      fineGrams: 500,
      origins: [{ site: DEMO_SITE.cooperative, share: 1, fineGrams: 500 }],
      unknownShare: 0,
      certified: true,
      flags: [],
    });
    expect(state.lots.get('REF-FM-0514')).toMatchObject({ fineMg: 395_500n, certifications: ['FAIRMINED'] });
  });

  it('owes the cooperative the Fairmined premium on its certified sales to registered buyers', () => {
    const accruals = premiumAccruals(state, DEMO_CONTEXT.actors, DEMO_CONTEXT.certificates ?? []);
    expect(accruals.map((a) => [a.eventId, a.organization, Number(a.cents) / 100])).toEqual([
      ['FM-T1', DEMO_RUC.cooperative, 3600], // 900 g × USD 4/g
      // FM-T4 (540 g to the collector, whose RECPO expired) owes none: no premium on a sale to an unregistered buyer
    ]);
  });
});

describe('demo: the laundering pattern is caught', () => {
  it('flags the shadow miner: production above PMA capacity, sale while suspended', () => {
    expect(flagsOfActor(flags, DEMO_RUC.shadowMiner, '2024-05-01', '2024-05-31').map((f) => [f.code, f.date, f.eventIds])).toEqual([
      ['CAPACITY_EXCEEDED', '2024-05-25', ['SH-P1', 'SH-P2']],
      ['SELLER_NOT_VIGENTE', '2024-05-27', ['SH-T1']],
    ]);
  });

  it('flags the collector: unregistered buyer, more sold than bought, a Fairmined claim on a mix', () => {
    expect(flagsOfActor(flags, DEMO_RUC.collector, '2024-05-01', '2024-05-31').map((f) => [f.code, f.date, f.eventIds])).toEqual([
      ['BUYER_NOT_REGISTERED', '2024-05-21', ['FM-T4']],
      ['BUYER_NOT_REGISTERED', '2024-05-27', ['SH-T1']],
      ['CERTIFIED_CLAIM_UNCERTIFIED', '2024-05-29', ['SH-T2', 'SH-X1', 'SH-P1']],
      ['NEGATIVE_BALANCE', '2024-05-29', ['SH-T2']],
    ]);
  });

  it('traces the mixed lot back to both mines and 36 % unknown gold, not certified', () => {
    const result = trace(state, 'ACO-MIX-01', flags);
    expect(result).toMatchObject({
      lot: 'ACO-MIX-01',
      fineGrams: 5540,
      origins: [
        { site: DEMO_SITE.shadow, share: 3000 / 5540, fineGrams: 3000 },
        { site: DEMO_SITE.cooperative, share: 540 / 5540, fineGrams: 540 },
      ],
      unknownShare: 2000 / 5540,
      certified: false,
    });
    expect(result?.flags.map((f) => f.code)).toEqual([
      'BUYER_NOT_REGISTERED',
      'CAPACITY_EXCEEDED',
      'BUYER_NOT_REGISTERED',
      'SELLER_NOT_VIGENTE',
      'CERTIFIED_CLAIM_UNCERTIFIED',
      'NEGATIVE_BALANCE',
    ]);
  });

  it('shows the collector 2 kg short in its mass balance', () => {
    const balance = balanceToJson(
      actorBalance(state, DEMO_RUC.collector, '2024-05-01', '2024-05-31'),
      flagsOfActor(flags, DEMO_RUC.collector, '2024-05-01', '2024-05-31'),
    );
    expect(balance).toMatchObject({ openingFineGrams: 0, boughtFineGrams: 3540, soldFineGrams: 5540, lossFineGrams: 0, closingFineGrams: -2000 });
  });
});
