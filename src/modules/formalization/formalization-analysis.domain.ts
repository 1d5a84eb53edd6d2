/**
 * Pure pieces of the formalization analysis: time spent in each step (where
 * files stall), stalled files, backlog per reviewer, the funnel by month and
 * cross-tabs. The SQL views of the reports should agree with these functions;
 * `quantile` matches PostgreSQL's `percentile_cont`.
 */
import { businessDaysBetween, type CalendarOptions } from '../../kernel/business-days.ts';
import { toPeruDate } from '../../kernel/peru-date.ts';
import { REQUIREMENT_CODES, type Action, type RequirementCode } from './formalization.schema.ts';
import type { ExpedienteState, RequirementStatus } from './formalization-state.schema.ts';
import { reduce } from './formalization.domain.ts';

const MS_PER_DAY = 86_400_000;

/**
 * The q-quantile (0 ≤ q ≤ 1) with linear interpolation between closest ranks,
 * as PostgreSQL `percentile_cont` and numpy's default; `undefined` for no values.
 */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be within [0, 1], got ${q}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - lower);
}

/** The median (`percentile_cont(0.5)`); `undefined` for no values. */
export const median = (values: readonly number[]): number | undefined => quantile(values, 0.5);
/** The 90th percentile (`percentile_cont(0.9)`); `undefined` for no values. */
export const p90 = (values: readonly number[]): number | undefined => quantile(values, 0.9);

/** A step of a requirement: a waiting status, or waiting to be filed once available. */
export type Step = 'awaiting_filing' | Exclude<RequirementStatus, 'not_started' | 'approved'>;

type StepInterval = {
  readonly expedienteId: string;
  readonly requirement: RequirementCode;
  readonly step: Step;
  /** Which filing of the requirement (0 while awaiting the first filing). */
  readonly attempt: number;
  readonly from: string;
  /** When the step ended; absent while the expedient is still in it. */
  readonly to?: string;
  /** Calendar days (fractional); for an open step, up to `asOf` when given. */
  readonly days?: number;
  /** Business days between the Peruvian dates of both ends. */
  readonly businessDays?: number;
  /** Who put the requirement in this step (for `under_review`, the reviewer). */
  readonly actorUserId?: string;
};

type IntervalOptions = { readonly asOf?: string; readonly calendar?: CalendarOptions };

function measure(from: string, to: string | undefined, options: IntervalOptions): Pick<StepInterval, 'days' | 'businessDays'> {
  const end = to ?? options.asOf;
  if (end === undefined) return {};
  return {
    days: (Date.parse(end) - Date.parse(from)) / MS_PER_DAY,
    businessDays: businessDaysBetween(toPeruDate(from), toPeruDate(end), options.calendar),
  };
}

/**
 * Time spent in each step of each requirement of a derived state. Steps still
 * open are included (without `to`) unless the inscription is excluded; a
 * rejection not followed by a new filing is an end, not a step.
 */
export function stepIntervals(state: ExpedienteState, options: IntervalOptions = {}): StepInterval[] {
  const expedienteId = state.expedienteId ?? '';
  const keepOpen = state.stage !== 'excluded';
  const intervals: StepInterval[] = [];
  for (const requirement of REQUIREMENT_CODES) {
    const r = state.requirements[requirement];
    const first = r.transitions[0];
    if (r.availableSince !== undefined && (first !== undefined || keepOpen)) {
      const to = first?.at;
      intervals.push({
        expedienteId,
        requirement,
        step: 'awaiting_filing',
        attempt: 0,
        from: r.availableSince,
        ...(to !== undefined ? { to } : {}),
        ...measure(r.availableSince, to, options),
      });
    }
    let attempt = 0;
    r.transitions.forEach((t, i) => {
      if (t.status === 'filed') attempt += 1;
      const to = r.transitions[i + 1]?.at;
      if (t.status === 'approved' || t.status === 'not_started') return;
      if (to === undefined && (t.status === 'rejected' || !keepOpen)) return;
      intervals.push({
        expedienteId,
        requirement,
        step: t.status,
        attempt,
        from: t.at,
        actorUserId: t.actorUserId,
        ...(to !== undefined ? { to } : {}),
        ...measure(t.at, to, options),
      });
    });
  }
  return intervals;
}

