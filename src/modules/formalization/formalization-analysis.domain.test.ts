import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogByReviewer, median, p90, quantile, stalledRequirements, stepIntervals, summarizeSteps, timeInSteps } from './formalization-analysis.domain.ts';
import { crossTab, funnelByMonth, MILESTONES, milestonesOf } from './formalization-funnel.domain.ts';
import { expedienteDriver, formalizedDriver } from './formalization.factories.ts';

describe('median and p90', () => {
  it('interpolate like PostgreSQL percentile_cont', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(9.1);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('stay within the data and grow with the quantile', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const m = median(values) ?? NaN;
        const high = p90(values) ?? NaN;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(high).toBeLessThanOrEqual(Math.max(...values));
        expect(high).toBeGreaterThanOrEqual(m);
      }),
    );
  });
});

describe('time in each step', () => {
  it('measures waiting for filing, review and correction per requirement', () => {
    const d = expedienteDriver('exp-1', '2024-04-01T15:00:00.000Z');
    d.step('open');
    d.step('file', 'igafom', 48);
    d.step('start_review', 'igafom', 72);
    d.step('observe', 'igafom', 24 * 10);
    d.step('correct', 'igafom', 24 * 5);
    d.step('start_review', 'igafom', 24);
    d.step('approve', 'igafom', 24 * 3);
    const igafom = timeInSteps(d.actions).filter((i) => i.requirement === 'igafom');
    expect(igafom.map((i) => [i.step, i.days])).toEqual([
      ['awaiting_filing', 2],
      ['filed', 3],
      ['under_review', 10],
      ['observed', 5],
      ['corrected', 1],
      ['under_review', 3],
    ]);
    expect(igafom[2]).toMatchObject({ actorUserId: 'official-1', attempt: 1, expedienteId: 'exp-1' });
    // From Sunday 2024-04-07 to Wednesday 2024-04-17: eight business days.
    expect(igafom[2]?.businessDays).toBe(8);
  });

  it('leaves current steps open, measured up to asOf when given', () => {
    const d = expedienteDriver('exp-1', '2024-04-01T15:00:00.000Z');
    d.step('open');
    d.step('file', 'surface_land');
    const open = stepIntervals(d.state).find((i) => i.requirement === 'surface_land' && i.step === 'filed');
    expect(open).toMatchObject({ step: 'filed' });
    expect(open?.to).toBeUndefined();
    expect(open?.days).toBeUndefined();
    const measured = stepIntervals(d.state, { asOf: '2024-04-13T15:00:00.000Z' });
    expect(measured.find((i) => i.requirement === 'surface_land' && i.step === 'filed')?.days).toBe(10);
  });

  it('starts waiting for the technical file when its last prerequisite is approved', () => {
    const d = formalizedDriver();
    const technical = timeInSteps(d.actions).filter((i) => i.requirement === 'technical_file');
    const lastPrerequisite = d.state.requirements.surface_land.decision?.at;
    expect(technical[0]).toMatchObject({ step: 'awaiting_filing', from: lastPrerequisite, days: 1 });
    const summary = summarizeSteps(timeInSteps(d.actions));
    expect(summary.find((s) => s.requirement === 'igafom' && s.step === 'under_review')).toEqual({
      requirement: 'igafom',
      step: 'under_review',
      count: 1,
      medianDays: 1,
      p90Days: 1,
    });
  });
});

describe('stalled files and backlog', () => {
  it('lists requirements waiting longer than the threshold, longest first', () => {
    const d = expedienteDriver('exp-1', '2024-04-01T15:00:00.000Z');
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom', 24 * 5);
    const stalled = stalledRequirements([d.state, formalizedDriver('exp-2').state], '2024-05-01T15:00:00.000Z', 20);
    expect(stalled.map((s) => [s.requirement, s.status])).toEqual([
      ['mining_right_access', 'not_started'],
      ['surface_land', 'not_started'],
      ['igafom', 'under_review'],
    ]);
    expect(stalled[2]).toMatchObject({ reviewerUserId: 'official-1', days: 23 });
  });

  it('counts requirements under review per reviewer and the unassigned queue', () => {
    const a = expedienteDriver('exp-a');
    a.step('open');
    a.step('file', 'igafom');
    a.step('start_review', 'igafom');
    a.step('file', 'surface_land');
    const b = expedienteDriver('exp-b');
    b.step('open');
    b.step('file', 'igafom');
    b.step('exclude');
    expect(backlogByReviewer([a.state, b.state])).toEqual([
      { reviewerUserId: 'official-1', pending: 1, oldestSince: a.state.requirements.igafom.since },
      { reviewerUserId: null, pending: 1, oldestSince: a.state.requirements.surface_land.since },
    ]);
  });
});

