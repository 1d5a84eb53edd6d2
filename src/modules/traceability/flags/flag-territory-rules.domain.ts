/**
 * PROTECTED_AREA_ORIGIN: production declared from a mining front that lies inside a
 * protected natural area (SERNANP). Mining in an ANP is excluded outright, and in a
 * buffer zone it needs SERNANP's favourable opinion (Ley 26834 de Áreas Naturales
 * Protegidas, arts. 21 and 27; D.S. 038-2001-AG, art. 116; formalization excludes ANP:
 * D.L. 1105 art. 3). Informal miners really are there: the flag is a finding for the
 * buyer and the official, not a refusal of the record.
 */
import type { IsoDate } from '../../../kernel/peru-date.ts';
import { makeFlag, type Flag } from './flag-model.domain.ts';
import type { LedgerEntry } from '../ledger/ledger.state.ts';

type Produce = Extract<LedgerEntry, { type: 'produce' }>;

export const PROTECTED_AREA_ORIGIN = 'PROTECTED_AREA_ORIGIN' as const;

/** An area a producer's front on a site lies in (from territory's `areaOverlaps`). */
export interface FrontArea {
  /** The producer (RUC) whose REINFO front it is. */
  actor: string;
  /** The mining right code the front is declared on. */
  site: string;
  areaKind: string;
  areaName: string;
  category: string | null;
}

/** Territory facts for the flag: the areas of each producer's front per site, keyed `site|actor`. */
export type FrontAreas = ReadonlyMap<string, readonly FrontArea[]>;
export const frontAreaKey = (site: string, actor: string): string => `${site}|${actor}`;

/** The flag for one production event: its producer's front on the site is inside a protected area (buffer zones and exclusion areas: not this flag). */
export function protectedAreaOrigin(areas: FrontAreas, entry: Produce): Flag[] {
  const { actor, site, date, id, lot } = entry.event as { actor: string; site: string; date: IsoDate; id: string; lot: string | null };
  const inside = (areas.get(frontAreaKey(site, actor)) ?? []).filter((a) => a.areaKind === 'protected');
  if (inside.length === 0) return [];
  const names = inside.map((a) => `${a.areaName}${a.category ? ` (${a.category})` : ''}`).join(', ');
  return [
    makeFlag(PROTECTED_AREA_ORIGIN, {
      date,
      actor,
      lot,
      eventIds: [id],
      message: `${actor} produced at ${site} from a front inside the protected area ${names}`,
    }),
  ];
}
