import { describe, expect, it } from 'vitest';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, buildActor, buildContext, buildSite, processing, produce, rows, transfer } from '../ledger/ledger.factories.ts';
import type { LedgerEvent } from '../ledger/ledger.schema.ts';
import { emptyLedgerState, type ActorInfo, type LedgerContext } from '../ledger/ledger.state.ts';
import { buyerNotRegistered, gradeImplausible, regionMismatch, reinfoStatusOn, sellerNotVigente, siteMismatch } from './flag-event-rules.domain.ts';
import { FLAG_THRESHOLDS } from './flag-model.domain.ts';

function entryOf(context: LedgerContext, events: LedgerEvent[], id: string) {
  const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));
  expect(errors).toEqual([]);
  const entry = state.entries.get(id);
  if (!entry) throw new Error(`no entry ${id}`);
  return entry;
}

const EMPTY: LedgerContext = { actors: new Map(), sites: new Map() };

describe('reinfoStatusOn', () => {
  const actor = (reinfo: ActorInfo['reinfo']): ActorInfo => ({ ruc: RUC.miner, kind: 'producer', ...(reinfo ? { reinfo } : {}) });

  it('takes the latest change on or before the date, whatever the order of the changes', () => {
    const changes = [
      { status: 'suspendido', since: '2024-03-05' },
      { status: 'vigente', since: '2020-01-01' },
      { status: 'excluido', since: '2024-06-01' },
    ] as const;
    expect(reinfoStatusOn(actor(changes), '2024-03-04')).toBe('vigente');
    expect(reinfoStatusOn(actor(changes), '2024-03-05')).toBe('suspendido');
    expect(reinfoStatusOn(actor(changes), '2024-05-31')).toBe('suspendido');
    expect(reinfoStatusOn(actor(changes), '2024-06-01')).toBe('excluido');
    expect(reinfoStatusOn(actor(changes), '2019-12-31')).toBeNull();
    expect(reinfoStatusOn(actor(undefined), '2024-01-01')).toBeNull();
  });

  it('lets the last of two changes on the same date win', () => {
    const same = [
      { status: 'vigente', since: '2024-01-01' },
      { status: 'suspendido', since: '2024-01-01' },
    ] as const;
    expect(reinfoStatusOn(actor(same), '2024-02-01')).toBe('suspendido');
    expect(reinfoStatusOn(actor([...same].reverse()), '2024-02-01')).toBe('vigente');
  });
});

describe('SELLER_NOT_VIGENTE and BUYER_NOT_REGISTERED on one event', () => {
  const suspended = (formalizedFrom?: string) =>
    buildContext({
      actors: [buildActor({ ruc: RUC.miner, reinfo: [{ status: 'suspendido', since: '2024-01-01' }], ...(formalizedFrom ? { formalizedFrom } : {}) })],
    });
  const sale = (context: LedgerContext) => entryOf(context, [produce(), transfer()], 't1') as Parameters<typeof sellerNotVigente>[1];

  it('spares a producer formalized on or before the sale, not one formalized after it', () => {
    expect(sellerNotVigente(suspended('2024-03-05'), sale(suspended('2024-03-05')))).toEqual([]);
    const later = suspended('2024-03-06');
    expect(sellerNotVigente(later, sale(later)).map((f) => f.message)).toEqual([`seller ${RUC.miner} is suspendido in REINFO on 2024-03-05`]);
  });

  it('raises nothing for a seller or buyer the registry does not know', () => {
    const entry = sale(suspended());
    expect(sellerNotVigente(EMPTY, entry)).toEqual([]);
    expect(buyerNotRegistered(EMPTY, FLAG_THRESHOLDS, entry as Parameters<typeof buyerNotRegistered>[2])).toEqual([]);
  });

  it('says which buyer, of which kind, lacks RECPO on the date', () => {
    const expired = buildContext({ actors: [buildActor({ ruc: RUC.trader, kind: 'trader', recpo: [{ from: '2020-01-01', to: '2024-03-04' }] })] });
    const entry = entryOf(expired, [produce(), transfer()], 't1') as Parameters<typeof buyerNotRegistered>[2];
    expect(buyerNotRegistered(expired, FLAG_THRESHOLDS, entry).map((f) => f.message)).toEqual([
      `buyer ${RUC.trader} (trader) has no valid RECPO registration on 2024-03-05`,
    ]);
    // the seller unknown: the buyer's kind alone requires RECPO
    const noSeller: LedgerContext = { actors: new Map([[RUC.trader, expired.actors.get(RUC.trader)!]]), sites: new Map() };
    expect(buyerNotRegistered(noSeller, FLAG_THRESHOLDS, entry)).toHaveLength(1);
  });
});

