import { describe, expect, it } from 'vitest';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, buildContext, produce, rows, transfer } from '../ledger/ledger.factories.ts';
import type { LedgerEvent } from '../ledger/ledger.schema.ts';
import { emptyLedgerState, liveEntries } from '../ledger/ledger.state.ts';
import { ecologicalClaimWithMercury, type MercuryUsers } from './flag-services-rules.domain.ts';

function flags(events: LedgerEvent[], mercury: MercuryUsers) {
  const context = buildContext();
  const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));
  expect(errors).toEqual([]);
  return [...liveEntries(state)].flatMap((e) => (e.type === 'transfer' ? ecologicalClaimWithMercury(context, state, mercury, e) : []));
}

describe('ECOLOGICAL_CLAIM_WITH_MERCURY', () => {
  const ecological = transfer({ claim: 'FAIRMINED_ECOLOGICAL' });
  it('flags an ecological claim on gold of a miner that used mercury that year', () => {
    const f = flags([produce(), ecological], new Map([[RUC.miner, new Set([2024])]]));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'ECOLOGICAL_CLAIM_WITH_MERCURY', severity: 'high', actor: RUC.miner, eventIds: ['t1'] });
    expect(f[0]!.message).toContain(`${RUC.miner} recorded processing with mercury in 2024`);
  });
  it('not when the mercury use was another year, nor on another claim, nor without a claim', () => {
    expect(flags([produce(), ecological], new Map([[RUC.miner, new Set([2022])]]))).toEqual([]);
    expect(flags([produce(), transfer({ claim: 'FAIRMINED' })], new Map([[RUC.miner, new Set([2024])]]))).toEqual([]);
    expect(flags([produce(), transfer()], new Map([[RUC.miner, new Set([2024])]]))).toEqual([]);
  });
});