/** Time-in-step extraction straight from an expediente's action list. */
export function timeInSteps(actions: readonly Action[], options: IntervalOptions = {}): StepInterval[] {
  return stepIntervals(reduce(actions, options.calendar ? { calendar: options.calendar } : {}), options);
}

type StepSummary = {
  readonly requirement: RequirementCode;
  readonly step: Step;
  readonly count: number;
  readonly medianDays: number | undefined;
  readonly p90Days: number | undefined;
};

/** Median and p90 days per requirement and step, over finished steps only. */
export function summarizeSteps(intervals: readonly StepInterval[]): StepSummary[] {
  const groups = new Map<string, { requirement: RequirementCode; step: Step; days: number[] }>();
  for (const i of intervals) {
    if (i.to === undefined || i.days === undefined) continue;
    const key = `${i.requirement}\u0000${i.step}`;
    const group = groups.get(key) ?? { requirement: i.requirement, step: i.step, days: [] };
    group.days.push(i.days);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    requirement: g.requirement,
    step: g.step,
    count: g.days.length,
    medianDays: median(g.days),
    p90Days: p90(g.days),
  }));
}

const WAITING: readonly RequirementStatus[] = ['filed', 'under_review', 'observed', 'corrected'];

type StalledItem = {
  readonly expedienteId: string;
  readonly requirement: RequirementCode;
  readonly status: RequirementStatus;
  readonly since: string;
  readonly days: number;
  readonly reviewerUserId?: string;
};

/**
 * Requirements waiting longer than `thresholdDays` (calendar days) on `asOf`: in
 * a waiting status, or available but never filed. Formalized and excluded files
 * are not stalled. Longest first.
 */
export function stalledRequirements(states: readonly ExpedienteState[], asOf: string, thresholdDays: number): StalledItem[] {
  const items: StalledItem[] = [];
  for (const state of states) {
    if (state.stage === 'formalized' || state.stage === 'excluded' || state.stage === 'not_opened') continue;
    for (const requirement of REQUIREMENT_CODES) {
      const r = state.requirements[requirement];
      const waiting = WAITING.includes(r.status) || (r.status === 'not_started' && r.availableSince !== undefined);
      const since = r.status === 'not_started' ? r.availableSince : r.since;
      if (!waiting || since === undefined) continue;
      const days = (Date.parse(asOf) - Date.parse(since)) / MS_PER_DAY;
      if (days <= thresholdDays) continue;
      items.push({
        expedienteId: state.expedienteId ?? '',
        requirement,
        status: r.status,
        since,
        days,
        ...(r.status === 'under_review' && r.reviewerUserId !== undefined ? { reviewerUserId: r.reviewerUserId } : {}),
      });
    }
  }
  return items.sort((a, b) => b.days - a.days);
}

type ReviewerBacklog = {
  /** `null` for requirements filed or corrected that no official has taken up. */
  readonly reviewerUserId: string | null;
  readonly pending: number;
  readonly oldestSince: string;
};

/**
 * Requirements under review per reviewer (most loaded first), then the
 * unassigned queue (filed or corrected, not yet taken up); excluded files are left out.
 */
export function backlogByReviewer(states: readonly ExpedienteState[]): ReviewerBacklog[] {
  const backlog = new Map<string | null, { pending: number; oldestSince: string }>();
  for (const state of states) {
    if (state.stage === 'excluded' || state.stage === 'not_opened') continue;
    for (const requirement of REQUIREMENT_CODES) {
      const r = state.requirements[requirement];
      const key = r.status === 'under_review' ? (r.reviewerUserId ?? null) : null;
      if (!(r.status === 'under_review' || r.status === 'filed' || r.status === 'corrected') || !r.since) continue;
      const entry = backlog.get(key) ?? { pending: 0, oldestSince: r.since };
      entry.pending += 1;
      if (Date.parse(r.since) < Date.parse(entry.oldestSince)) entry.oldestSince = r.since;
      backlog.set(key, entry);
    }
  }
  return [...backlog.entries()]
    .map(([reviewerUserId, e]) => ({ reviewerUserId, ...e }))
    .sort(
      (a, b) =>
        Number(a.reviewerUserId === null) - Number(b.reviewerUserId === null) ||
        b.pending - a.pending ||
        (a.reviewerUserId ?? '').localeCompare(b.reviewerUserId ?? ''),
    );
}