describe('GRADE_IMPLAUSIBLE', () => {
  const context = buildContext();
  const flags = (event: LedgerEvent, events: LedgerEvent[] = [event]) =>
    gradeImplausible(FLAG_THRESHOLDS, entryOf(context, events, event.id) as Parameters<typeof gradeImplausible>[1]).map((f) => f.message);

  it('accepts both ends of the range', () => {
    expect(flags(produce({ fineness: 0.4 }))).toEqual([]);
    expect(flags(produce({ fineness: 0.98 }))).toEqual([]);
    expect(flags(produce({ material: 'ore', tonnes: 1, gradeGpt: 0.5 }))).toEqual([]);
  });

  it('names the grade of ore and the fineness of other materials, with the range', () => {
    expect(flags(produce({ material: 'ore', tonnes: 1, gradeGpt: 250 }))).toEqual(['grade 250 g/t of ore lot L1 is outside the plausible range 0.5–100']);
    expect(flags(produce({ fineness: 0.39 }))).toEqual(['fineness 0.39 of dore lot L1 is outside the plausible range 0.4–0.98']);
    const output = processing({ actor: RUC.miner, output: { lot: 'D1', material: 'fine_gold', fineness: 0.9 } });
    expect(flags(output, [produce(), output])).toEqual(['fineness 0.9 of fine_gold lot D1 is outside the plausible range 0.995–1']);
  });
});

describe('SITE_MISMATCH and REGION_MISMATCH', () => {
  const produceAt = (context: LedgerContext, site: string) => entryOf(context, [produce({ site })], 'p1') as Parameters<typeof siteMismatch>[1];

  it('accepts an exploitation inscription among others, an inscription without an activity counting as exploitation', () => {
    const shared = buildContext({ sites: [buildSite({ code: 'S1', inscriptions: [{ actor: RUC.miner2 }, { actor: RUC.miner, activity: 'explotacion' }] })] });
    expect(siteMismatch(shared, produceAt(shared, 'S1'))).toEqual([]);
    const plain = buildContext({ sites: [buildSite({ code: 'S2', inscriptions: [{ actor: RUC.miner }] })] });
    expect(siteMismatch(plain, produceAt(plain, 'S2'))).toEqual([]);
    const other = buildContext({ sites: [buildSite({ code: 'S3', inscriptions: [{ actor: RUC.miner2 }] })] });
    expect(siteMismatch(other, produceAt(other, 'S3')).map((f) => f.message)).toEqual([
      `${RUC.miner} produced at S3, which is not among its REINFO inscriptions nor held by it`,
    ]);
  });

  it('looks only at the producer’s own front, and only when its department is known', () => {
    const context = buildContext({
      sites: [
        buildSite({
          code: 'F1',
          department: '21',
          inscriptions: [
            { actor: RUC.miner2, frontDepartment: '17' },
            { actor: RUC.miner, frontDepartment: '21' },
          ],
        }),
        buildSite({ code: 'F2', department: '21', inscriptions: [{ actor: RUC.miner, frontDepartment: null }] }),
        buildSite({ code: 'F3', department: '21', inscriptions: [{ actor: RUC.miner, frontDepartment: '17' }] }),
      ],
    });
    expect(regionMismatch(context, produceAt(context, 'F1'))).toEqual([]);
    expect(regionMismatch(context, produceAt(context, 'F2'))).toEqual([]);
    expect(regionMismatch(context, produceAt(context, 'F3')).map((f) => f.message)).toEqual([
      `${RUC.miner}'s front on F3 is in department 17, the right is in 21`,
    ]);
    expect(regionMismatch(EMPTY, produceAt(context, 'F3'))).toEqual([]);
  });
});
