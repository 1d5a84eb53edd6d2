/**
 * The baseline's figures from submissions, disaggregated, with statistical disclosure
 * control: a cell (a group of respondents) with fewer than five respondents is
 * suppressed, and when exactly one cell of a breakdown would be suppressed the next
 * smallest is suppressed too, so that no suppressed cell can be worked out from the
 * total and the others (complementary suppression; INEI practice for survey tables and
 * Law 29733 on personal data: no individual answer is published). Pure.
 */
// @ts-nocheck

import type { Answers } from './xlsform.model.ts';

export const MIN_CELL = 5;

export type Dimension = 'region' | 'stratum' | 'sex' | 'age_band';

export type Indicator =
  /** Share of respondents whose `field` has `value` (a select_one answer, or one of a select_multiple's). */
  | { code: string; label: { es: string; en: string }; kind: 'share'; field: string; value: string }
  /** Sum of `num` over sum of `den` among respondents who answered both. */
  | { code: string; label: { es: string; en: string }; kind: 'ratio'; num: string; den: string };

export interface Fact {
  departmentCode: string;
  facts: Answers;
}

export interface Cell {
  group: string;
  respondents: number | null;
  value: number | null;
  suppressed: boolean;
}

/** Age bands of the respondents (years): 18–29, 30–44, 45–59, 60 and over. */
export function ageBand(age: string | undefined): string | null {
  const n = Number(age);
  if (age === undefined || age === '' || !Number.isFinite(n)) return null;
  if (n < 18) return 'under_18';
  if (n < 30) return '18-29';
  if (n < 45) return '30-44';
  if (n < 60) return '45-59';
  return '60+';
}

/** The group of a respondent along a dimension, given the form's fields for it. */
export function groupOf(f: Fact, by: Dimension, fields: { stratum: string; sex: string; age: string }): string | null {
  const text = (k: string) => {
    const v = f.facts[k];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  if (by === 'region') return f.departmentCode;
  if (by === 'stratum') return text(fields.stratum);
  if (by === 'sex') return text(fields.sex);
  return ageBand(text(fields.age) ?? undefined);
}

function measure(ind: Indicator, facts: readonly Fact[]): { respondents: number; value: number | null } {
  if (ind.kind === 'share') {
    const answered = facts.filter((f) => typeof f.facts[ind.field] === 'string' && f.facts[ind.field] !== '');
    const yes = answered.filter((f) => String(f.facts[ind.field]).split(/\s+/).includes(ind.value)).length;
    return { respondents: answered.length, value: answered.length ? yes / answered.length : null };
  }
  const both = facts.filter(
    (f) =>
      Number.isFinite(Number(f.facts[ind.num])) &&
      Number.isFinite(Number(f.facts[ind.den])) &&
      f.facts[ind.num] !== undefined &&
      f.facts[ind.den] !== undefined,
  );
  const num = both.reduce((s, f) => s + Number(f.facts[ind.num]), 0);
  const den = both.reduce((s, f) => s + Number(f.facts[ind.den]), 0);
  return { respondents: both.length, value: den > 0 ? num / den : null };
}

/** Suppresses cells under MIN_CELL respondents, and a second one when only one would be. */
export function suppress(cells: { group: string; respondents: number; value: number | null }[], minCell = MIN_CELL): Cell[] {
  const small = new Set(cells.filter((c) => c.respondents < minCell).map((c) => c.group));
  if (small.size === 1 && cells.length > 1) {
    const next = cells.filter((c) => !small.has(c.group)).sort((a, b) => a.respondents - b.respondents || a.group.localeCompare(b.group))[0];
    if (next) small.add(next.group);
  }
  return cells.map((c) => (small.has(c.group) ? { group: c.group, respondents: null, value: null, suppressed: true } : { ...c, suppressed: false }));
}

/** Each indicator by group along a dimension, and over everyone, suppressed. */
export function aggregate(
  facts: readonly Fact[],
  by: Dimension,
  indicators: readonly Indicator[],
  fields: { stratum: string; sex: string; age: string },
  minCell = MIN_CELL,
) {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    const g = groupOf(f, by, fields);
    if (g === null) continue;
    groups.set(g, [...(groups.get(g) ?? []), f]);
  }
  const keys = [...groups.keys()].sort();
  return indicators.map((ind) => {
    const cells = suppress(
      keys.map((g) => ({ group: g, ...measure(ind, groups.get(g)!) })).filter((c) => c.respondents > 0),
      minCell,
    );
    const [total] = suppress([{ group: 'total', ...measure(ind, facts) }], minCell);
    return { code: ind.code, label: ind.label, cells, total: total! };
  });
}