describe('funnel and cross-tabs', () => {
  it('counts milestones by month, per region and nationally, with running totals', () => {
    const formalized = formalizedDriver('exp-1').state;
    const started = expedienteDriver('exp-2');
    started.step('open');
    expect(milestonesOf(formalized).map((m) => m.milestone)).toEqual([
      'inscribed',
      'igafom_approved',
      'mining_right_access_approved',
      'surface_land_approved',
      'technical_file_approved',
      'start_authorization_approved',
      'formalized',
    ]);
    const rows = funnelByMonth([
      { region: 'MADRE DE DIOS', state: formalized },
      { region: 'PUNO', state: started.state },
    ]);
    const inscribed = rows.filter((r) => r.milestone === 'inscribed');
    expect(inscribed).toEqual([
      { scope: 'MADRE DE DIOS', month: '2024-01', milestone: 'inscribed', count: 1, cumulative: 1 },
      { scope: 'PUNO', month: '2024-01', milestone: 'inscribed', count: 1, cumulative: 1 },
      { scope: 'national', month: '2024-01', milestone: 'inscribed', count: 2, cumulative: 2 },
    ]);
    expect(rows.filter((r) => r.milestone === 'formalized').map((r) => r.scope)).toEqual(['MADRE DE DIOS', 'national']);
  });

  it('cross-tabulates by two keys', () => {
    const items = [
      { stage: 'in_progress', stratum: 'PMA' },
      { stage: 'in_progress', stratum: 'PMA' },
      { stage: 'formalized', stratum: 'PPM' },
    ];
    expect(
      crossTab(
        items,
        (i) => i.stage,
        (i) => i.stratum,
      ),
    ).toEqual({
      rows: ['formalized', 'in_progress'],
      columns: ['PMA', 'PPM'],
      cells: [
        { row: 'formalized', column: 'PPM', count: 1 },
        { row: 'in_progress', column: 'PMA', count: 2 },
      ],
    });
  });
});

describe('funnel: Peruvian months, running totals, scope order', () => {
  it('an inscription without a REINFO date counts from the opening, in Peru time; an unopened file reaches nothing', () => {
    const d = expedienteDriver('exp-9', '2024-03-31T02:00:00.000Z');
    d.step('open', undefined, 1); // 2024-03-31T03:00Z: still 30 March in Peru
    const { inscribedOn: _unknown, ...withoutDate } = d.state;
    expect(milestonesOf(withoutDate)).toEqual([{ milestone: 'inscribed', month: '2024-03' }]);
    const { openedAt: _never, ...neither } = withoutDate;
    expect(milestonesOf(neither)).toEqual([]);
    expect(milestonesOf(d.state)[0]?.month).toBe(d.state.inscribedOn?.slice(0, 7));
  });
  it('an approval at 23:30 in Lima on the last day of a month counts in that month', () => {
    const d = expedienteDriver('exp-8', '2024-04-29T04:30:00.000Z');
    d.step('open', undefined, 1);
    d.step('file', 'igafom', 1);
    d.step('start_review', 'igafom', 1);
    d.step('approve', 'igafom', 24); // 2024-05-01T04:30Z = 30 April 23:30 in Lima
    expect(milestonesOf(d.state).find((m) => m.milestone === 'igafom_approved')?.month).toBe('2024-04');
  });
  it('cumulative counts run per scope and milestone across months; regions alphabetically, the nation last', () => {
    const a = expedienteDriver('a', '2024-01-10T15:00:00.000Z');
    a.step('open');
    const b = expedienteDriver('b', '2024-03-10T15:00:00.000Z');
    b.step('open');
    const c = expedienteDriver('c', '2024-03-10T15:00:00.000Z');
    c.step('open');
    // without a REINFO date the opening month counts: January for a, March for b and c
    const opened = (x: typeof a) => {
      const { inscribedOn: _dropped, ...state } = x.state;
      return state;
    };
    const rows = funnelByMonth([
      { region: 'zona sur', state: opened(a) },
      { region: 'AMAZONAS', state: opened(b) },
      { region: 'zona sur', state: opened(c) },
    ]).filter((r) => r.milestone === 'inscribed');
    expect(rows.map((r) => [r.scope, r.month, r.count, r.cumulative])).toEqual([
      ['AMAZONAS', '2024-03', 1, 1],
      ['zona sur', '2024-01', 1, 1],
      ['zona sur', '2024-03', 1, 2],
      ['national', '2024-01', 1, 1],
      ['national', '2024-03', 2, 3],
    ]);
    expect(funnelByMonth([])).toEqual([]);
  });
  it('milestones keep the funnel order within a scope, whatever their months', () => {
    const rows = funnelByMonth([{ region: 'PUNO', state: formalizedDriver('f').state }]).filter((r) => r.scope === 'PUNO');
    expect(rows.map((r) => r.milestone)).toEqual(MILESTONES);
    expect(MILESTONES[0]).toBe('inscribed');
    expect(MILESTONES.at(-1)).toBe('formalized');
    expect(rows.every((r) => r.count === 1 && r.cumulative === 1)).toBe(true);
  });
  it('cross-tabs sort rows, then columns, and count each pair', () => {
    const items = ['b|y', 'a|y', 'b|x', 'a|y', 'c|x'].map((s) => ({ r: s[0]!, c: s[2]! }));
    expect(
      crossTab(
        items,
        (i) => i.r,
        (i) => i.c,
      ),
    ).toEqual({
      rows: ['a', 'b', 'c'],
      columns: ['x', 'y'],
      cells: [
        { row: 'a', column: 'y', count: 2 },
        { row: 'b', column: 'x', count: 1 },
        { row: 'b', column: 'y', count: 1 },
        { row: 'c', column: 'x', count: 1 },
      ],
    });
    expect(crossTab([], String, String)).toEqual({ rows: [], columns: [], cells: [] });
  });
});
