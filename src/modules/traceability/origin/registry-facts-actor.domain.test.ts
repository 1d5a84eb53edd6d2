import { describe, expect, it } from 'vitest';
import type { StratumRule } from '../../registry/strata.domain.ts';
import type { ActorInfo } from '../ledger/ledger.state.ts';
import { actorFacts, producerStratum, recpoValidOn, type InscriptionStatus, type RecpoFacts, type RightFacts } from './registry-facts.domain.ts';

const RULES: StratumRule[] = [
  {
    stratum: 'PMA',
    substance: 'metallic',
    maxHectares: 1000,
    maxCapacity: 25,
    capacityUnit: 't/day',
    validFrom: '2002-01-01',
    validTo: null,
    legalSource: 'Ley 27651',
  },
  {
    stratum: 'PPM',
    substance: 'metallic',
    maxHectares: 2000,
    maxCapacity: 350,
    capacityUnit: 't/day',
    validFrom: '2002-01-01',
    validTo: null,
    legalSource: 'Ley 27651',
  },
];
const PMA: RightFacts = { substance: 'metallic', hectares: 500, capacity: 10 };
const PPM: RightFacts = { substance: 'metallic', hectares: 1500, capacity: 100 };
const LARGE: RightFacts = { substance: 'metallic', hectares: 5000, capacity: 100 };
const UNKNOWN: RightFacts = { substance: 'metallic', hectares: 500, capacity: null };

describe('producerStratum: the largest stratum over the producer’s rights', () => {
  it('is not small-scale as soon as one right is, whatever the others are', () => {
    expect(producerStratum([PMA, LARGE, PPM], RULES, '2024-05-01')).toBe('none');
    expect(producerStratum([LARGE], RULES, '2024-05-01')).toBe('none');
  });

  it('is PPM when a right is PPM and none is larger, PMA only when every decided right is PMA', () => {
    expect(producerStratum([PMA, PPM], RULES, '2024-05-01')).toBe('PPM');
    expect(producerStratum([PPM], RULES, '2024-05-01')).toBe('PPM');
    expect(producerStratum([PMA], RULES, '2024-05-01')).toBe('PMA');
    expect(producerStratum([UNKNOWN, PMA], RULES, '2024-05-01')).toBe('PMA');
  });

  it('is undefined when no right can be decided: no rights, missing figures, or no rule in force on the date', () => {
    expect(producerStratum([], RULES, '2024-05-01')).toBeUndefined();
    expect(producerStratum([UNKNOWN], RULES, '2024-05-01')).toBeUndefined();
    // the same PMA right, judged before the rules were in force
    expect(producerStratum([PMA], RULES, '2001-12-31')).toBeUndefined();
    expect(producerStratum([PMA], [], '2024-05-01')).toBeUndefined();
  });
});

const status = (inscription: number, s: InscriptionStatus['status'], since: string): InscriptionStatus => ({ inscription, status: s, since });
const producer = (statuses: InscriptionStatus[]): ActorInfo => actorFacts({ ruc: '10400000001', producer: true, statuses, stratum: 'PMA', registrations: [] });

describe('actorFacts: the REINFO timeline of a producer', () => {
  it('orders the dates whatever the order of the rows and keeps one entry per change of the combined status', () => {
    const actor = producer([status(1, 'suspendido', '2021-03-01'), status(1, 'vigente', '2020-01-15'), status(1, 'vigente', '2021-09-01')]);
    expect(actor.reinfo).toEqual([
      { status: 'vigente', since: '2020-01-15' },
      { status: 'suspendido', since: '2021-03-01' },
      { status: 'vigente', since: '2021-09-01' },
    ]);
  });

  it('is vigente while any inscription is vigente, else suspendido while any is suspended, else excluido', () => {
    const actor = producer([
      status(1, 'vigente', '2020-01-01'),
      status(2, 'suspendido', '2020-02-01'), // 1 still vigente: no change
      status(1, 'excluido', '2020-03-01'), // best left: 2 suspendido
      status(2, 'excluido', '2020-04-01'), // both excluded
      status(3, 'suspendido', '2020-05-01'), // a new inscription, suspended, outranks the excluded ones
      status(1, 'vigente', '2020-06-01'),
    ]);
    expect(actor.reinfo).toEqual([
      { status: 'vigente', since: '2020-01-01' },
      { status: 'suspendido', since: '2020-03-01' },
      { status: 'excluido', since: '2020-04-01' },
      { status: 'suspendido', since: '2020-05-01' },
      { status: 'vigente', since: '2020-06-01' },
    ]);
  });

  it('ranks suspendido above excluido whichever inscription comes first', () => {
    expect(producer([status(1, 'excluido', '2020-01-01'), status(2, 'suspendido', '2020-01-01')]).reinfo).toEqual([
      { status: 'suspendido', since: '2020-01-01' },
    ]);
    expect(producer([status(2, 'suspendido', '2020-01-01'), status(1, 'excluido', '2020-01-01')]).reinfo).toEqual([
      { status: 'suspendido', since: '2020-01-01' },
    ]);
  });

  it('lets the last of several changes of one inscription on the same date win', () => {
    expect(producer([status(1, 'vigente', '2020-01-01'), status(1, 'excluido', '2020-01-01')]).reinfo).toEqual([{ status: 'excluido', since: '2020-01-01' }]);
    expect(producer([status(1, 'excluido', '2020-01-01'), status(1, 'vigente', '2020-01-01')]).reinfo).toEqual([{ status: 'vigente', since: '2020-01-01' }]);
  });

  it('is empty for a producer without status rows, and absent for an actor that is not a producer', () => {
    expect(producer([]).reinfo).toEqual([]);
    const trader = actorFacts({ ruc: '20500000001', producer: false, statuses: [status(1, 'vigente', '2020-01-01')], stratum: undefined, registrations: [] });
    expect('reinfo' in trader).toBe(false);
  });
});

