/**
 * Legal cut-off dates of the integral formalization process (proceso de
 * formalización minera integral) as dated rules: each law or decree that set or
 * extended the end of the process, from the day it took effect. Adding the next
 * extension is adding a row, not changing code.
 *
 * Sources were checked against press reports of the publication in El Peruano;
 * rows marked `certainty: 'approximate'` have a date that could not be confirmed
 * to the day and must be checked against the official text before being relied on
 * for a decision (they only matter for dates within a few days of a change).
 */
// @ts-nocheck

import { toDayNumber, addDays, type IsoDate } from '../../kernel/peru-date.ts';

export type LegalDeadlineRule = {
  readonly id: string;
  /** The legal instrument, as cited. */
  readonly instrument: string;
  readonly publishedOn: IsoDate;
  /** The day the rule took effect (usually the day after publication, Constitution art. 109). */
  readonly effectiveFrom: IsoDate;
  /** Last day of the formalization process under this rule. */
  readonly deadline: IsoDate;
  /** A later date the rule allows the Executive to extend to, if any. */
  readonly extendableTo?: IsoDate;
  /** The process ends earlier if the MAPE law and its regulation enter into force. */
  readonly endsWhenMapeLawInForce?: boolean;
  readonly certainty: 'confirmed' | 'approximate';
  readonly notes: string;
};

/** The rules, ordered by `effectiveFrom`. */
export const FORMALIZATION_DEADLINE_RULES: readonly LegalDeadlineRule[] = [
  {
    id: 'dl-1293',
    instrument: 'Decreto Legislativo 1293',
    publishedOn: '2016-12-30',
    effectiveFrom: '2016-12-31',
    // 36 months counted from the close of the REINFO inscription (August 2017).
    deadline: '2020-08-01',
    certainty: 'approximate',
    notes:
      'Created the integral formalization process and REINFO; the process lasted 36 months from the close of the ' +
      'REINFO inscription (August 2017), i.e. to about August 2020. Publication day (29 or 30 Dec 2016) and the ' +
      'exact end day are approximate. Earlier processes (DL 1105, 2012) are out of scope.',
  },
  {
    id: 'ley-31007',
    instrument: 'Ley 31007',
    publishedOn: '2019-10-17',
    effectiveFrom: '2019-10-18',
    deadline: '2021-12-31',
    certainty: 'approximate',
    notes:
      'Restructured the REINFO inscription (a new 120-day inscription window) and extended the process to ' +
      '31 Dec 2021. Publication in October 2019 per press; the day is to be verified.',
  },
  {
    id: 'ley-31388',
    instrument: 'Ley 31388',
    publishedOn: '2022-01-31',
    effectiveFrom: '2022-02-01',
    deadline: '2024-12-31',
    certainty: 'approximate',
    notes:
      'Extended the process to 31 Dec 2024. Sources disagree on the publication date: two press reports give ' +
      'promulgation on 31 Jan 2022 (leaving January 2022 without a process in force), another dates the ' +
      'extension to December 2021 (likely the congressional vote). Verify in El Peruano.',
  },
  {
    id: 'ley-32213',
    instrument: 'Ley 32213',
    publishedOn: '2024-12-27',
    effectiveFrom: '2024-12-28',
    deadline: '2025-06-30',
    extendableTo: '2025-12-31',
    certainty: 'confirmed',
    notes:
      'Extended REINFO and the process to 30 Jun 2025, extendable once by supreme decree for up to six months. ' +
      'Made MINEM the governing body (ente rector) of the process.',
  },
  {
    id: 'ds-2025-extension',
    instrument: 'Decreto Supremo (2025, under Ley 32213 art. 6)',
    publishedOn: '2025-06-28',
    effectiveFrom: '2025-06-28',
    deadline: '2025-12-31',
    certainty: 'approximate',
    notes:
      'The single six-month extension allowed by Ley 32213, to 31 Dec 2025, announced by MINEM in late June 2025. ' +
      'The decree number and publication day were not verified; the date here is the latest plausible one ' +
      'before the 30 Jun 2025 deadline.',
  },
  {
    id: 'ley-32537',
    instrument: 'Ley 32537',
    publishedOn: '2025-12-26',
    effectiveFrom: '2025-12-27',
    deadline: '2026-12-31',
    endsWhenMapeLawInForce: true,
    certainty: 'confirmed',
    notes:
      'Amended DL 1293 art. 6: the process runs to 31 Dec 2026 or until the MAPE law and its regulation enter ' +
      'into force, whichever comes first. Also ordered a national census of small-scale mining and the ' +
      'transfer of regional formalization files to MINEM.',
  },
];

type DeadlineInForce = {
  readonly rule: LegalDeadlineRule;
  /** The last day of the process on that date, after any MAPE-law cut-off. */
  readonly deadline: IsoDate;
  /** Whether the process is still open on that date (date ≤ deadline). */
  readonly processOpen: boolean;
};

type DeadlineOptions = {
  readonly rules?: readonly LegalDeadlineRule[];
  /** Entry into force of the MAPE law and its regulation, once known. */
  readonly mapeLawInForceOn?: IsoDate;
};

/**
 * The deadline rule in force on a date: the rule with the latest `effectiveFrom`
 * on or before it. `undefined` before DL 1293 took effect. A date after the
 * deadline and before the next extension took effect gets `processOpen: false`.
 */
export function deadlineOn(date: IsoDate, options: DeadlineOptions = {}): DeadlineInForce | undefined {
  const day = toDayNumber(date);
  const rules = options.rules ?? FORMALIZATION_DEADLINE_RULES;
  let rule: LegalDeadlineRule | undefined;
  for (const candidate of rules) {
    if (toDayNumber(candidate.effectiveFrom) > day) continue;
    if (!rule || toDayNumber(candidate.effectiveFrom) >= toDayNumber(rule.effectiveFrom)) rule = candidate;
  }
  if (!rule) return undefined;
  let deadline = rule.deadline;
  if (rule.endsWhenMapeLawInForce && options.mapeLawInForceOn !== undefined) {
    const lastDayBeforeMape = addDays(options.mapeLawInForceOn, -1);
    if (toDayNumber(lastDayBeforeMape) < toDayNumber(deadline)) deadline = lastDayBeforeMape;
  }
  return { rule, deadline, processOpen: day <= toDayNumber(deadline) };
}
