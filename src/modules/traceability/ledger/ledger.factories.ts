/**
 * Test factories for the ledger: registry facts and events with sensible
 * defaults, overridden per test (`buildActor({ kind: 'trader' })`).
 */
import type { Certificate } from '../certification/certification.domain.ts';
import {
  ledgerEventSchema,
  type ExportEvent,
  type LedgerEvent,
  type LedgerEventInput,
  type ProcessEvent,
  type ProduceEvent,
  type ReverseEvent,
  type RowEvent,
  type TransferEvent,
} from './ledger.schema.ts';
import type { ActorInfo, LedgerContext, SiteInfo } from './ledger.state.ts';

/** RUCs of the usual cast. */
export const RUC = {
  miner: '20600000001',
  miner2: '20600000002',
  trader: '20600000003',
  plant: '20600000004',
  refinery: '20600000005',
  exporter: '20600000006',
  jeweler: '20600000007',
  stranger: '20699999999',
} as const;

export const SITE = { a: '010000001', b: '010000002', c: '010000003' } as const;

export function buildActor(overrides: Partial<ActorInfo> & { ruc: string }): ActorInfo {
  return {
    kind: 'producer',
    stratum: 'PMA',
    reinfo: [{ status: 'vigente', since: '2020-01-01' }],
    recpo: [],
    ...overrides,
  };
}

export function buildSite(overrides: Partial<SiteInfo> & { code: string }): SiteInfo {
  return { holder: null, department: '21', inscriptions: [], ...overrides };
}

const REGISTERED = [{ from: '2020-01-01', to: null }];

/** The usual cast: two vigente miners inscribed on their sites, registered buyers. */
export function buildContext(overrides: { actors?: ActorInfo[]; sites?: SiteInfo[]; certificates?: Certificate[] } = {}): LedgerContext {
  const actors: ActorInfo[] = [
    buildActor({ ruc: RUC.miner }),
    buildActor({ ruc: RUC.miner2 }),
    buildActor({ ruc: RUC.trader, kind: 'trader', reinfo: [], recpo: REGISTERED }),
    buildActor({ ruc: RUC.plant, kind: 'plant', reinfo: [], recpo: REGISTERED, plantCapacityTpd: 50 }),
    buildActor({ ruc: RUC.refinery, kind: 'refinery', reinfo: [], recpo: REGISTERED }),
    buildActor({ ruc: RUC.exporter, kind: 'exporter', reinfo: [], recpo: REGISTERED }),
    buildActor({ ruc: RUC.jeweler, kind: 'jeweler', reinfo: [] }),
    ...(overrides.actors ?? []),
  ];
  const sites: SiteInfo[] = [
    buildSite({ code: SITE.a, inscriptions: [{ actor: RUC.miner, activity: 'explotacion', frontDepartment: '21' }] }),
    buildSite({ code: SITE.b, inscriptions: [{ actor: RUC.miner2, activity: 'explotacion', frontDepartment: '21' }] }),
    buildSite({ code: SITE.c, department: '04', holder: RUC.miner2 }),
    ...(overrides.sites ?? []),
  ];
  return {
    actors: new Map(actors.map((a) => [a.ruc, a])),
    sites: new Map(sites.map((s) => [s.code, s])),
    certificates: overrides.certificates ?? [],
  };
}

function parse(input: LedgerEventInput): LedgerEvent {
  return ledgerEventSchema.parse(input);
}

export function produce(overrides: Partial<Omit<ProduceEvent, 'type'>> = {}): ProduceEvent {
  const base = { id: 'p1', type: 'produce', date: '2024-03-01', actor: RUC.miner, site: SITE.a, lot: 'L1', material: 'dore' } as const;
  const quantities = overrides.material === 'ore' ? { tonnes: 10, gradeGpt: 8 } : { grams: 100, fineness: 0.85 };
  return parse({ ...base, ...quantities, ...overrides }) as ProduceEvent;
}

export function transfer(overrides: Partial<Omit<TransferEvent, 'type'>> = {}): TransferEvent {
  return parse({ id: 't1', type: 'transfer', date: '2024-03-05', from: RUC.miner, to: RUC.trader, lot: 'L1', ...overrides }) as TransferEvent;
}

export function processing(overrides: Partial<Omit<ProcessEvent, 'type'>> = {}): ProcessEvent {
  return parse({
    id: 'x1',
    type: 'process',
    date: '2024-03-10',
    actor: RUC.trader,
    inputs: ['L1'],
    output: { lot: 'D1', material: 'dore', fineness: 0.9 },
    ...overrides,
  }) as ProcessEvent;
}

export function exporting(overrides: Partial<Omit<ExportEvent, 'type'>> = {}): ExportEvent {
  return parse({
    id: 'e1',
    type: 'export',
    date: '2024-03-20',
    from: RUC.trader,
    lot: 'D1',
    country: 'CH',
    customsRef: '235-2024-40-000123',
    ...overrides,
  }) as ExportEvent;
}

export function reversal(overrides: Partial<Omit<ReverseEvent, 'type'>> = {}): ReverseEvent {
  return parse({ id: 'r1', type: 'reverse', date: '2024-03-21', actor: RUC.miner, reverses: 't1', reason: 'entered twice', ...overrides }) as ReverseEvent;
}

/** Events numbered as lines 1, 2, 3… of a file. */
export function rows(...events: LedgerEvent[]): RowEvent[] {
  return events.map((event, index) => ({ row: index + 1, event }));
}

/** Events as a JSONL file. */
export function jsonl(...events: LedgerEvent[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + '\n';
}
