/**
 * Red flags of the ledger: their codes, severities, shape and thresholds.
 * Thresholds are data: callers pass their own (e.g. loaded from the database's
 * dated rules); {@link FLAG_THRESHOLDS} are the defaults.
 */
import type { IsoDate } from '../../../kernel/peru-date.ts';
import type { Material } from '../ledger/ledger.schema.ts';
import type { ActorKind, Stratum } from '../ledger/ledger.state.ts';

export const FLAG_CODES = [
  'SELLER_NOT_VIGENTE',
  'BUYER_NOT_REGISTERED',
  'CAPACITY_EXCEEDED',
  'PLANT_CAPACITY_EXCEEDED',
  'GRADE_IMPLAUSIBLE',
  'NEGATIVE_BALANCE',
  'SITE_MISMATCH',
  'REGION_MISMATCH',
  'CERTIFIED_CLAIM_UNCERTIFIED',
  'FAST_RESALE',
  'PROTECTED_AREA_ORIGIN',
  'ECOLOGICAL_CLAIM_WITH_MERCURY',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How serious each flag is. */
export const FLAG_SEVERITY = {
  SELLER_NOT_VIGENTE: 'high',
  BUYER_NOT_REGISTERED: 'high',
  CAPACITY_EXCEEDED: 'high',
  PLANT_CAPACITY_EXCEEDED: 'high',
  GRADE_IMPLAUSIBLE: 'medium',
  NEGATIVE_BALANCE: 'high',
  SITE_MISMATCH: 'medium',
  REGION_MISMATCH: 'medium',
  CERTIFIED_CLAIM_UNCERTIFIED: 'high',
  FAST_RESALE: 'low',
  PROTECTED_AREA_ORIGIN: 'high',
  ECOLOGICAL_CLAIM_WITH_MERCURY: 'high',
} as const satisfies Record<FlagCode, Severity>;

/** A red flag, as printed by `veta ledger flags --json`. */
export interface Flag {
  readonly code: FlagCode;
  readonly severity: Severity;
  readonly date: IsoDate;
  readonly actor: string;
  readonly lot: string | null;
  readonly eventIds: string[];
  readonly message: string;
}

export interface FlagThresholds {
  /** Plausible range of `gradeGpt` (g/t) for ore and of `fineness` for other materials, inclusive. */
  readonly gradeRange: Readonly<Record<Material, { readonly min: number; readonly max: number }>>;
  /** A lot resold by its buyer within this many days of buying it is a fast resale. */
  readonly fastResaleDays: number;
  /** Stock below −tolerance (mg) at the end of a day is a negative balance. */
  readonly negativeBalanceToleranceMg: bigint;
  /** Maximum capacity per stratum, tonnes of ore per day (Law 27651: PMA 25, PPM 350). */
  readonly capacityTpdByStratum: Readonly<Partial<Record<Stratum, number>>>;
  /** Buyers of these kinds need a valid RECPO registration (and anyone buying from a producer). */
  readonly recpoRequiredKinds: readonly ActorKind[];
}

export const FLAG_THRESHOLDS: FlagThresholds = {
  gradeRange: {
    ore: { min: 0.5, max: 100 },
    concentrate: { min: 0.00002, max: 0.2 },
    dore: { min: 0.4, max: 0.98 },
    fine_gold: { min: 0.995, max: 1 },
    jewelry: { min: 0.333, max: 1 },
  },
  fastResaleDays: 3,
  negativeBalanceToleranceMg: 1000n,
  capacityTpdByStratum: { PMA: 25, PPM: 350 },
  recpoRequiredKinds: ['trader', 'plant', 'refinery', 'exporter'],
};

export function makeFlag(code: FlagCode, fields: { date: IsoDate; actor: string; lot: string | null; eventIds: string[]; message: string }): Flag {
  return { code, severity: FLAG_SEVERITY[code], ...fields };
}
