import { describe, expect, it } from 'vitest';
import { FORMALIZATION_DEADLINE_RULES, deadlineOn, type LegalDeadlineRule } from './legal-deadlines.domain.ts';

describe('legal cut-off dates of the formalization process', () => {
  it.each([
    ['2018-05-01', 'dl-1293', '2020-08-01', true],
    ['2021-06-01', 'ley-31007', '2021-12-31', true],
    ['2022-01-15', 'ley-31007', '2021-12-31', false],
    ['2023-01-01', 'ley-31388', '2024-12-31', true],
    ['2024-12-27', 'ley-31388', '2024-12-31', true],
    ['2024-12-31', 'ley-32213', '2025-06-30', true],
    ['2025-01-10', 'ley-32213', '2025-06-30', true],
    ['2025-09-01', 'ds-2025-extension', '2025-12-31', true],
    ['2026-03-01', 'ley-32537', '2026-12-31', true],
    ['2027-01-01', 'ley-32537', '2026-12-31', false],
  ])('on %s the rule in force is %s (deadline %s, open: %s)', (date, id, deadline, open) => {
    expect(deadlineOn(date)).toMatchObject({ rule: { id }, deadline, processOpen: open });
  });

  it('has no rule before DL 1293', () => {
    expect(deadlineOn('2016-06-01')).toBeUndefined();
  });

  it('ends the process the day before the MAPE law enters into force, if earlier', () => {
    const options = { mapeLawInForceOn: '2026-07-01' };
    expect(deadlineOn('2026-06-30', options)).toMatchObject({ deadline: '2026-06-30', processOpen: true });
    expect(deadlineOn('2026-07-01', options)).toMatchObject({ deadline: '2026-06-30', processOpen: false });
    expect(deadlineOn('2026-03-01', { mapeLawInForceOn: '2027-06-01' })?.deadline).toBe('2026-12-31');
    expect(deadlineOn('2024-03-01', options)?.deadline).toBe('2024-12-31');
  });

  it('keeps the rules ordered, each extending the previous deadline and taking effect after publication', () => {
    const rules = FORMALIZATION_DEADLINE_RULES;
    rules.forEach((rule, i) => {
      expect(rule.effectiveFrom >= rule.publishedOn).toBe(true);
      const previous = rules[i - 1];
      if (previous) {
        expect(rule.effectiveFrom > previous.effectiveFrom).toBe(true);
        expect(rule.deadline > previous.deadline).toBe(true);
      }
    });
  });

  it('reads the next extension from data', () => {
    const extension: LegalDeadlineRule = {
      id: 'future',
      instrument: 'Ley futura',
      publishedOn: '2026-12-20',
      effectiveFrom: '2026-12-21',
      deadline: '2027-12-31',
      certainty: 'confirmed',
      notes: '',
    };
    const rules = [...FORMALIZATION_DEADLINE_RULES, extension];
    expect(deadlineOn('2027-03-01', { rules })).toMatchObject({ rule: { id: 'future' }, processOpen: true });
  });
});

describe('legal cut-off dates: the day a rule starts and the day the process ends', () => {
  it('a rule applies from its effective day, not the day before', () => {
    expect(deadlineOn('2016-12-30')).toBeUndefined();
    expect(deadlineOn('2016-12-31')).toMatchObject({ rule: { id: 'dl-1293' }, processOpen: true });
    expect(deadlineOn('2019-10-17')?.rule.id).toBe('dl-1293');
    expect(deadlineOn('2019-10-18')?.rule.id).toBe('ley-31007');
    expect(deadlineOn('2025-06-27')?.rule.id).toBe('ley-32213');
    expect(deadlineOn('2025-06-28')?.rule.id).toBe('ds-2025-extension');
  });
  it('the deadline day is still open, the next is not, until the next extension takes effect (January 2022)', () => {
    expect(deadlineOn('2021-12-31')).toMatchObject({ deadline: '2021-12-31', processOpen: true });
    expect(deadlineOn('2022-01-01')).toMatchObject({ rule: { id: 'ley-31007' }, processOpen: false });
    expect(deadlineOn('2022-01-31')).toMatchObject({ rule: { id: 'ley-31007' }, processOpen: false });
    expect(deadlineOn('2022-02-01')).toMatchObject({ rule: { id: 'ley-31388' }, deadline: '2024-12-31', processOpen: true });
    expect(deadlineOn('2026-12-31')).toMatchObject({ processOpen: true });
  });
  it('the MAPE law cuts only a rule that says so, and only when it comes before the deadline', () => {
    expect(deadlineOn('2026-03-01', { mapeLawInForceOn: '2027-01-01' })?.deadline).toBe('2026-12-31'); // the day after: no change
    expect(deadlineOn('2026-03-01', { mapeLawInForceOn: '2026-12-31' })?.deadline).toBe('2026-12-30');
    expect(deadlineOn('2026-03-01')?.rule.endsWhenMapeLawInForce).toBe(true);
    expect(deadlineOn('2025-09-01', { mapeLawInForceOn: '2025-07-01' })).toMatchObject({ deadline: '2025-12-31', processOpen: true });
  });
  it('the latest effective rule wins whatever the order of the rows; on the same day, the row listed last', () => {
    const reversed = [...FORMALIZATION_DEADLINE_RULES].reverse();
    expect(deadlineOn('2023-01-01', { rules: reversed })?.rule.id).toBe('ley-31388');
    expect(deadlineOn('2018-01-01', { rules: reversed })?.rule.id).toBe('dl-1293');
    const correction: LegalDeadlineRule = { ...FORMALIZATION_DEADLINE_RULES[2]!, id: 'fe-de-erratas', deadline: '2024-11-30' };
    expect(deadlineOn('2023-01-01', { rules: [...FORMALIZATION_DEADLINE_RULES, correction] })).toMatchObject({
      rule: { id: 'fe-de-erratas' },
      deadline: '2024-11-30',
    });
    expect(deadlineOn('2023-01-01', { rules: [] })).toBeUndefined();
    expect(() => deadlineOn('2023-02-30')).toThrow(RangeError);
  });
  it('every rule cites its instrument, says how certain its dates are and why', () => {
    expect(FORMALIZATION_DEADLINE_RULES.map((r) => [r.id, r.instrument, r.certainty])).toEqual([
      ['dl-1293', 'Decreto Legislativo 1293', 'approximate'],
      ['ley-31007', 'Ley 31007', 'approximate'],
      ['ley-31388', 'Ley 31388', 'approximate'],
      ['ley-32213', 'Ley 32213', 'confirmed'],
      ['ds-2025-extension', 'Decreto Supremo (2025, under Ley 32213 art. 6)', 'approximate'],
      ['ley-32537', 'Ley 32537', 'confirmed'],
    ]);
    expect(FORMALIZATION_DEADLINE_RULES.find((r) => r.id === 'ley-32213')?.extendableTo).toBe('2025-12-31');
    expect(FORMALIZATION_DEADLINE_RULES.filter((r) => r.endsWhenMapeLawInForce).map((r) => r.id)).toEqual(['ley-32537']);
    for (const r of FORMALIZATION_DEADLINE_RULES) expect(r.notes.length).toBeGreaterThan(60);
  });
});
