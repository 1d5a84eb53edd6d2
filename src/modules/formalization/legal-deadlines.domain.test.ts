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