const recpo = (number: string, kind: RecpoFacts['kind'], from: string, to: string | null, capacityTpd: number | null = null): RecpoFacts => ({
  number,
  kind,
  from,
  to,
  capacityTpd,
});

describe('actorFacts: kind, stratum, RECPO and plant capacity', () => {
  it('takes the kind of the latest RECPO registration and lists every registration latest first', () => {
    const actor = actorFacts({
      ruc: '20500000001',
      producer: false,
      statuses: [],
      stratum: undefined,
      registrations: [
        recpo('R-1', 'trader', '2019-01-01', '2020-12-31'),
        recpo('R-3', 'exporter', '2022-01-01', null),
        recpo('R-2', 'plant', '2021-01-01', '2021-12-31'),
      ],
    });
    expect(actor).toStrictEqual({
      ruc: '20500000001',
      kind: 'exporter',
      recpo: [
        { from: '2022-01-01', to: null },
        { from: '2021-01-01', to: '2021-12-31' },
        { from: '2019-01-01', to: '2020-12-31' },
      ],
    });
  });

  it('breaks a tie on the start date by the higher registration number', () => {
    const regs = [recpo('R-10', 'trader', '2022-01-01', '2022-06-30'), recpo('R-11', 'refinery', '2022-01-01', null)];
    for (const registrations of [regs, [...regs].reverse()]) {
      const actor = actorFacts({ ruc: '20500000001', producer: false, statuses: [], stratum: undefined, registrations });
      expect(actor.kind).toBe('refinery');
      expect(actor.recpo).toEqual([
        { from: '2022-01-01', to: null },
        { from: '2022-01-01', to: '2022-06-30' },
      ]);
    }
  });

  it('is a trader when it has neither REINFO nor RECPO', () => {
    expect(actorFacts({ ruc: '20500000001', producer: false, statuses: [], stratum: undefined, registrations: [] })).toStrictEqual({
      ruc: '20500000001',
      kind: 'trader',
      recpo: [],
    });
  });

  it('is a producer whenever it is in REINFO, even with a RECPO registration of another kind, and keeps its stratum', () => {
    const actor = actorFacts({
      ruc: '10400000001',
      producer: true,
      statuses: [status(7, 'vigente', '2020-01-01')],
      stratum: 'none',
      registrations: [recpo('R-1', 'jeweler', '2021-01-01', null)],
    });
    expect(actor).toStrictEqual({
      ruc: '10400000001',
      kind: 'producer',
      stratum: 'none',
      reinfo: [{ status: 'vigente', since: '2020-01-01' }],
      recpo: [{ from: '2021-01-01', to: null }],
    });
  });

  it('reads the plant capacity of the latest plant registration that states one', () => {
    const facts = (registrations: RecpoFacts[]): ActorInfo =>
      actorFacts({ ruc: '20600000001', producer: false, statuses: [], stratum: undefined, registrations });
    expect(
      facts([
        recpo('P-1', 'plant', '2019-01-01', null, 50),
        recpo('P-2', 'plant', '2021-01-01', null, 120),
        recpo('P-3', 'plant', '2023-01-01', null, null),
        recpo('T-1', 'trader', '2024-01-01', null, 999),
      ]).plantCapacityTpd,
    ).toBe(120);
    // a stated capacity of zero is a capacity
    expect(facts([recpo('P-1', 'plant', '2019-01-01', null, 0)]).plantCapacityTpd).toBe(0);
    // no plant registration with a capacity: no figure at all (the capacity flag is then not raised)
    expect('plantCapacityTpd' in facts([recpo('P-1', 'plant', '2019-01-01', null, null), recpo('T-1', 'trader', '2020-01-01', null, 80)])).toBe(false);
  });
});

describe('recpoValidOn', () => {
  const actor: ActorInfo = {
    ruc: '20500000001',
    kind: 'trader',
    recpo: [
      { from: '2020-01-01', to: '2020-12-31' },
      { from: '2022-01-01', to: null },
    ],
  };

  it('holds on any date inside a registration, both ends included, and on every date after an open-ended one', () => {
    expect(recpoValidOn(actor, '2020-01-01')).toBe(true);
    expect(recpoValidOn(actor, '2020-12-31')).toBe(true);
    expect(recpoValidOn(actor, '2022-01-01')).toBe(true);
    expect(recpoValidOn(actor, '2030-06-15')).toBe(true);
  });

  it('does not hold before, between or without registrations', () => {
    expect(recpoValidOn(actor, '2019-12-31')).toBe(false);
    expect(recpoValidOn(actor, '2021-06-30')).toBe(false);
    expect(recpoValidOn({ ruc: '20500000001', kind: 'trader' }, '2021-06-30')).toBe(false);
    expect(recpoValidOn({ ruc: '20500000001', kind: 'trader', recpo: [] }, '2021-06-30')).toBe(false);
  });
});
