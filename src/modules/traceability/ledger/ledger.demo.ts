/**
 * Demo scenario of the gold ledger, in Puno and Madre de Dios:
 * 1. a Fairmined chain that stays certified: a certified cooperative's doré goes
 *    to a registered trader, a refinery, and a jeweler, earning the premium;
 * 2. a laundering pattern the flags catch: a suspended miner declaring more ore
 *    than a PMA can mine sells to an unregistered collector, who mixes that gold,
 *    untracked gold and some certified doré, and sells the mix as Fairmined.
 */
import type { Certificate } from '../certification/certification.domain.ts';
import { ledgerEventSchema, type LedgerEvent, type LedgerEventInput } from './ledger.schema.ts';
import type { ActorInfo, LedgerContext, SiteInfo } from './ledger.state.ts';

export const DEMO_RUC = {
  cooperative: '20448000001', // Cooperativa Minera Aurífera certified Fairmined (Puno)
  trader: '20448000002', // registered trader (RECPO)
  refinery: '20100000003', // refinery in Lima
  jeweler: '20100000004', // jeweler in Lima
  shadowMiner: '20490000005', // PMA miner, REINFO suspended (Madre de Dios)
  collector: '20490000006', // acopiador whose RECPO expired
} as const;

export const DEMO_SITE = { cooperative: '010200011', shadow: '070500022' } as const;

const actors: ActorInfo[] = [
  { ruc: DEMO_RUC.cooperative, kind: 'producer', stratum: 'PMA', reinfo: [{ status: 'vigente', since: '2019-06-01' }] },
  { ruc: DEMO_RUC.trader, kind: 'trader', recpo: [{ from: '2022-01-01', to: null }] },
  { ruc: DEMO_RUC.refinery, kind: 'refinery', recpo: [{ from: '2015-01-01', to: null }] },
  { ruc: DEMO_RUC.jeweler, kind: 'jeweler' },
  {
    ruc: DEMO_RUC.shadowMiner,
    kind: 'producer',
    stratum: 'PMA',
    reinfo: [
      { status: 'vigente', since: '2018-02-01' },
      { status: 'suspendido', since: '2024-04-15' },
    ],
  },
  { ruc: DEMO_RUC.collector, kind: 'trader', recpo: [{ from: '2021-01-01', to: '2023-12-31' }] },
];

const sites: SiteInfo[] = [
  {
    code: DEMO_SITE.cooperative,
    holder: DEMO_RUC.cooperative,
    department: '21',
    inscriptions: [{ actor: DEMO_RUC.cooperative, activity: 'explotacion', frontDepartment: '21' }],
  },
  {
    code: DEMO_SITE.shadow,
    holder: null,
    department: '17',
    inscriptions: [{ actor: DEMO_RUC.shadowMiner, activity: 'explotacion', frontDepartment: '17' }],
  },
];

const certificates: Certificate[] = [{ organization: DEMO_RUC.cooperative, scheme: 'FAIRMINED', from: '2023-08-01', to: '2026-07-31' }];

export const DEMO_CONTEXT: LedgerContext = {
  actors: new Map(actors.map((a) => [a.ruc, a])),
  sites: new Map(sites.map((s) => [s.code, s])),
  certificates,
};

const { cooperative, trader, refinery, jeweler, shadowMiner, collector } = DEMO_RUC;
const COOP = DEMO_SITE.cooperative;
const SHADOW = DEMO_SITE.shadow;

const inputs: LedgerEventInput[] = [
  // 1. the Fairmined chain: mine → trader → refinery → jeweler
  { id: 'FM-P1', type: 'produce', date: '2024-05-02', actor: cooperative, site: COOP, lot: 'COOP-0502', material: 'dore', grams: 1000, fineness: 0.9 },
  { id: 'FM-T1', type: 'transfer', date: '2024-05-03', from: cooperative, to: trader, lot: 'COOP-0502', priceUsd: 62_000, claim: 'FAIRMINED' },
  { id: 'FM-T2', type: 'transfer', date: '2024-05-10', from: trader, to: refinery, lot: 'COOP-0502', priceUsd: 63_000, claim: 'FAIRMINED' },
  {
    id: 'FM-X1',
    type: 'process',
    date: '2024-05-14',
    actor: refinery,
    inputs: ['COOP-0502'],
    recovery: 0.995,
    output: { lot: 'REF-FM-0514', material: 'fine_gold', fineness: 0.9999 },
  },
  {
    id: 'FM-T3',
    type: 'transfer',
    date: '2024-05-20',
    from: refinery,
    to: jeweler,
    lot: 'REF-FM-0514',
    fineGrams: 500,
    newLot: 'JOY-FM-01',
    priceUsd: 36_000,
    claim: 'FAIRMINED',
  },
  // 2. the laundering pattern
  { id: 'SH-P1', type: 'produce', date: '2024-05-06', actor: shadowMiner, site: SHADOW, lot: 'SH-0506', material: 'ore', tonnes: 500, gradeGpt: 6 },
  { id: 'SH-P2', type: 'produce', date: '2024-05-25', actor: shadowMiner, site: SHADOW, lot: 'SH-0525', material: 'ore', tonnes: 400, gradeGpt: 6 },
  { id: 'SH-T1', type: 'transfer', date: '2024-05-27', from: shadowMiner, to: collector, lot: 'SH-0506', priceUsd: 150_000 },
  { id: 'FM-P2', type: 'produce', date: '2024-05-20', actor: cooperative, site: COOP, lot: 'COOP-0520', material: 'dore', grams: 600, fineness: 0.9 },
  { id: 'FM-T4', type: 'transfer', date: '2024-05-21', from: cooperative, to: collector, lot: 'COOP-0520', claim: 'FAIRMINED' },
  {
    id: 'SH-X1',
    type: 'process',
    date: '2024-05-28',
    actor: collector,
    inputs: ['COOP-0520', 'SH-0506'],
    untrackedFineGrams: 2000,
    recovery: 1,
    output: { lot: 'ACO-MIX-01', material: 'dore', fineness: 0.88 },
  },
  { id: 'SH-T2', type: 'transfer', date: '2024-05-29', from: collector, to: refinery, lot: 'ACO-MIX-01', priceUsd: 340_000, claim: 'FAIRMINED' },
];

/** The demo events, in file order. */
export const DEMO_EVENTS: LedgerEvent[] = inputs.map((input) => ledgerEventSchema.parse(input));
